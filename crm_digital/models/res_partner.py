# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

LEAD_FACTS = [
    "partner_id",
    "type",
    "crm_digital_outcome",
    "create_date",
    "date_conversion",
    "date_closed",
    "write_date",
]
# Partners whose commercial stage is refreshed at the end of the transaction.
LIFECYCLE_PENDING = "crm_digital.lifecycle"
LIFECYCLE = [
    ("lead", "Lead"),
    ("prospect", "Prospect"),
    ("customer", "Customer"),
    ("recurring", "Recurring Customer"),
    ("lost", "Lost / Inactive"),
]


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "crm.digital.owned.fields"]

    _crm_digital_owned_fields = (
        "crm_digital_lifecycle",
        "crm_digital_lead_date",
        "crm_digital_prospect_date",
        "crm_digital_customer_date",
        "crm_digital_recurring_date",
        "crm_digital_lost_date",
        "crm_digital_last_deal_date",
    )

    employee_band_id = fields.Many2one(
        "crm.digital.employee.band",
        "Employees",
        help="Number of employees of the company (Kit Digital segments).",
    )
    # Kept up to date by the leads and orders of the company and its contacts
    # (_crm_digital_refresh_lifecycle), so it can be searched and grouped.
    crm_digital_lifecycle = fields.Selection(
        LIFECYCLE,
        "Commercial Stage",
        readonly=True,
        index=True,
        help="Lead: only leads so far. Prospect: an open opportunity. Customer: "
        "a won opportunity or a confirmed order. Recurring: several of them. "
        "Lost / Inactive: its opportunities were all cancelled, or no deal for "
        "the months set in Settings and nothing open nor renewing.",
    )
    crm_digital_lead_date = fields.Date("Lead Since", readonly=True)
    crm_digital_prospect_date = fields.Date("Prospect Since", readonly=True)
    crm_digital_customer_date = fields.Date("Customer Since", readonly=True)
    crm_digital_recurring_date = fields.Date("Recurring Since", readonly=True)
    crm_digital_lost_date = fields.Date("Lost Since", readonly=True)
    crm_digital_last_deal_date = fields.Date(
        "Last Deal",
        readonly=True,
        help="The last won opportunity or confirmed order of the company.",
    )
    crm_digital_event_count = fields.Integer(
        "History", compute="_compute_crm_digital_event_count"
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._crm_digital_check_owned(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._crm_digital_check_owned(vals)
        return super().write(vals)

    def _compute_crm_digital_event_count(self):
        Event = self.env["crm.digital.customer.event"]
        counts = dict(
            Event._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.crm_digital_event_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def action_crm_digital_history(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_digital.crm_digital_customer_event_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["display_name"] = self.env._(
            "History of %s", self.commercial_partner_id.display_name
        )
        return action

    def _crm_digital_lifecycle_changed(self):
        """Refresh these partners' commercial stage when the transaction ends,
        once for all the partners whose leads or orders changed in it: a mass
        conversion changes each lead several times."""
        if not self:
            return
        pending = self.env.cr.precommit.data.setdefault(LIFECYCLE_PENDING, set())
        if not pending:
            self.env.cr.precommit.add(self._crm_digital_refresh_pending)
        pending.update(self.ids)

    def _crm_digital_refresh_pending(self):
        # Kept by the product, whoever's change it follows: as the system.
        ids = self.env.cr.precommit.data.pop(LIFECYCLE_PENDING, ())
        self.sudo().browse(ids).exists()._crm_digital_refresh_lifecycle()
        # Run after the transaction's last flush.
        self.env.flush_all()

    def _crm_digital_refresh_lifecycle(self):
        """Work out the commercial stage, and the date it was first reached,
        of these partners' companies from their leads and orders."""
        companies = self.commercial_partner_id
        if not companies:
            return
        deals = defaultdict(list)
        for lead in (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("partner_id.commercial_partner_id", "in", companies.ids)],
                LEAD_FACTS,
            )
        ):
            deals[lead.partner_id.commercial_partner_id].append(lead)
        orders = defaultdict(list)
        for order in (
            self.env["sale.order"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id.commercial_partner_id", "in", companies.ids),
                    ("state", "in", ("draft", "sent", "sale")),
                ],
                [
                    "partner_id",
                    "state",
                    "date_order",
                    "validity_date",
                    "crm_digital_renewal_date",
                ],
            )
        ):
            orders[order.partner_id.commercial_partner_id].append(order)
        # Each company and its contacts, read in one query, written only where
        # something changed.
        people = (
            self.sudo()
            .with_context(active_test=False, tracking_disable=True)
            .search([("commercial_partner_id", "in", companies.ids)])
        )
        for company, members in people.grouped("commercial_partner_id").items():
            values = self._crm_digital_lifecycle_values(
                deals[company],
                orders[company],
                (company.company_id or self.env.company).crm_digital_inactive_months,
            )
            members.filtered(
                lambda partner, values=values: any(
                    partner[name] != value for name, value in values.items()
                )
            ).write(values)

    def _crm_digital_lifecycle_values(self, leads, orders, inactive_after):
        opportunities = [lead for lead in leads if lead.type == "opportunity"]
        won = [lead for lead in opportunities if lead.crm_digital_outcome == "won"]
        signed = [order for order in orders if order.state == "sale"]
        wins = sorted(
            [lead.date_closed or lead.write_date for lead in won]
            + [order.date_order for order in signed]
        )
        today = fields.Date.context_today(self)
        cancelled = [
            lead.write_date
            for lead in opportunities
            if lead.crm_digital_outcome == "cancelled"
        ]
        working = any(lead.crm_digital_outcome == "open" for lead in opportunities)
        quoting = any(
            order.state != "sale"
            and (not order.validity_date or order.validity_date >= today)
            for order in orders
        )
        # A customer with nothing open nor renewing goes inactive after a while.
        idle_since = (
            wins
            and inactive_after
            and not working
            and not quoting
            and not any(order.crm_digital_renewal_date for order in signed)
            and wins[-1] + relativedelta(months=inactive_after)
        )
        if idle_since and idle_since <= fields.Datetime.now():
            stage, lost = "lost", [idle_since]
        elif len(wins) > 1:
            stage, lost = "recurring", []
        elif wins:
            stage, lost = "customer", []
        elif working:
            stage, lost = "prospect", []
        elif cancelled:
            stage, lost = "lost", cancelled
        elif leads:
            stage, lost = "lead", []
        else:
            stage, lost = False, []
        prospected = [
            lead.date_conversion or lead.create_date for lead in opportunities
        ]
        created = [lead.create_date for lead in leads]

        def day(moments, pick=min):
            return pick(moments).date() if moments else False

        return {
            "crm_digital_lifecycle": stage,
            "crm_digital_lead_date": day(created),
            "crm_digital_prospect_date": day(prospected),
            "crm_digital_customer_date": day(wins),
            "crm_digital_recurring_date": day(wins[1:]),
            "crm_digital_lost_date": day(lost, max),
            "crm_digital_last_deal_date": day(wins, max),
        }

    @api.model
    def _cron_crm_digital_inactive_customers(self):
        """Customers whose last deal is older than their company's months go
        inactive (shared customers follow the main company)."""
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search(
            [("crm_digital_inactive_months", ">", 0)]
        ):
            since = today - relativedelta(months=company.crm_digital_inactive_months)
            owners = [company.id] + ([False] if company == self.env.company else [])
            self.search(
                [
                    ("crm_digital_lifecycle", "in", ("customer", "recurring")),
                    ("crm_digital_last_deal_date", "<=", since),
                    ("company_id", "in", owners),
                ]
            )._crm_digital_refresh_lifecycle()
