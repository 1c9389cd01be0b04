# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmDigitalApiUsage(models.Model):
    """Requests of each key of the REST API each day (UTC), for the
    administrators and the Kit Digital justification."""

    _name = "crm.digital.api.usage"
    _description = "CRM Digital API Requests per Day"
    _log_access = False
    _order = "day desc"

    key_id = fields.Integer("API Key", required=True, index=True)
    day = fields.Date(required=True)
    calls = fields.Integer("Requests", required=True, default=0)

    _sql_constraints = [
        ("day_unique", "unique(key_id, day)", "One count per key and day."),
    ]
