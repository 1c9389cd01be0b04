# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    employee_band_id = fields.Many2one(
        "crm.digital.employee.band",
        "Employees",
        help="Number of employees of the company (Kit Digital segments).",
    )
