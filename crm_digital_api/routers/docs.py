# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The API documentation, served whole by the server (offline installs are
common; FastAPI's own /docs and /redoc pages load Swagger UI and ReDoc from a
CDN): Swagger UI at /docs, with its files from the swagger-ui-bundle package,
and a plain reference page made from the OpenAPI description at /redoc."""

import mimetypes
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from swagger_ui_bundle import swagger_ui_path

from odoo.api import Environment

from odoo.addons.fastapi.dependencies import odoo_env

router = APIRouter(include_in_schema=False)

METHODS = ("get", "post", "put", "patch", "delete")
# The files of Swagger UI its page loads; no other file of the folder is served.
SWAGGER_FILES = ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png")


def operations(spec):
    """The operations of an OpenAPI description, in its order."""
    return [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            "description": operation.get("description", ""),
        }
        for path, item in spec.get("paths", {}).items()
        for method, operation in item.items()
        if method in METHODS
    ]


def _root(request):
    return request.scope.get("root_path", "").rstrip("/")


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI, to read and try the API with a key."""
    root = _root(request)
    assets = f"{root}/docs/assets"
    return get_swagger_ui_html(
        openapi_url=root + request.app.openapi_url,
        title=request.app.title,
        swagger_js_url=f"{assets}/swagger-ui-bundle.js",
        swagger_css_url=f"{assets}/swagger-ui.css",
        swagger_favicon_url=f"{assets}/favicon-32x32.png",
    )


@router.get("/docs/assets/{name}")
def swagger_ui_asset(name: str) -> Response:
    if name not in SWAGGER_FILES:
        # An answer, not an exception: Odoo would log a 404 as an error.
        return Response(status_code=404)
    return Response(
        (Path(swagger_ui_path) / name).read_bytes(),
        media_type=mimetypes.guess_type(name)[0],
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/redoc", response_class=HTMLResponse)
def docs(
    request: Request, env: Annotated[Environment, Depends(odoo_env)]
) -> HTMLResponse:
    app = request.app
    spec = app.openapi()
    root_path = _root(request)
    html = env["ir.qweb"]._render(
        "crm_digital_api.api_docs_page",
        {
            "title": spec["info"]["title"],
            "description": spec["info"].get("description", ""),
            "openapi_url": root_path + app.openapi_url,
            "operations": operations(spec),
            "html_lang": (env.lang or "en_US").replace("_", "-"),
        },
    )
    return HTMLResponse(html)
