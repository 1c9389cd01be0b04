# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import itertools

import requests

from conftest import DB, URL

_ids = itertools.count(1)


def jsonrpc(service, method, *args):
    response = requests.post(
        f"{URL}/jsonrpc",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": list(args)},
            "id": next(_ids),
        },
        timeout=60,
    )
    response.raise_for_status()
    return response.json()


def test_team_leader_aggregates_the_team_pipeline_over_jsonrpc(company):
    login = company["logins"]["leader"]
    uid = jsonrpc("common", "login", DB, login, login)["result"]
    groups = jsonrpc(
        "object",
        "execute_kw",
        DB,
        uid,
        login,
        "crm.lead",
        "read_group",
        [
            [("id", "in", list(company["leads"].values()))],
            ["expected_revenue:sum"],
            ["user_id"],
        ],
        {"lazy": False},
    )["result"]
    assert {g["user_id"][0]: g["expected_revenue"] for g in groups} == {
        company["uids"]["salesperson"]: 12000,
        company["uids"]["leader"]: 30000,
    }


def test_jsonrpc_reports_access_errors_with_their_type(company):
    login = company["logins"]["salesperson"]
    uid = jsonrpc("common", "login", DB, login, login)["result"]
    answer = jsonrpc(
        "object",
        "execute_kw",
        DB,
        uid,
        login,
        "crm.lead",
        "unlink",
        [[company["leads"]["other"]]],
    )
    assert answer["error"]["data"]["name"] == "odoo.exceptions.AccessError"
