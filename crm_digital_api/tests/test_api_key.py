# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

URL = "/crm_digital/api/v1/me"
KEY = "key-erp-4f1c"


class ApiKeyCase:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env, "api_key_user", groups="sales_team.group_sale_salesman"
        )
        cls.api_key = cls.env["auth.api.key"].create(
            {
                "name": "ERP",
                "key": KEY,
                "user_id": cls.user.id,
                "crm_digital_api_access": True,
            }
        )


@tagged("post_install", "-at_install")
class TestApiKeyLookup(ApiKeyCase, TransactionCase):
    def test_key_is_looked_up_in_one_query(self):
        keys = self.env["auth.api.key"]
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            self.assertEqual(keys._crm_digital_api_key(KEY), self.api_key)
        with self.assertQueryCount(1):
            self.assertFalse(keys._crm_digital_api_key("not-a-key"))


@tagged("post_install", "-at_install")
class TestApiKey(ApiKeyCase, HttpCase):
    """Only live keys made for this API open it, and no refusal shows the key."""

    def _get(self, key, **headers):
        return self.url_open(URL, headers={"HTTP-API-KEY": key, **headers})

    def assertRefused(self, key, **headers):
        with self.assertLogs("odoo.http", "WARNING") as logs:
            response = self._get(key, **headers)
        self.assertEqual(response.status_code, 401, response.text)
        self.assertEqual(response.headers["WWW-Authenticate"], "HTTP-API-KEY")
        sent = key if isinstance(key, str) else key.decode()
        self.assertNotIn(sent, response.text)
        self.assertNotIn(sent, "\n".join(logs.output))
        return response.json()["detail"]

    def test_archived_key_is_refused_at_once(self):
        self.assertEqual(self._get(KEY).status_code, 200)
        self.api_key.active = False
        self.assertEqual(self.assertRefused(KEY), "Invalid API key.")

    def test_deleted_key_is_refused(self):
        self.assertEqual(self._get(KEY).status_code, 200)
        self.api_key.unlink()
        self.assertEqual(self.assertRefused(KEY), "Invalid API key.")

    def test_key_not_made_for_this_api_is_refused(self):
        self.env["auth.api.key"].create(
            {"name": "Shop", "key": "key-shop-77aa", "user_id": self.user.id}
        )
        self.assertEqual(self.assertRefused("key-shop-77aa"), "Invalid API key.")

    def test_key_outside_the_endpoint_key_group_is_refused(self):
        group = self.env["auth.api.key.group"].create({"name": "BI", "code": "bi"})
        self.env.ref("crm_digital_api.fastapi_endpoint_crm_digital").write(
            {"auth_api_key_group_id": group.id}
        )
        self.assertRefused(KEY)
        group.auth_api_key_ids = self.api_key
        self.assertEqual(self._get(KEY).status_code, 200)

    def test_long_key_is_refused_without_echo(self):
        self.assertRefused("k" * 60_000)

    def test_non_ascii_key_is_refused(self):
        self.assertRefused("clave-ñandú-€".encode())

    def test_non_ascii_key_made_for_this_api_opens_it(self):
        self.api_key.key = "clave-ñandú-€"
        response = self._get("clave-ñandú-€".encode())
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["login"], "api_key_user")

    @mute_logger("odoo.http")
    def test_missing_key_is_refused(self):
        response = self.url_open(URL)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Missing HTTP-API-KEY header."})

    def test_refusal_is_in_the_caller_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["crm_digital_api"], ["es_ES"])
        detail = self.assertRefused("not-a-key", **{"Accept-Language": "es-ES,es"})
        self.assertEqual(detail, "Clave de API no válida.")
