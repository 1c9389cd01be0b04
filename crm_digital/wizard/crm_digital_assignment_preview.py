# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models


class CrmDigitalAssignmentPreview(models.TransientModel):
    _name = "crm.digital.assignment.preview"
    _description = "Lead Assignment Dry Run"

    lead_ids = fields.Many2many("crm.lead", string="Leads")
    line_ids = fields.One2many(
        "crm.digital.assignment.preview.line", "preview_id", "Proposed Assignment"
    )
    unmatched_count = fields.Integer(
        "Unmatched Leads",
        help="Selected leads without salesperson that no rule matches.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        previews = super().create(vals_list)
        for preview in previews:
            unassigned = preview.lead_ids.filtered(lambda lead: not lead.user_id)
            proposals = unassigned._crm_digital_assign(dry_run=True)
            preview.write(
                {
                    "unmatched_count": len(unassigned) - len(proposals),
                    "line_ids": [
                        Command.create(
                            {
                                "lead_id": proposal["lead"].id,
                                "rule_id": proposal["rule"].id,
                                "strategy": proposal["strategy"],
                                "team_id": proposal["team"].id,
                                "user_id": proposal["user"].id,
                            }
                        )
                        for proposal in proposals
                    ],
                }
            )
        return previews

    def _action_open(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign by Rules"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_assign(self):
        self.ensure_one()
        assigned = self.lead_ids._crm_digital_assign()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if assigned else "warning",
                "message": self.env._(
                    "%(count)s lead(s) assigned by the rules.", count=len(assigned)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
