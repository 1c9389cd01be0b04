# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_digital_year_first_month = fields.Selection(
        related="company_id.crm_digital_year_first_month", readonly=False
    )
    crm_digital_report_monthly_email = fields.Boolean(
        related="company_id.crm_digital_report_monthly_email", readonly=False
    )
