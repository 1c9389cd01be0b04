# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class CrmDigitalEvent(models.AbstractModel):
    """Where the addons tell each other of commercial events, so none needs to
    know another: the alerts addon says an alert was raised, the API addon
    sends the events to the webhooks subscribed to them."""

    _name = "crm.digital.event"
    _description = "Commercial Event"

    @api.model
    def _notify(self, code, records, extra=None):
        """`code` (such as "alert.raised") happened to `records`; `extra`, a
        dict by record id, says more (the stage left). Called inside the
        transaction of the change: it must never raise nor wait."""
        return None
