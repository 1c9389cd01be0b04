# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import html_escape
from odoo.tools.misc import format_date

KINDS = [
    ("stuck", "Stuck Opportunity"),
    ("quotation_expiring", "Quotation Expiring"),
    ("renewal", "Service Renewing"),
    ("inactive", "Customer Gone Inactive"),
]
SEVERITIES = [("info", "Information"), ("warning", "Warning"), ("danger", "Urgent")]
RANK = {code: rank for rank, (code, _label) in enumerate(SEVERITIES)}
SEVERITY = {
    "stuck": "danger",
    "quotation_expiring": "warning",
    "renewal": "info",
    "inactive": "warning",
}
# What tells one alert from another, besides the kind: a deal passed on to
# someone else closes the old one's alert and alerts the new one.
KEY_FIELDS = ("lead_id", "order_id", "partner_id", "user_id")
# How each severity pops up (web_notify).
POP_UPS = {
    "info": "notify_info",
    "warning": "notify_warning",
    "danger": "notify_danger",
}


class CrmDigitalAlert(models.Model):
    """Something about a customer that needs attention now. The scheduled
    check raises it (with a pop-up for the person alerted) and closes it,
    archived, once its cause is gone."""

    _name = "crm.digital.alert"
    _description = "Customer Alert"
    _order = "date desc, id desc"

    name = fields.Char("Alert", required=True)
    kind = fields.Selection(KINDS, required=True, index=True)
    severity = fields.Selection(SEVERITIES, required=True, default="warning")
    date = fields.Datetime("Raised On", required=True, default=fields.Datetime.now)
    date_closed = fields.Datetime("Closed On", readonly=True)
    active = fields.Boolean(default=True, help="Closed alerts are archived.")
    partner_id = fields.Many2one(
        "res.partner", "Customer", index=True, ondelete="cascade"
    )
    lead_id = fields.Many2one(
        "crm.lead", "Opportunity", index="btree_not_null", ondelete="cascade"
    )
    order_id = fields.Many2one(
        "sale.order", "Quotation / Order", index="btree_not_null", ondelete="cascade"
    )
    user_id = fields.Many2one("res.users", "Alerted User", index=True)
    team_id = fields.Many2one("crm.team", "Sales Team")
    company_id = fields.Many2one("res.company")
    acknowledged_by_id = fields.Many2one(
        "res.users",
        "Seen By",
        readonly=True,
        help="Who marked the alert as seen: it no longer counts in the badges "
        "of the opportunity and the customer, unless it grows more urgent.",
    )
    date_acknowledged = fields.Datetime("Seen On", readonly=True)
    can_acknowledge = fields.Boolean(
        "Can Be Marked as Seen", compute="_compute_can_acknowledge"
    )

    @api.depends("active", "acknowledged_by_id", "user_id", "team_id.user_id")
    @api.depends_context("uid")
    def _compute_can_acknowledge(self):
        for alert in self:
            alert.can_acknowledge = (
                not alert.acknowledged_by_id and alert._may_acknowledge()
            )

    def _may_acknowledge(self):
        """The person alerted, the leader of the alert's team and the sales
        managers may mark an open alert as seen."""
        user = self.env.user
        return self.active and (
            self.user_id == user
            or self.team_id.user_id == user
            or user.has_group("sales_team.group_sale_manager")
        )

    def action_acknowledge(self):
        """Mark the alerts as seen by the current user (those already seen
        keep who saw them first)."""
        self.check_access("read")
        refused = self.filtered(lambda alert: not alert._may_acknowledge())
        if refused:
            raise AccessError(
                self.env._(
                    "Only the person alerted, the leader of its team or a sales "
                    "manager may mark an open alert as seen: %(alerts)s",
                    alerts=", ".join(refused.mapped("name")),
                )
            )
        self.filtered(lambda alert: not alert.acknowledged_by_id).sudo().write(
            {
                "acknowledged_by_id": self.env.uid,
                "date_acknowledged": fields.Datetime.now(),
            }
        )
        return True

    def _key(self):
        return (self.kind, *(self[name].id for name in KEY_FIELDS))

    @api.model
    def _cron_crm_digital_check(self):
        """Raise the alerts that are due and close those whose cause is gone."""
        due = {
            (values["kind"], *(values[name] for name in KEY_FIELDS)): values
            for values in self._crm_digital_due()
        }
        raised = set()
        for alert in self.search([("active", "=", True)]):
            key = alert._key()
            if key in due and key not in raised:
                raised.add(key)
                # A deal stuck for longer becomes urgent, and says for how long.
                changed = {
                    name: due[key][name]
                    for name in ("severity", "name")
                    if alert[name] != due[key][name]
                }
                # Seen while a warning, it must be seen again once urgent.
                if RANK[due[key]["severity"]] > RANK[alert.severity]:
                    changed.update(acknowledged_by_id=False, date_acknowledged=False)
                if changed:
                    alert.write(changed)
            else:
                alert.write({"active": False, "date_closed": fields.Datetime.now()})
        alerts = self.create([v for k, v in due.items() if k not in raised])
        alerts._crm_digital_pop_up()
        self.env["crm.digital.event"]._notify("alert.raised", alerts)
        return alerts

    def _crm_digital_due(self):
        """The alerts the records call for now, as create() values."""

        def settings(record):
            return record.company_id or self.env.company

        due = []
        for lead in self.env["crm.lead"].search([("crm_digital_stuck", "=", True)]):
            if settings(lead).crm_digital_alert_stuck:
                user = lead.user_id or lead.team_id.user_id
                env = self._crm_digital_env(user)
                message = env._(
                    "%(deal)s has been %(days)s days in %(stage)s.",
                    deal=lead.name,
                    days=lead.crm_digital_days_in_stage,
                    stage=lead.stage_id.with_env(env).name,
                )
                values = self._crm_digital_values("stuck", lead, user, message)
                # Urgent once it has stayed twice as long as its stage allows.
                if (
                    lead.crm_digital_days_in_stage
                    < 2 * lead.stage_id.crm_digital_stuck_days
                ):
                    values["severity"] = "warning"
                due.append(values)
        for order in self._crm_digital_orders_due(
            [("state", "in", ("draft", "sent"))],
            "validity_date",
            "crm_digital_alert_quotation_days",
        ):
            env = self._crm_digital_env(order.user_id)
            message = env._(
                "Quotation %(order)s for %(customer)s expires on %(date)s.",
                order=order.name,
                customer=order.partner_id.commercial_partner_id.name,
                date=format_date(env, order.validity_date),
            )
            due.append(
                self._crm_digital_values(
                    "quotation_expiring", order, order.user_id, message
                )
            )
        for order in self._crm_digital_orders_due(
            [("state", "=", "sale")],
            "crm_digital_renewal_date",
            "crm_digital_alert_renewal_days",
        ):
            env = self._crm_digital_env(order.user_id)
            message = env._(
                "The services of %(order)s for %(customer)s renew on %(date)s.",
                order=order.name,
                customer=order.partner_id.commercial_partner_id.name,
                date=format_date(env, order.crm_digital_renewal_date),
            )
            due.append(
                self._crm_digital_values("renewal", order, order.user_id, message)
            )
        # Customers gone inactive, not prospects whose deals were all lost.
        for partner in self.env["res.partner"].search(
            [
                ("crm_digital_lifecycle", "=", "lost"),
                ("crm_digital_last_deal_date", "!=", False),
                ("parent_id", "=", False),
            ]
        ):
            if settings(partner).crm_digital_alert_inactive:
                env = self._crm_digital_env(partner.user_id)
                message = env._(
                    "%(customer)s has had no deal since %(date)s.",
                    customer=partner.name,
                    date=format_date(env, partner.crm_digital_last_deal_date),
                )
                due.append(
                    self._crm_digital_values(
                        "inactive", partner, partner.user_id, message
                    )
                )
        return due

    def _crm_digital_orders_due(self, domain, date_field, days_field):
        """Orders whose date falls within the days their company sets (0:
        never), from today on."""
        today = fields.Date.context_today(self)
        horizon = max(
            self.env["res.company"].search([(days_field, ">", 0)]).mapped(days_field),
            default=0,
        )
        orders = self.env["sale.order"].search(
            [
                *domain,
                (date_field, ">=", today),
                (date_field, "<=", today + timedelta(days=horizon)),
            ]
        )

        def within(order):
            days = (order.company_id or self.env.company)[days_field]
            return days and order[date_field] <= today + timedelta(days=days)

        return orders.filtered(within)

    def _crm_digital_env(self, user):
        """An environment in the language of the person alerted."""
        return self.with_context(lang=user.lang or self.env.lang).env

    def _crm_digital_values(self, kind, record, user, message):
        """create() values of an alert about a lead, an order or a customer."""
        partner = record if record._name == "res.partner" else record.partner_id
        values = {
            "kind": kind,
            "severity": SEVERITY[kind],
            "name": message,
            "partner_id": partner.commercial_partner_id.id,
            "lead_id": False,
            "order_id": False,
            "user_id": user.id,
            "team_id": record.team_id.id if "team_id" in record._fields else False,
            "company_id": record.company_id.id,
        }
        if record._name == "crm.lead":
            values["lead_id"] = record.id
        elif record._name == "sale.order":
            values.update(order_id=record.id, lead_id=record.opportunity_id.id)
        return values

    def _crm_digital_pop_up(self):
        """Tell each person alerted, in their browser, if the company wants so."""
        for alert in self.filtered(
            lambda a: (
                a.user_id and (a.company_id or self.env.company).crm_digital_alert_popup
            )
        ):
            env = self._crm_digital_env(alert.user_id)
            notify = getattr(alert.user_id.sudo(), POP_UPS[alert.severity])
            notify(
                message=alert._crm_digital_pop_up_message(),
                # Plain text: web_notify's title and button label are escaped
                # by the browser (OWL), unlike its message.
                title=env._("Customer alert"),
                sticky=alert.severity == "danger",
                action=alert._crm_digital_pop_up_action(env._("Open")),
            )

    def _crm_digital_pop_up_message(self):
        """The alert as the pop-up's message, escaped. web_notify shows every
        message as HTML (markup(), whatever its html= says), and the alert's
        name is plain text made of lead, customer and order names that anyone
        who may edit them chooses: each character must reach the browser as
        text, never as markup. The stored name stays plain, as lists show it."""
        return html_escape(self.name)

    def _crm_digital_pop_up_action(self, button_name):
        """The action of the pop-up's *Open* button. web_notify 18.0.1.1.2
        labels the button with ``params.button_name`` of the action's context,
        else with ``env._t("Open")``, which Odoo 18 no longer has: without the
        label the browser throws ``TypeError: env._t is not a function`` and
        shows an error dialog instead of the pop-up. So the label is always
        given, translated for the person alerted."""
        return dict(
            self._crm_digital_source_action(),
            context={"params": {"button_name": button_name}},
        )

    def _crm_digital_source_action(self):
        record = self.order_id or self.lead_id or self.partner_id
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "views": [(False, "form")],
        }

    def action_open_source(self):
        self.ensure_one()
        return self._crm_digital_source_action()
