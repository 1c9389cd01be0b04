# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# The records whose files are the commercial activity's documents.
DOCUMENT_MODELS = ("res.partner", "crm.lead", "sale.order")


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        attachments = super().create(vals_list)
        if "document.added" in self.env["crm.digital.webhook"]._subscribed_codes():
            self.env["crm.digital.event"]._notify(
                "document.added",
                attachments.filtered(
                    lambda a: (
                        a.res_model in DOCUMENT_MODELS and a.res_id and not a.res_field
                    )
                ),
            )
        return attachments
