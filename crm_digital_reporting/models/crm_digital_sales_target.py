# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmDigitalSalesTarget(models.Model):
    """What a salesperson or a team should reach in one month."""

    _name = "crm.digital.sales.target"
    _description = "Monthly Sales Target"
    _order = "month desc, team_id, user_id"
    _rec_name = "month"

    month = fields.Date(
        required=True,
        index=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Any day of the month: the target is kept on its first day.",
    )
    user_id = fields.Many2one(
        "res.users",
        "Salesperson",
        index=True,
        domain=[("share", "=", False)],
        help="Leave empty for a target of the whole team.",
    )
    team_id = fields.Many2one(
        "crm.team",
        "Sales Team",
        index=True,
        help="A team's target counts what all its opportunities reach.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_won = fields.Monetary(
        help="Expected revenue of the opportunities won in the month."
    )
    opportunities_won = fields.Integer()
    activities_done = fields.Integer(
        help="Activities on leads and opportunities marked done."
    )

    _sql_constraints = [
        (
            "one_per_month",
            "unique(month, user_id, team_id, company_id)",
            "There is already a target for this month and this salesperson or team.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._crm_digital_first_of_month(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._crm_digital_first_of_month(vals)
        return super().write(vals)

    @staticmethod
    def _crm_digital_first_of_month(vals):
        if vals.get("month"):
            vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)

    @api.constrains("user_id", "team_id")
    def _check_whose(self):
        if any(not target.user_id and not target.team_id for target in self):
            raise ValidationError(
                self.env._("A target is for a salesperson or for a sales team.")
            )

    @api.constrains("amount_won", "opportunities_won", "activities_done")
    def _check_positive(self):
        for target in self:
            if (
                min(target.amount_won, target.opportunities_won, target.activities_done)
                < 0
            ):
                raise ValidationError(self.env._("Targets cannot be negative."))
