# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The functional areas of the Kit Digital "Gestión de clientes" category.
AREAS = [
    ("customers", "Customers"),
    ("leads", "Leads"),
    ("opportunities", "Opportunities"),
    ("tasks", "Commercial Actions and Tasks"),
    ("reporting", "Reporting and Planning"),
    ("alerts", "Alerts"),
    ("documents", "Documents"),
    ("responsive", "Responsive Design"),
    ("integration", "Integration"),
    ("training", "Training"),
]


class CrmDigitalParametrisationLog(models.Model):
    """A work item of the consultant's parametrisation, counted against the
    hours the company's Kit Digital segment requires."""

    _name = "crm.digital.parametrisation.log"
    _description = "Parametrisation Work Item"
    _order = "date desc, id desc"

    date = fields.Date(required=True, default=fields.Date.context_today)
    hours = fields.Float(required=True, digits=(16, 2), aggregator="sum")
    area = fields.Selection(AREAS, required=True)
    description = fields.Text(required=True)
    user_id = fields.Many2one(
        "res.users",
        "Consultant",
        required=True,
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.constrains("hours")
    def _check_hours(self):
        for entry in self:
            if not 0 < entry.hours <= 24:
                raise ValidationError(
                    self.env._(
                        "A work item of %(date)s takes between a few minutes and 24 "
                        "hours: %(hours)s hours is not possible.",
                        date=entry.date,
                        hours=entry.hours,
                    )
                )
