# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..problems import Problem
from ..routers.activities import router as activities_router
from ..routers.alerts import router as alerts_router
from ..routers.customers import router as customers_router
from ..routers.docs import router as docs_router
from ..routers.documents import router as documents_router
from ..routers.kpis import router as kpis_router
from ..routers.lead_bulk import router as lead_bulk_router
from ..routers.leads import leads_router, opportunities_router
from ..routers.me import router as me_router
from ..routers.quotations import router as quotations_router
from ..routers.webhooks import router as webhooks_router

API_VERSION = "1.0.0"
ERRORS = {
    400: "Invalid parameter.",
    401: "No API key, or not a live key of this API.",
    403: "The key lacks the scope, or its user may not do this on this record.",
    404: "No such record, or not readable by the key's user.",
    413: "Body too large.",
    422: "Values missing or not valid, or refused by a business rule.",
    429: "Too many requests for this key: retry after Retry-After seconds.",
}


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    app = fields.Selection(
        selection_add=[("crm_digital", "CRM Digital")],
        ondelete={"crm_digital": "cascade"},
    )

    def _get_fastapi_routers(self):
        if self.app == "crm_digital":
            return [
                me_router,
                customers_router,
                lead_bulk_router,
                leads_router,
                opportunities_router,
                activities_router,
                quotations_router,
                documents_router,
                kpis_router,
                alerts_router,
                webhooks_router,
                docs_router,
            ]
        return super()._get_fastapi_routers()

    def _prepare_fastapi_app_params(self):
        params = super()._prepare_fastapi_app_params()
        if self.app == "crm_digital":
            # FastAPI's pages load Swagger UI and ReDoc from a CDN: ours (the
            # docs router) is served whole by the server.
            params.update(
                docs_url=None,
                redoc_url=None,
                version=API_VERSION,
                responses={
                    status: {
                        "description": description,
                        "content": {
                            "application/problem+json": {
                                "schema": {"$ref": "#/components/schemas/Problem"}
                            }
                        },
                    }
                    for status, description in ERRORS.items()
                },
            )
        return params

    def _get_routing_info(self):
        routing = super()._get_routing_info()
        if self.app == "crm_digital":
            # Each request is authenticated by its API key (dependencies.py):
            # Odoo's look-up of its public user, a query a request, serves
            # nothing here.
            routing["auth"] = "none"
        return routing

    def _get_app_dependencies_overrides(self):
        # With any override, FastAPI analyses every dependency of the
        # operation again on each request (pydantic schemas included): a few
        # ms a call. The endpoint's company and id, which OCA's overrides give,
        # serve no operation here: each key acts as its user, in their
        # companies.
        if self.app == "crm_digital":
            return {}
        return super()._get_app_dependencies_overrides()

    def _get_app(self):
        app = super()._get_app()
        if self.app == "crm_digital":
            openapi = app.openapi

            def openapi_with_problem():
                # The Problem schema the error answers refer to.
                if app.openapi_schema:
                    return app.openapi_schema
                spec = openapi()
                spec.setdefault("components", {}).setdefault("schemas", {})[
                    "Problem"
                ] = Problem.model_json_schema()
                return spec

            app.openapi = openapi_with_problem
        return app
