# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_digital_alert_stuck = fields.Boolean(
        related="company_id.crm_digital_alert_stuck", readonly=False
    )
    crm_digital_alert_quotation_days = fields.Integer(
        related="company_id.crm_digital_alert_quotation_days", readonly=False
    )
    crm_digital_alert_renewal_days = fields.Integer(
        related="company_id.crm_digital_alert_renewal_days", readonly=False
    )
    crm_digital_alert_inactive = fields.Boolean(
        related="company_id.crm_digital_alert_inactive", readonly=False
    )
    crm_digital_alert_popup = fields.Boolean(
        related="company_id.crm_digital_alert_popup", readonly=False
    )
