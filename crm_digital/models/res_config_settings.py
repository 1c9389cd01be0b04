# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


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
    crm_digital_inactive_months = fields.Integer(
        related="company_id.crm_digital_inactive_months", readonly=False
    )
    crm_digital_segment = fields.Selection(
        related="company_id.crm_digital_segment", readonly=False
    )
    crm_digital_segment_users = fields.Integer(
        "Users Required", compute="_compute_crm_digital_kit_digital"
    )
    crm_digital_segment_hours = fields.Integer(
        "Hours Required", compute="_compute_crm_digital_kit_digital"
    )
    crm_digital_sales_users = fields.Integer(
        "Sales Users", compute="_compute_crm_digital_kit_digital"
    )
    crm_digital_logged_hours = fields.Float(
        "Hours Logged", compute="_compute_crm_digital_kit_digital"
    )

    @api.depends("crm_digital_segment", "company_id")
    def _compute_crm_digital_kit_digital(self):
        for settings in self:
            company = settings.company_id
            band = self.env["crm.digital.employee.band"]._for_segment(
                settings.crm_digital_segment
            )
            settings.crm_digital_segment_users = band.kit_digital_users
            settings.crm_digital_segment_hours = band.kit_digital_hours
            settings.crm_digital_sales_users = len(company._crm_digital_sales_users())
            settings.crm_digital_logged_hours = sum(
                company._crm_digital_work_items().mapped("hours")
            )

    def action_print_crm_digital_justification(self):
        return self.env.ref("crm_digital.action_report_justification").report_action(
            self.company_id
        )
