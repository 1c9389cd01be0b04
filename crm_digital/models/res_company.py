# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_digital_segment = fields.Selection(
        "_crm_digital_segments",
        "Kit Digital Segment",
        help="The segment of the company's Kit Digital grant: it sets how many "
        "users the CRM must serve and the hours of parametrisation owed (see the "
        "employee bands).",
    )

    crm_digital_assign_on_create = fields.Boolean(
        "Assign New Leads by Rules",
        default=True,
        help="Leads created without a salesperson (import, email, API) are assigned "
        "at once by the first matching assignment rule.",
    )
    crm_digital_assignment_notify = fields.Selection(
        [
            ("notification", "Odoo notification"),
            ("activity", "Activity to do"),
            ("both", "Notification and activity"),
            ("none", "Nothing"),
        ],
        "Tell the New Owner",
        default="notification",
        required=True,
        help="How a salesperson learns that a rule gave them a lead. An Odoo "
        "notification arrives in their inbox or by email, as each user prefers.",
    )
    crm_digital_import_background_rows = fields.Integer(
        "Background Import Above (Rows)",
        default=2000,
        help="Lead files with more rows than this are imported in the background "
        "(the user is notified when it ends); 0 imports every file at once.",
    )

    crm_digital_inactive_months = fields.Integer(
        "Customers Inactive After (Months)",
        default=12,
        help="A customer with no deal for this many months, nothing open and no "
        "service renewing becomes Lost / Inactive; 0: never.",
    )

    @api.model
    def _crm_digital_segments(self):
        """The segments, as the employee bands hold them: "I: 10 to 49
        employees (3 users, 40 h)"."""
        bands = (
            self.env["crm.digital.employee.band"]
            .sudo()
            .search([("kit_digital_segment", "!=", False)])
        )
        return [
            (
                band.kit_digital_segment,
                self.env._(
                    "%(segment)s: %(band)s (%(users)s users, %(hours)s h)",
                    segment=band.kit_digital_segment,
                    band=band.name,
                    users=band.kit_digital_users,
                    hours=band.kit_digital_hours,
                )
                if band.kit_digital_users != 1
                else self.env._(
                    "%(segment)s: %(band)s (1 user, %(hours)s h)",
                    segment=band.kit_digital_segment,
                    band=band.name,
                    hours=band.kit_digital_hours,
                ),
            )
            for band in bands.sorted(lambda band: band.kit_digital_segment)
        ]

    @api.constrains("crm_digital_inactive_months")
    def _check_crm_digital_inactive_months(self):
        if any(company.crm_digital_inactive_months < 0 for company in self):
            raise ValidationError(
                self.env._("Customers inactive after: give 0 months (never) or more.")
            )

    def _crm_digital_sales_users(self):
        """The internal users who work in the CRM of this company: not the
        consultants who logged its parametrisation (the digitalising agent's
        people, whom Kit Digital does not count among the company's users)."""
        self.ensure_one()
        return self.env["res.users"].search(
            [
                ("share", "=", False),
                ("company_ids", "in", self.id),
                ("groups_id", "in", self.env.ref("sales_team.group_sale_salesman").id),
                ("id", "not in", self._crm_digital_work_items().user_id.ids),
            ]
        )

    def _crm_digital_work_items(self):
        """The consultant's parametrisation log of this company."""
        self.ensure_one()
        return self.env["crm.digital.parametrisation.log"].search(
            [("company_id", "=", self.id)], order="date, id"
        )

    def _crm_digital_kpi_board(self, period="month", day=False, cut=False):
        """The commercial KPIs of the current user's scope, for satellites to
        serve (the API); None while no addon computes them (the reporting
        addon does)."""
        return None

    def _crm_digital_alerts(self):
        """The customer alerts (an empty recordset of their model), for
        satellites to serve (the API); None while no addon raises them (the
        alerts addon does)."""
        return None
