# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_digital_assign_on_create = fields.Boolean(
        related="company_id.crm_digital_assign_on_create", readonly=False
    )
    crm_digital_assignment_notify = fields.Selection(
        related="company_id.crm_digital_assignment_notify", readonly=False
    )
    crm_digital_import_background_rows = fields.Integer(
        related="company_id.crm_digital_import_background_rows", readonly=False
    )
