# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ApiCase


@tagged("post_install", "-at_install")
class TestApiKey(ApiCase):
    """Only live keys of Odoo's own API keys, made for this API, open it, as
    their user and within their scopes; no refusal shows the key sent."""

    def assertRefused(self, key, **headers):
        response = self.call("GET", "/me", key, headers=headers)
        problem = self.assertProblem(response, 401, "unauthenticated")
        self.assertEqual(
            response.headers["WWW-Authenticate"], 'Bearer realm="crm_digital"'
        )
        if key:
            sent = key if isinstance(key, str) else key.decode()
            self.assertNotIn(sent, response.text)
        return problem["detail"]

    def test_key_acts_as_its_user_with_its_scopes(self):
        key = self.make_key(self.salesperson, ["leads:read", "customers:write"])
        response = self.call("GET", "/me", key)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["login"], "api_ana")
        self.assertEqual(response.json()["role"], "salesperson")
        self.assertEqual(
            response.json()["scopes"],
            ["customers:read", "customers:write", "leads:read"],
        )

    def test_deleted_key_is_refused_at_once(self):
        key = self.make_key(self.salesperson, ["leads:read"])
        self.assertEqual(self.call("GET", "/me", key).status_code, 200)
        self.env["res.users.apikeys"].search(
            [("user_id", "=", self.salesperson.id), ("name", "=", "ERP")]
        ).with_user(self.salesperson)._remove()
        self.assertEqual(self.assertRefused(key), "Invalid API key.")

    def test_expired_key_is_refused(self):
        key = self.make_key(
            self.salesperson,
            ["leads:read"],
            expiration=datetime.now() + timedelta(days=1),
        )
        self.assertEqual(self.call("GET", "/me", key).status_code, 200)
        self.env.cr.execute(
            "UPDATE res_users_apikeys SET expiration_date = now() at time zone 'utc' "
            "- interval '1 minute' WHERE user_id = %s",
            [self.salesperson.id],
        )
        self.assertRefused(key)

    def test_key_of_an_archived_user_is_refused(self):
        self.assertEqual(self.call("GET", "/me", self.key).status_code, 200)
        self.salesperson.active = False
        self.assertRefused(self.key)

    def test_rpc_key_does_not_open_the_api_nor_an_api_key_rpc(self):
        rpc_key = self.make_key(self.salesperson, None, name="Any RPC")
        self.assertRefused(rpc_key)
        keys = self.env["res.users.apikeys"]
        self.assertFalse(keys._check_credentials(scope="rpc", key=self.key))
        self.assertEqual(
            keys._check_credentials(scope="rpc", key=rpc_key), self.salesperson.id
        )

    def test_scope_limits_what_the_key_may_do(self):
        key = self.make_key(self.salesperson, ["leads:read"])
        self.assertEqual(self.call("GET", "/leads", key).status_code, 200)
        problem = self.assertProblem(
            self.call("POST", "/leads", key, {"name": "Reforma oficina"}),
            403,
            "insufficient-scope",
        )
        self.assertIn("leads:write", problem["detail"])
        self.assertProblem(
            self.call("GET", "/customers", key), 403, "insufficient-scope"
        )
        self.assertFalse(
            self.env["crm.lead"].search([("name", "=", "Reforma oficina")])
        )

    def test_missing_and_malformed_keys_are_refused_without_echo(self):
        self.assertIn("Bearer", self.assertRefused(None))
        self.assertRefused("k" * 60_000)
        self.assertRefused("clave-ñandú-€".encode())
        self.assertRefused(self.key[:-1] + ("0" if self.key[-1] != "0" else "1"))

    def test_refusal_is_in_the_caller_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["crm_digital_api"], ["es_ES"])
        response = self.call(
            "GET", "/me", "not-a-key", headers={"Accept-Language": "es-ES,es"}
        )
        problem = self.assertProblem(response, 401, "unauthenticated")
        self.assertEqual(problem["detail"], "Clave de API no válida.")
        self.assertEqual(problem["title"], "Autenticación necesaria")
        self.assertEqual(response.headers["Content-Language"], "es-ES")

    def test_problems_are_in_the_key_user_language_without_accept_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["crm_digital_api"], ["es_ES"])
        self.salesperson.lang = "es_ES"
        key = self.make_key(self.salesperson, ["leads:read"])
        problem = self.assertProblem(
            self.call("GET", "/customers", key), 403, "insufficient-scope"
        )
        self.assertEqual(problem["title"], "Falta un permiso de la clave")

    @mute_logger("odoo.addons.crm_digital_api.problems")
    def test_rate_limit_answers_429_with_retry_after(self):
        self.env["ir.config_parameter"].set_param("crm_digital_api.rate_limit", 3)
        for _n in range(3):
            self.assertEqual(self.call("GET", "/me", self.key).status_code, 200)
        response = self.call("GET", "/me", self.key)
        self.assertProblem(response, 429, "rate-limited")
        self.assertTrue(1 <= int(response.headers["Retry-After"]) <= 60)
        # Counted per key.
        self.assertEqual(self.call("GET", "/me", self.manager_key).status_code, 200)

    def test_refused_requests_count_and_are_summed_per_day(self):
        key = self.make_key(self.salesperson, ["leads:read"], name="contable")
        key_id = (
            self.env["res.users.apikeys"]
            .search([("user_id", "=", self.salesperson.id), ("name", "=", "contable")])
            .id
        )
        self.assertProblem(
            self.call("GET", "/customers", key), 403, "insufficient-scope"
        )
        self.assertEqual(self.call("GET", "/me", key).status_code, 200)
        Requests = self.env["crm.digital.api.request"]
        requests = Requests.search([("key_id", "=", key_id)])
        self.assertEqual(len(requests), 2)
        # The daily clean-up sums past minutes into their day, and the
        # justification counts them wherever they are.
        self.assertEqual(Requests._calls_since(fields.Date.today()), 2)
        requests.date = fields.Datetime.now() - timedelta(minutes=2)
        Requests._gc_requests()
        self.assertFalse(requests.exists())
        usage = self.env["crm.digital.api.usage"].search([("key_id", "=", key_id)])
        self.assertEqual(usage.calls, 2)
        self.assertEqual(Requests._calls_since(fields.Date.today()), 2)

    def test_body_over_the_limit_answers_413(self):
        self.env["ir.config_parameter"].set_param("crm_digital_api.max_body_mb", 1)
        body = {"name": "Grande", "description": "x" * (2 * 1024 * 1024)}
        self.assertProblem(
            self.call("POST", "/leads", self.key, body), 413, "too-large"
        )
        self.assertFalse(self.env["crm.lead"].search([("name", "=", "Grande")]))
