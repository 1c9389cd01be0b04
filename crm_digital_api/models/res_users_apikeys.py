# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
from collections import OrderedDict

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.base.models.res_users import INDEX_SIZE, KEY_CRYPT_CONTEXT

SCOPE = "crm_digital_api"
# Keys already checked against their hash in this worker: the hash costs some
# milliseconds per request. Only the result of that pure computation is kept;
# whether the key still exists, is unexpired and of an active user is read from
# the database on every request.
_VERIFIED = OrderedDict()
_VERIFIED_SIZE = 256


def _verify(key, stored):
    token = (hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest(), stored)
    if token in _VERIFIED:
        return True
    try:
        ok = KEY_CRYPT_CONTEXT.verify(key, stored)
    except (ValueError, TypeError):
        ok = False
    if ok:
        _VERIFIED[token] = True
        while len(_VERIFIED) > _VERIFIED_SIZE:
            _VERIFIED.popitem(last=False)
    return ok


def scope_text(codes):
    """The `scope` of a key of this API holding these scope codes."""
    return " ".join([SCOPE, *sorted(set(codes))])


def scope_codes(scope):
    """The scope codes a key's `scope` grants; write grants read too."""
    codes = set((scope or "").split()[1:])
    return codes | {code.replace(":write", ":read") for code in codes}


class ResUsersApikeys(models.Model):
    _inherit = "res.users.apikeys"

    @api.model
    def _crm_digital_api_key(self, key):
        """(key id, user id, scope codes, user's language) of the live key of
        this API whose value is `key`, else None. Read from the database on
        every call: a key deleted or expired, or whose user is archived, is
        refused at once by every worker. Keys of other scopes (XML-RPC keys
        among them) are refused."""
        if not key or len(key) > 128:
            return None
        self.env.cr.execute(
            SQL(
                """
                SELECT k.id, k.user_id, k.key, k.scope, p.lang
                  FROM res_users_apikeys k
                  JOIN res_users u ON u.id = k.user_id
                  JOIN res_partner p ON p.id = u.partner_id
                 WHERE u.active AND k.index = %s
                   AND (k.scope = %s OR k.scope LIKE %s)
                   AND (k.expiration_date IS NULL
                        OR k.expiration_date >= now() at time zone 'utc')
                """,
                key[:INDEX_SIZE],
                SCOPE,
                f"{SCOPE} %",
            )
        )
        for key_id, user_id, stored, scope, lang in self.env.cr.fetchall():
            if _verify(key, stored):
                return key_id, user_id, scope_codes(scope), lang
        return None

    @api.model
    def _generate(self, scope, name, expiration_date):
        scope = scope or self.env.context.get("crm_digital_api_scope")
        return super()._generate(scope, name, expiration_date)
