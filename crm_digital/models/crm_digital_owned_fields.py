# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError

# Context key under which the product's own code writes the fields it keeps
# as the user (record rules still apply). Its value is this very object,
# which no JSON or XML-RPC call can send.
OWNER_KEY = "crm_digital_owner"
OWNER = object()


class CrmDigitalOwnedFields(models.AbstractModel):
    """Fields the product keeps itself (commercial stage and its dates, the
    last activity, the stay in a stage, the import a lead came from): users
    read them and no user writes them, whatever the path (form, RPC, REST,
    import), for they feed alerts, task rules, reports and the import's
    duplicate check."""

    _name = "crm.digital.owned.fields"
    _description = "Fields Kept by CRM Digital"

    _crm_digital_owned_fields = ()

    def _crm_digital_owner(self):
        """The records, allowed to write the fields the product keeps."""
        return self.with_context(**{OWNER_KEY: OWNER})

    def _crm_digital_check_owned(self, vals):
        owned = [name for name in self._crm_digital_owned_fields if name in vals]
        if (
            not owned
            or self.env.su
            or self.env.context.get(OWNER_KEY) is OWNER
            or self.env.user._is_system()
        ):
            return
        raise AccessError(
            self.env._(
                "%(fields)s of %(model)s are kept by CRM Digital itself: they "
                "cannot be set by hand, by import or through the API.",
                fields=", ".join(
                    self._fields[name]._description_string(self.env) for name in owned
                ),
                model=self.env["ir.model"]._get(self._name).name,
            )
        )
