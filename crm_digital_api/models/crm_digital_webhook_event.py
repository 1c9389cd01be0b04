# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmDigitalWebhookEvent(models.Model):
    """A kind of commercial event a webhook may subscribe to."""

    _name = "crm.digital.webhook.event"
    _description = "Webhook Event"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="As deliveries name it: lead.created…")
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each event has its own code."),
    ]
