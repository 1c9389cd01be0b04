# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import time
import xmlrpc.client

import psycopg2
import pytest
import requests

from conftest import DB, URL, make_api_key

ADDONS = [
    "crm_digital_api",
    "crm_digital_alerts",
    "crm_digital_documents",
    "crm_digital_reporting",
    "crm_digital",
]


def _history_kinds(admin, partner):
    rows = admin(
        "crm.digital.customer.event",
        "search_read",
        [("partner_id", "=", partner)],
        fields=["kind"],
    )
    return {row["kind"] for row in rows}


def _turn_sequences():
    """The assignment rules' round-robin sequences in the database."""
    with psycopg2.connect(dbname=DB) as conn, conn.cursor() as cr:
        cr.execute(
            r"""SELECT relname FROM pg_class WHERE relkind = 'S'
                AND relname LIKE 'crm\_digital\_assignment\_rule\_%\_turn'"""
        )
        return [name for (name,) in cr.fetchall()]


def _uninstall(admin, names):
    ids = admin("ir.module.module", "search", [("name", "in", names)])
    # Odoo refuses module operations while a scheduled action runs (the
    # server runs its crons): wait for it, as an administrator would.
    for _attempt in range(60):
        try:
            return admin("ir.module.module", "button_immediate_uninstall", ids)
        except xmlrpc.client.Fault as fault:
            if "scheduled action" not in fault.faultString:
                raise
            time.sleep(2)
    raise AssertionError("a scheduled action kept the modules locked for 2 minutes")


@pytest.mark.destructive
def test_addons_uninstall_cleanly_and_leave_crm_working(admin, company):
    # The addons that add rows to the customer history take them away when
    # uninstalled, whether their source tables stay (documents: dms stays) or
    # go (alerts), and the core's history goes on working.
    customer = admin("res.partner", "create", {"name": "Cliente Desinstalación"})
    admin("crm.lead", "create", {"name": "Oportunidad", "partner_id": customer})
    admin(
        "crm.digital.alert",
        "create",
        {"name": "Atascada", "kind": "stuck", "partner_id": customer},
    )
    admin(
        "ir.attachment",
        "create",
        {
            "name": "escrituras.pdf",
            "datas": base64.b64encode(b"%PDF-1.4").decode(),
            "res_model": "res.partner",
            "res_id": customer,
        },
    )
    team = admin("crm.team", "search", [], limit=1)[0]
    rule = admin(
        "crm.digital.assignment.rule",
        "create",
        {"name": "Reparto al desinstalar", "team_id": team},
    )
    assert f"crm_digital_assignment_rule_{rule}_turn" in _turn_sequences()
    deal = _history_kinds(admin, customer) - {"alert", "document"}
    assert deal & {"lead", "opportunity"}
    assert _history_kinds(admin, customer) == deal | {"alert", "document"}
    _uninstall(admin, ["crm_digital_documents"])
    assert _history_kinds(admin, customer) == deal | {"alert"}
    key, _web = make_api_key(company["logins"]["manager"], ["alerts:read"], "gone")
    _uninstall(admin, ["crm_digital_alerts"])
    assert _history_kinds(admin, customer) == deal
    # The API's alerts say why they are gone, and nothing else breaks.
    alerts = requests.get(
        f"{URL}/crm_digital/api/v1/alerts",
        headers={"Authorization": f"Bearer {key}"},
        timeout=60,
    )
    assert alerts.status_code == 404, alerts.text
    assert alerts.json()["type"].endswith("/alerts-unavailable")

    ids = admin("ir.module.module", "search", [("name", "in", ADDONS)])
    assert len(ids) == len(ADDONS)
    rest = admin(
        "ir.module.module",
        "search_read",
        [("id", "in", ids), ("state", "=", "installed")],
        fields=["name"],
    )
    _uninstall(admin, [row["name"] for row in rest])
    states = admin("ir.module.module", "read", ids, fields=["name", "state"])
    assert {row["name"]: row["state"] for row in states} == dict.fromkeys(
        ADDONS, "uninstalled"
    )
    assert not _turn_sequences()
    assert not admin(
        "res.groups",
        "search",
        [("name", "=", "User: Own Team's Documents")],
    )
    # The stock CRM the addons extended still works.
    lead = admin("crm.lead", "create", {"name": "Después de desinstalar"})
    assert admin("crm.lead", "read", [lead], fields=["name"])[0]["name"]
