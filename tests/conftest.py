# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Black-box tests: a real Odoo server (started by scripts/test.sh) driven by
ordinary client libraries, as an integrator's system would."""

import os
import uuid
import xmlrpc.client

import pytest
import requests

URL = os.environ.get("CRM_DIGITAL_URL", "http://127.0.0.1:8069")
DB = os.environ.get("CRM_DIGITAL_DB", "crm_digital")
ADMIN = ("admin", "admin")


def pytest_collection_modifyitems(items):
    # Fuzzing leaves made-up records behind: it runs after the other tests;
    # the tests that uninstall the addons run last.
    items.sort(
        key=lambda item: (
            item.get_closest_marker("destructive") is not None,
            item.get_closest_marker("fuzz") is not None,
        )
    )


def pytest_configure(config):
    config.addinivalue_line("markers", "destructive: changes the installed addons")
    config.addinivalue_line("markers", "fuzz: sends made-up requests to the API")


class Odoo:
    """XML-RPC as one user."""

    def __init__(self, login, password):
        common = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/common")
        self.uid = common.authenticate(DB, login, password, {})
        assert self.uid, f"{login} cannot log in"
        self.password = password
        self.models = xmlrpc.client.ServerProxy(
            f"{URL}/xmlrpc/2/object", allow_none=True
        )

    def __call__(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            DB, self.uid, self.password, model, method, list(args), kwargs
        )


@pytest.fixture(scope="session")
def admin():
    return Odoo(*ADMIN)


@pytest.fixture(scope="session")
def company(admin):
    """Two teams, a salesperson in each and a leader of the first, with one
    opportunity each; names are unique to this run."""
    tag = uuid.uuid4().hex[:8]

    def ref(xmlid):
        return admin("ir.model.data", "check_object_reference", *xmlid.split("."))[1]

    def user(role, group):
        login = f"bb_{role}_{tag}"
        admin(
            "res.users",
            "create",
            {
                "name": f"{role.title()} {tag}",
                "login": login,
                "password": login,
                "groups_id": [(6, 0, [ref(group)])],
            },
        )
        return login

    logins = {
        "salesperson": user("salesperson", "sales_team.group_sale_salesman"),
        "other": user("other", "sales_team.group_sale_salesman"),
        "leader": user("leader", "crm_digital.group_crm_digital_team_leader"),
        "manager": user("manager", "sales_team.group_sale_manager"),
    }
    uids = {
        role: admin("res.users", "search", [("login", "=", login)])[0]
        for role, login in logins.items()
    }
    team_led = admin(
        "crm.team",
        "create",
        {
            "name": f"Ventas Directas {tag}",
            "user_id": uids["leader"],
            "member_ids": [(6, 0, [uids["salesperson"], uids["leader"]])],
        },
    )
    team_other = admin(
        "crm.team",
        "create",
        {"name": f"Canal Partners {tag}", "member_ids": [(6, 0, [uids["other"]])]},
    )
    leads = {
        role: admin(
            "crm.lead",
            "create",
            {
                "name": f"{name} {tag}",
                "type": "opportunity",
                "user_id": uids[role],
                "team_id": team,
                "expected_revenue": revenue,
            },
        )
        for role, name, team, revenue in (
            ("salesperson", "Renovación licencias Levante", team_led, 12000),
            ("leader", "Implantación ERP Turia", team_led, 30000),
            ("other", "Consultoría Bodegas Rioja", team_other, 8000),
        )
    }
    return {"tag": tag, "logins": logins, "uids": uids, "leads": leads}


class WebSession:
    """A user's browser session: what the web client calls, as the user."""

    def __init__(self, login, password):
        self.password = password
        self.session = requests.Session()
        response = self.session.post(
            f"{URL}/web/session/authenticate",
            json={"params": {"db": DB, "login": login, "password": password}},
            timeout=60,
        )
        assert response.json().get("result"), response.text

    def __call__(self, model, method, *args, **kwargs):
        response = self.session.post(
            f"{URL}/web/dataset/call_kw",
            json={
                "params": {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                }
            },
            timeout=60,
        )
        body = response.json()
        assert "error" not in body, body
        return body["result"]

    def button(self, model, method, record_id):
        """A button of a form, through the identity check it may ask for."""
        action = self(model, method, [record_id])
        if action and action.get("res_model") == "res.users.identitycheck":
            check = action["res_id"]
            self(
                "res.users.identitycheck", "write", [check], {"password": self.password}
            )
            action = self("res.users.identitycheck", "run_check", [check])
        return action


def make_api_key(login, scopes, name="ERP"):
    """A key of the API, made as the user makes it in their Preferences; and
    the user's session, to revoke it."""
    web = WebSession(login, login)
    scope_ids = web("crm.digital.api.scope", "search", [("code", "in", scopes)])
    wizard = web(
        "res.users.apikeys.description",
        "create",
        {
            "name": name,
            "crm_digital_api": True,
            "crm_digital_scope_ids": [(6, 0, scope_ids)],
        },
    )
    action = web.button("res.users.apikeys.description", "make_key", wizard)
    return action["context"]["default_key"], web


def revoke_api_key(web, name):
    key_ids = web("res.users.apikeys", "search", [("name", "=", name)])
    assert len(key_ids) == 1
    web.button("res.users.apikeys", "remove", key_ids[0])


def new_salesperson(admin, tag, name):
    """A salesperson of this run, whose password is their login."""
    login = f"bb_{name}_{tag}"
    group = admin(
        "ir.model.data", "check_object_reference", "sales_team", "group_sale_salesman"
    )[1]
    uid = admin(
        "res.users",
        "create",
        {
            "name": f"{name.title()} {tag}",
            "login": login,
            "password": login,
            "groups_id": [(6, 0, [group])],
        },
    )
    return login, uid
