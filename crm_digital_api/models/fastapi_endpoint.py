# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.fastapi.dependencies import authenticated_partner_impl
from odoo.addons.fastapi_auth_api_key.dependencies import (
    authenticated_auth_api_key,
    authenticated_partner_by_api_key,
)

from ..dependencies import authenticated_api_key
from ..routers.docs import router as docs_router
from ..routers.me import router as me_router


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    app = fields.Selection(
        selection_add=[("crm_digital", "CRM Digital")],
        ondelete={"crm_digital": "cascade"},
    )

    def _get_fastapi_routers(self):
        if self.app == "crm_digital":
            return [me_router, docs_router]
        return super()._get_fastapi_routers()

    def _prepare_fastapi_app_params(self):
        params = super()._prepare_fastapi_app_params()
        if self.app == "crm_digital":
            # FastAPI's pages load Swagger UI and ReDoc from a CDN: ours (the
            # docs router) is served whole by the server.
            params.update(docs_url=None, redoc_url=None)
        return params

    def _get_app(self):
        app = super()._get_app()
        if self.app == "crm_digital":
            app.dependency_overrides.update(
                {
                    authenticated_partner_impl: authenticated_partner_by_api_key,
                    # OCA's key check caches the keys per worker and echoes
                    # refused ones: every route goes through ours instead.
                    authenticated_auth_api_key: authenticated_api_key,
                }
            )
        return app
