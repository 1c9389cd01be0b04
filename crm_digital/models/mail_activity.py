# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # Task rules count the days without activity from the last one done.
        lead_ids = [a.res_id for a in self if a.res_model == "crm.lead"]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if lead_ids:
            self.env["crm.lead"].sudo().browse(lead_ids).exists().with_context(
                tracking_disable=True
            ).write({"crm_digital_last_activity_date": fields.Datetime.now()})
        return result
