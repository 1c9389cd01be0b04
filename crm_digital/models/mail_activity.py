# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    crm_digital_customer_id = fields.Many2one(
        "res.partner",
        "Customer",
        compute="_compute_crm_digital_customer_id",
        help="The customer of the lead, quotation or contact the task is on.",
    )

    @api.depends("res_model", "res_id")
    def _compute_crm_digital_customer_id(self):
        self.crm_digital_customer_id = False
        for model in ("crm.lead", "sale.order", "res.partner"):
            tasks = self.filtered(lambda task, model=model: task.res_model == model)
            # Shown beside the record's name, which the task already shows.
            records = self.env[model].sudo().browse(tasks.mapped("res_id")).exists()
            partners = {
                record.id: (
                    record if model == "res.partner" else record.partner_id
                ).commercial_partner_id
                for record in records
            }
            for task in tasks:
                task.crm_digital_customer_id = partners.get(task.res_id, False)

    def _action_done(self, feedback=False, attachment_ids=None):
        # Task rules count the days without activity from the last one done.
        lead_ids = [a.res_id for a in self if a.res_model == "crm.lead"]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if lead_ids:
            self.env["crm.lead"].sudo().browse(lead_ids).exists().with_context(
                tracking_disable=True
            ).write({"crm_digital_last_activity_date": fields.Datetime.now()})
        return result
