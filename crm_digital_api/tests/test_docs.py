# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, tagged

ROOT = "/crm_digital/api/v1"
# Any src/href/url() that leaves the server: http://, https:// or //host.
EXTERNAL = re.compile(
    r"""(src|href)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?(https?:)?//"""
)


@tagged("post_install", "-at_install")
class TestDocs(HttpCase):
    """The API documentation works on a server without internet access, and is
    public like the OpenAPI description it is made from."""

    def _assert_offline_docs(self, path):
        response = self.url_open(f"{ROOT}{path}")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertIn("text/html", response.headers["Content-Type"])
        self.assertIsNone(EXTERNAL.search(response.text), response.text)
        self.assertIn("/leads", response.text)
        self.assertIn(f'href="{ROOT}/openapi.json"', response.text)
        return response.text

    def test_swagger_ui_is_served_by_the_server(self):
        response = self.url_open(f"{ROOT}/docs")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertIsNone(EXTERNAL.search(response.text), response.text)
        self.assertIn(f"url: '{ROOT}/openapi.json'", response.text)
        for name, kind in (
            ("swagger-ui-bundle.js", "javascript"),
            ("swagger-ui.css", "text/css"),
            ("favicon-32x32.png", "image/png"),
        ):
            self.assertIn(f"{ROOT}/docs/assets/{name}", response.text)
            asset = self.url_open(f"{ROOT}/docs/assets/{name}")
            self.assertEqual(asset.status_code, 200, name)
            self.assertIn(kind, asset.headers["Content-Type"])
        self.assertIn(
            b"SwaggerUIBundle",
            self.url_open(f"{ROOT}/docs/assets/swagger-ui-bundle.js").content,
        )
        # Only Swagger UI's own files.
        for name in ("index.html", "favicon-16x16.png", "swagger-ui.js.map"):
            self.assertEqual(
                self.url_open(f"{ROOT}/docs/assets/{name}").status_code, 404, name
            )

    def test_reference_page_loads_nothing_from_outside(self):
        self._assert_offline_docs("/redoc")

    def test_docs_page_is_in_the_reader_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["crm_digital_api"], ["es_ES"])
        response = self.url_open(
            f"{ROOT}/redoc", headers={"Accept-Language": "es-ES,es"}
        )
        self.assertIn("Operaciones", response.text)

    def test_openapi_description_is_public(self):
        response = self.url_open(f"{ROOT}/openapi.json")
        self.assertEqual(response.status_code, 200)
        spec = response.json()
        self.assertIn("/me", spec["paths"])
        self.assertNotIn("/docs", spec["paths"])
