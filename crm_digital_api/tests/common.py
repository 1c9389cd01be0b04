# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import HttpCase, new_test_user

from ..models.res_users_apikeys import scope_text

ROOT = "/crm_digital/api/v1"
ALL_SCOPES = [
    f"{resource}:write"
    for resource in (
        "customers",
        "leads",
        "opportunities",
        "activities",
        "quotations",
        "documents",
        "webhooks",
    )
] + ["kpis:read"]


class ApiCase(HttpCase):
    """Two salespeople of one team and a sales manager, each with a key of the
    API holding every scope; requests go through the real HTTP stack."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(
            cls.env,
            "api_ana",
            name="Ana Salesperson",
            groups="sales_team.group_sale_salesman",
        )
        cls.other = new_test_user(
            cls.env,
            "api_bruno",
            name="Bruno Salesperson",
            groups="sales_team.group_sale_salesman",
        )
        cls.manager = new_test_user(
            cls.env,
            "api_marta",
            name="Marta Manager",
            groups="sales_team.group_sale_manager",
        )
        cls.key = cls.make_key(cls.salesperson, ALL_SCOPES)
        cls.manager_key = cls.make_key(cls.manager, ALL_SCOPES)

    @classmethod
    def make_key(cls, user, scopes, name="ERP", expiration=None):
        scope = scope_text(scopes) if scopes is not None else None
        return (
            cls.env["res.users.apikeys"]
            .with_user(user)
            .sudo()
            ._generate(scope, name, expiration)
        )

    def call(self, method, path, key=None, body=None, headers=None, **kwargs):
        headers = dict(headers or {})
        if key:
            headers["Authorization"] = f"Bearer {key}"
        if body is not None:
            headers["Content-Type"] = "application/json"
            kwargs["data"] = body if isinstance(body, bytes) else json.dumps(body)
        return self.opener.request(
            method, self.base_url() + ROOT + path, headers=headers, timeout=30, **kwargs
        )

    def assertProblem(self, response, status, code):
        self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(
            response.headers["Content-Type"], "application/problem+json", response.text
        )
        problem = response.json()
        self.assertEqual(problem["status"], status)
        self.assertTrue(problem["type"].endswith("/" + code), problem)
        self.assertTrue(problem["title"])
        return problem
