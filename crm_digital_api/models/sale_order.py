# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

STATE_EVENTS = {"sent": "quotation.sent", "sale": "quotation.accepted"}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def write(self, vals):
        code = STATE_EVENTS.get(vals.get("state"))
        if not code or code not in self.env["crm.digital.webhook"]._subscribed_codes():
            return super().write(vals)
        changed = self.filtered(lambda order: order.state != vals["state"])
        result = super().write(vals)
        self.env["crm.digital.event"]._notify(code, changed)
        return result
