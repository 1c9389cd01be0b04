# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmDigitalApiScope(models.Model):
    """What a key of the CRM Digital API may do: read one resource, or read and
    write it. A key holds the codes of its scopes in its `scope`, so that stock
    Odoo lists them beside the key and no key of the API opens XML-RPC."""

    _name = "crm.digital.api.scope"
    _description = "CRM Digital API Scope"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="As the key and the API documentation write it: resource:read or "
        "resource:write (write includes read).",
    )
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each scope has its own code."),
    ]
