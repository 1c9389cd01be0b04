# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from ..engine import figures as engine
from ..engine.definitions import COLUMNS, KPIS, MULTIPLE_CUTS, SNAPSHOT

OPEN = [("type", "=", "opportunity"), ("crm_digital_outcome", "=", "open")]
WON = [("crm_digital_outcome", "=", "won")]
CANCELLED = [("type", "=", "opportunity"), ("crm_digital_outcome", "=", "cancelled")]


def _between(field, start, end):
    return [(field, ">=", start), (field, "<", end)]


def _opened_between(start, end):
    """Converted in the period, or created in it as an opportunity."""
    return expression.OR(
        [
            _between("date_conversion", start, end),
            [("date_conversion", "=", False), *_between("create_date", start, end)],
        ]
    )


def _open_at(end):
    """Opened before ``end`` and not closed by then."""
    return [
        ("type", "=", "opportunity"),
        *expression.OR(
            [
                [("date_conversion", "<", end)],
                [("date_conversion", "=", False), ("create_date", "<", end)],
            ]
        ),
        *expression.OR([[("date_closed", "=", False)], [("date_closed", ">=", end)]]),
    ]


class CrmDigitalKpiDrilldown(models.AbstractModel):
    """The records behind each figure of the commercial KPIs."""

    _name = "crm.digital.kpi.drilldown"
    _description = "Commercial KPI Drilldown"

    @api.model
    def get_drilldown(
        self,
        kpi,
        period="month",
        day=False,
        column="current",
        cut=False,
        cut_value=False,
        filters=False,
        stage_id=False,
        month=False,
    ):
        """The window action on the records behind one figure of the
        dashboard, with the same scope and period as the figure."""
        labels = {key: label for key, _group, _unit, label, _help in KPIS}
        labels.update(
            pipeline_stage=self.env._("Pipeline"),
            pipeline_month=self.env._("Pipeline"),
            funnel=self.env._("Stage Funnel"),
        )
        if kpi not in labels or column not in COLUMNS:
            raise UserError(self.env._("There are no records behind this figure."))
        profile = self._crm_digital_profile()
        day = self._crm_digital_day(day)
        first_month, columns = self._crm_digital_periods(period, day)
        tz = self.env.context.get("tz") or self.env.user.tz or "UTC"
        buckets = engine.Buckets([columns[column]], tz)
        start, end = buckets.instants
        leads = self._crm_digital_scope(profile, filters)
        if cut:
            leads = expression.AND(
                [leads, self._crm_digital_cut_domain(cut, cut_value)]
            )
        if kpi in SNAPSHOT and column != "current":
            model = "crm.digital.pipeline.snapshot"
            domain = self._crm_digital_snapshot_domain(kpi, profile, columns[column])
        else:
            model, domain = self._crm_digital_drill_domain(
                kpi, leads, start, end, column, stage_id, month
            )
        label = self._crm_digital_period_label(
            period,
            columns[column],
            first_month,
            self._crm_digital_locale(),
        )
        views = {
            "crm.lead": [
                (self.env.ref("crm.crm_case_tree_view_oppor").id, "list"),
                (False, "kanban"),
                (False, "form"),
            ],
            "sale.order": [(False, "list"), (False, "form")],
            "mail.activity": [(False, "list"), (False, "form")],
            "mail.message": [(False, "list"), (False, "form")],
            "crm.digital.pipeline.snapshot": [(False, "list"), (False, "pivot")],
        }[model]
        return {
            "type": "ir.actions.act_window",
            "name": f"{self.env._(labels[kpi])} · {label}",
            "res_model": model,
            "domain": domain,
            "views": views,
            "context": {"active_test": False, "create": False},
            "target": "current",
        }

    def _crm_digital_cut_domain(self, cut, value):
        if cut == "role":
            if not value:
                return [("user_id", "=", False)]
            users = self._crm_digital_role_users()
            if value == "salesperson":
                return [
                    ("user_id", "!=", False),
                    ("user_id", "not in", users["manager"] + users["team_leader"]),
                ]
            return [("user_id", "in", users[value])]
        self._crm_digital_cut_sql(cut, "crm_lead")  # refuses unknown cuts
        if cut in MULTIPLE_CUTS:
            line = {
                "product_id": "product_id",
                "product_categ_id": "product_id.categ_id",
            }
            quoting = [("state", "!=", "cancel")]
            if not value:
                return [
                    (
                        "order_ids",
                        "not any",
                        [*quoting, ("order_line.product_id", "!=", False)],
                    )
                ]
            return [
                (
                    "order_ids",
                    "any",
                    [*quoting, (f"order_line.{line[cut]}", "=", value)],
                )
            ]
        return [(cut, "=", value or False)]

    def _crm_digital_drill_domain(self, kpi, leads, start, end, column, stage, month):
        """(model, domain) of the records a figure counts; the dashboard's
        queries compute the same conditions in SQL."""
        closed = _between("date_closed", start, end)
        lead_domains = {
            "leads_created": _between("create_date", start, end),
            "opportunities_opened": [
                ("type", "=", "opportunity"),
                *_opened_between(start, end),
            ],
            "opportunity_conversion": [
                ("type", "=", "opportunity"),
                *WON,
                *_opened_between(start, end),
            ],
            "lead_conversion": [
                ("type", "=", "opportunity"),
                ("date_conversion", "!=", False),
                *_between("create_date", start, end),
            ],
            "cancelled_count": [*CANCELLED, *closed],
            "cancelled_amount": [*CANCELLED, *closed],
            "funnel": [
                (
                    "crm_digital_stage_history_ids",
                    "any",
                    [("stage_id", "=", stage), *_between("date_entered", start, end)],
                )
            ],
        }
        for key in ("won_count", "won_amount", "win_rate", "win_rate_value"):
            lead_domains[key] = [*WON, *closed]
        for key in ("average_deal", "sales_cycle"):
            lead_domains[key] = [*WON, *closed]
        today_open = [*OPEN, ("active", "=", True)]
        for key in ("weighted_amount", "forecast_amount", "sales_velocity"):
            lead_domains[key] = today_open
        for key in ("open_count", "open_amount"):
            lead_domains[key] = today_open if column == "current" else _open_at(end)
        lead_domains["stuck_count"] = [
            ("crm_digital_stuck", "=", True),
            ("active", "=", True),
        ]
        lead_domains["pipeline_stage"] = [*today_open, ("stage_id", "=", stage)]
        if month:
            lead_domains["pipeline_month"] = [
                *today_open,
                *self._crm_digital_month_domain(month),
            ]
        if kpi in lead_domains:
            return "crm.lead", expression.AND([leads, lead_domains[kpi]])
        if kpi in ("quotations_sent", "quotations_accepted", "quotation_acceptance"):
            orders = {
                "quotations_sent": [
                    ("state", "in", ["sent", "sale"]),
                    *_between("create_date", start, end),
                ],
                "quotations_accepted": [
                    ("state", "=", "sale"),
                    *_between("date_order", start, end),
                ],
                "quotation_acceptance": [
                    ("state", "=", "sale"),
                    *_between("create_date", start, end),
                ],
            }[kpi]
            return "sale.order", [("opportunity_id", "any", leads), *orders]
        return self._crm_digital_activity_drill(kpi, leads, start, end)

    def _crm_digital_snapshot_domain(self, kpi, profile, period):
        """The snapshot rows a past figure of today's pipeline sums."""
        Snapshot = self.env["crm.digital.pipeline.snapshot"]
        day = Snapshot._crm_digital_last_date(period.start, period.end)
        if not day:
            raise UserError(self.env._("There are no records behind this figure."))
        which = {
            "stuck_count": [("outcome", "=", "open"), ("stuck", "=", True)],
            "activities_overdue": [("activities_overdue", ">", 0)],
        }.get(kpi, [("outcome", "=", "open")])
        return expression.AND(
            [self._crm_digital_scope(profile), [("date", "=", day)], which]
        )

    def _crm_digital_month_domain(self, month):
        this_month = fields.Date.context_today(self).replace(day=1)
        if month == "none":
            return [("date_deadline", "=", False)]
        if month == "overdue":
            return [("date_deadline", "<", this_month)]
        if month == "later":
            return [("date_deadline", ">=", this_month + relativedelta(months=12))]
        start = fields.Date.to_date(f"{month}-01")
        return [
            ("date_deadline", ">=", start),
            ("date_deadline", "<", start + relativedelta(months=1)),
        ]

    def _crm_digital_activity_drill(self, kpi, leads, start, end):
        """Activities and messages point at a lead by id: the action lists
        them by id, as few as the figure counts."""
        scope = self.env["crm.lead"].with_context(active_test=False)._search(leads)
        if kpi == "activities_overdue":
            activities = self.env["mail.activity"].search(
                [
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "in", scope),
                    ("date_deadline", "<", fields.Date.context_today(self)),
                ]
            )
            return "mail.activity", [("id", "in", activities.ids)]
        done = [
            ("model", "=", "crm.lead"),
            ("res_id", "in", scope),
            ("mail_activity_type_id", "!=", False),
            ("subtype_id", "=", self.env.ref("mail.mt_activities").id),
        ]
        if kpi == "activities_done":
            messages = self.env["mail.message"].search(
                [*done, *_between("date", start, end)]
            )
            return "mail.message", [("id", "in", messages.ids)]
        if kpi == "response_time":
            assigned = (
                self.env["crm.lead"]
                .with_context(active_test=False)
                .search(expression.AND([leads, _between("date_open", start, end)]))
            )
            answered = self.env["mail.message"].search(
                [*done, ("res_id", "in", assigned.ids)]
            )
            first = {
                message.res_id
                for message in answered
                if message.date >= assigned.browse(message.res_id).date_open
            }
            return "crm.lead", [("id", "in", sorted(first))]
        raise UserError(self.env._("There are no records behind this figure."))
