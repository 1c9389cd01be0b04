# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.fastapi.dependencies import authenticated_partner_impl
from odoo.addons.fastapi_auth_api_key.dependencies import (
    authenticated_partner_by_api_key,
)

from ..routers.me import router as me_router


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    app = fields.Selection(
        selection_add=[("crm_digital", "CRM Digital")],
        ondelete={"crm_digital": "cascade"},
    )

    def _get_fastapi_routers(self):
        if self.app == "crm_digital":
            return [me_router]
        return super()._get_fastapi_routers()

    def _get_app(self):
        app = super()._get_app()
        if self.app == "crm_digital":
            app.dependency_overrides[authenticated_partner_impl] = (
                authenticated_partner_by_api_key
            )
        return app
