# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_digital_alert_count = fields.Integer(
        "Open Alerts",
        compute="_compute_crm_digital_alert_count",
        help="Open alerts nobody has marked as seen yet.",
    )

    def _compute_crm_digital_alert_count(self):
        counts = dict(
            self.env["crm.digital.alert"]._read_group(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("acknowledged_by_id", "=", False),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.crm_digital_alert_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def action_crm_digital_alerts(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_digital_alerts.crm_digital_alert_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {}
        return action
