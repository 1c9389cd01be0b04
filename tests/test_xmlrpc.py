# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import xmlrpc.client

from conftest import DB, URL, Odoo


def test_server_speaks_odoo_18(admin):
    version = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/common").version()
    assert version["server_serie"] == "18.0"


def test_all_five_addons_are_installed(admin):
    names = [
        "crm_digital",
        "crm_digital_reporting",
        "crm_digital_documents",
        "crm_digital_alerts",
        "crm_digital_api",
    ]
    rows = admin(
        "ir.module.module",
        "search_read",
        [("name", "in", names)],
        fields=["name", "state"],
    )
    assert {row["name"]: row["state"] for row in rows} == dict.fromkeys(
        names, "installed"
    )


def _visible(login, company):
    odoo = Odoo(login, login)
    lead_ids = list(company["leads"].values())
    return set(odoo("crm.lead", "search", [("id", "in", lead_ids)]))


def test_salesperson_reads_only_own_opportunities(company):
    leads = company["leads"]
    assert _visible(company["logins"]["salesperson"], company) == {leads["salesperson"]}


def test_team_leader_reads_the_team_led(company):
    leads = company["leads"]
    assert _visible(company["logins"]["leader"], company) == {
        leads["salesperson"],
        leads["leader"],
    }


def test_manager_reads_everything(company):
    assert _visible(company["logins"]["manager"], company) == set(
        company["leads"].values()
    )


def test_salesperson_cannot_write_a_colleague_opportunity(company):
    odoo = Odoo(company["logins"]["salesperson"], company["logins"]["salesperson"])
    try:
        odoo("crm.lead", "write", [company["leads"]["other"]], {"name": "Hijacked"})
    except xmlrpc.client.Fault as fault:
        assert "AccessError" in fault.faultString or "access" in fault.faultString
    else:
        raise AssertionError("a salesperson wrote a colleague's opportunity")


def test_wrong_password_is_refused():
    common = xmlrpc.client.ServerProxy(f"{URL}/xmlrpc/2/common")
    assert common.authenticate(DB, "admin", "not-the-password", {}) is False
