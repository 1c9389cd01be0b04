# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The commercial KPIs as another system reads them: each user's own scope
over JSON-RPC and XML-RPC, and the records behind a figure."""

from test_jsonrpc import jsonrpc

from conftest import DB, Odoo


def _pipeline(board):
    kpi = next(kpi for kpi in board["kpis"] if kpi["key"] == "open_amount")
    return kpi["values"]["current"]


def test_each_profile_reads_its_own_pipeline_over_jsonrpc(company):
    leads = [("id", "in", list(company["leads"].values()))]
    expected = {"salesperson": 12000, "leader": 42000, "manager": 50000}
    for role, amount in expected.items():
        login = company["logins"][role]
        uid = jsonrpc("common", "login", DB, login, login)["result"]
        board = jsonrpc(
            "object",
            "execute_kw",
            DB,
            uid,
            login,
            "crm.digital.kpi.report",
            "get_dashboard",
            [],
            {"filters": leads},
        )["result"]
        assert _pipeline(board) == amount, role


def test_a_team_leader_opens_the_records_behind_a_figure_over_xmlrpc(company):
    leader = Odoo(company["logins"]["leader"], company["logins"]["leader"])
    leads = [("id", "in", list(company["leads"].values()))]
    board = leader("crm.digital.kpi.report", "get_dashboard", filters=leads)
    members = {
        row["id"]: row["values"]["open_amount"] for row in board["breakdown"]["rows"]
    }
    assert members == {
        company["uids"]["salesperson"]: 12000,
        company["uids"]["leader"]: 30000,
    }
    action = leader(
        "crm.digital.kpi.report",
        "get_drilldown",
        "open_count",
        filters=leads,
        cut="user_id",
        cut_value=company["uids"]["salesperson"],
    )
    assert leader("crm.lead", "search", action["domain"]) == [
        company["leads"]["salesperson"]
    ]
