# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    crm_digital_alert_count = fields.Integer(
        "Open Alerts",
        compute="_compute_crm_digital_alert_count",
        help="Open alerts nobody has marked as seen yet.",
    )

    def _compute_crm_digital_alert_count(self):
        counts = dict(
            self.env["crm.digital.alert"]._read_group(
                [("lead_id", "in", self.ids), ("acknowledged_by_id", "=", False)],
                ["lead_id"],
                ["__count"],
            )
        )
        for lead in self:
            lead.crm_digital_alert_count = counts.get(lead, 0)

    def action_crm_digital_alerts(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_digital_alerts.crm_digital_alert_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {}
        return action
