# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.crm_digital_assignment_rule import STRATEGIES


class CrmDigitalAssignmentPreviewLine(models.TransientModel):
    _name = "crm.digital.assignment.preview.line"
    _description = "Lead Assignment Dry Run Line"

    preview_id = fields.Many2one(
        "crm.digital.assignment.preview", required=True, ondelete="cascade"
    )
    lead_id = fields.Many2one("crm.lead", readonly=True)
    rule_id = fields.Many2one("crm.digital.assignment.rule", readonly=True)
    strategy = fields.Selection(STRATEGIES, readonly=True)
    team_id = fields.Many2one("crm.team", "Sales Team", readonly=True)
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
