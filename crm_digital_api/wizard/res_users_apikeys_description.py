# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.base.models.res_users import check_identity

from ..models.res_users_apikeys import scope_text


class ResUsersApikeysDescription(models.TransientModel):
    _inherit = "res.users.apikeys.description"

    crm_digital_api = fields.Boolean(
        "For the CRM Digital API",
        help="The key opens only the CRM Digital REST API, for what its scopes "
        "allow; it does not open XML-RPC or JSON-RPC.",
    )
    crm_digital_scope_ids = fields.Many2many(
        "crm.digital.api.scope",
        string="Scopes",
        help="What the key may do. It never goes beyond what its user may do.",
    )

    # The identity check wizard runs only methods that ask for it.
    @check_identity
    def make_key(self):
        # Stock's make_key() asks for a key of every scope (None); the scope
        # travels to _generate() in the context.
        if self.crm_digital_api:
            self = self.with_context(
                crm_digital_api_scope=scope_text(
                    self.crm_digital_scope_ids.mapped("code")
                )
            )
        return super().make_key()
