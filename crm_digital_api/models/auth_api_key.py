# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import consteq


class AuthApiKey(models.Model):
    _inherit = "auth.api.key"

    crm_digital_api_access = fields.Boolean(
        string="CRM Digital API",
        help="Tick it on the keys made for the CRM Digital API: only they open it. "
        "Keys made for other integrations of this database are refused.",
    )

    @api.model
    def _crm_digital_api_key(self, key, group=None):
        """The active key made for the CRM Digital API whose value is `key`
        (and in `group`, when the endpoint is restricted to one), in sudo; else
        an empty recordset.

        Read from the database on every call, never cached: a key archived or
        deleted in any worker is refused at once by all of them. Values are
        compared in constant time as UTF-8 bytes, so a key of any length or
        alphabet is merely refused."""
        if not key:
            return self.browse()
        domain = [("crm_digital_api_access", "=", True)]
        if group:
            domain.append(("auth_api_key_group_ids", "in", group.ids))
        sent = key.encode("utf-8", "surrogatepass")
        for api_key in self.sudo().search_fetch(domain, ["key", "user_id"]):
            if api_key.key and consteq(api_key.key.encode("utf-8"), sent):
                return api_key
        return self.browse()
