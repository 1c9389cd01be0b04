# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class CrmDigitalEvent(models.AbstractModel):
    _inherit = "crm.digital.event"

    @api.model
    def _notify(self, code, records, extra=None):
        """A delivery to each active webhook of the company subscribed to the
        event, sent once the change is committed (queue_job)."""
        if (
            not records
            or code not in self.env["crm.digital.webhook"]._subscribed_codes()
        ):
            return None
        company = self.env.company
        webhooks = (
            self.env["crm.digital.webhook"]
            .sudo()
            .search(
                [
                    ("state", "=", "active"),
                    ("company_id", "=", company.id),
                    ("event_ids.code", "=", code),
                ]
            )
        )
        extra = extra or {}
        deliveries = (
            self.env["crm.digital.webhook.delivery"]
            .sudo()
            .create(
                [
                    {
                        "webhook_id": webhook.id,
                        "event": code,
                        "res_model": record._name,
                        "res_id": record.id,
                        "extra": extra.get(record.id) or False,
                    }
                    for webhook in webhooks
                    for record in records
                ]
            )
        )
        deliveries._enqueue()
        return deliveries
