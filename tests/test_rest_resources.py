# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The REST API over every addon installed, as an integrator's system uses it
with `requests`: the reporting addon's KPIs, the documents addon's filing."""

import requests

from conftest import URL, make_api_key, new_salesperson

API = f"{URL}/crm_digital/api/v1"


def test_kpis_are_the_reporting_figures_of_the_key_user(admin, company):
    login, uid = new_salesperson(admin, company["tag"], "kpis")
    admin(
        "crm.lead",
        "create",
        {
            "name": f"Tienda Gandia {company['tag']}",
            "type": "opportunity",
            "user_id": uid,
            "expected_revenue": 4500,
        },
    )
    key, _web = make_api_key(login, ["kpis:read"])
    response = requests.get(
        f"{API}/kpis",
        headers={"Authorization": f"Bearer {key}"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    board = response.json()
    assert board["profile"] == "salesperson"
    kpis = {kpi["key"]: kpi for kpi in board["kpis"]}
    assert kpis["open_amount"]["values"]["current"] == 4500
    assert kpis["open_count"]["label"] == "Open Opportunities"
    assert [column["key"] for column in board["columns"]] == [
        "current",
        "previous",
        "year_before",
    ]


def test_a_file_uploaded_through_the_api_is_filed_in_the_document_management(
    admin, company
):
    key, _web = make_api_key(company["logins"]["salesperson"], ["documents:write"])
    lead = company["leads"]["salesperson"]
    response = requests.post(
        f"{API}/opportunities/{lead}/documents",
        headers={"Authorization": f"Bearer {key}"},
        files={"file": ("image001.png", b"\x89PNG not really", "image/png")},
        timeout=60,
    )
    assert response.status_code == 201, response.text
    files = admin(
        "dms.file",
        "search_read",
        [("attachment_id", "=", response.json()["id"])],
        fields=["name"],
    )
    assert [f["name"] for f in files] == ["image001.png"]


def test_alerts_are_listed_and_marked_seen_as_each_key_user_may(admin, company):
    ids = {
        role: admin(
            "crm.digital.alert",
            "create",
            {
                "name": f"{role} {company['tag']} lleva 20 días en Análisis.",
                "kind": "stuck",
                "severity": "danger",
                "lead_id": company["leads"][role],
                "user_id": company["uids"][role],
            },
        )
        for role in ("salesperson", "other")
    }
    login = company["logins"]["salesperson"]
    read_key, _web = make_api_key(login, ["alerts:read"], name="alerts-read")
    write_key, _web = make_api_key(login, ["alerts:write"], name="alerts-write")

    def call(method, path, key, **kwargs):
        return requests.request(
            method,
            f"{API}{path}",
            headers={"Authorization": f"Bearer {key}"},
            timeout=60,
            **kwargs,
        )

    listed = call("GET", "/alerts", read_key, params={"limit": 200})
    assert listed.status_code == 200, listed.text
    seen = {alert["id"]: alert for alert in listed.json()["data"]}
    # A salesperson's key sees their own alert, never a colleague's.
    assert ids["salesperson"] in seen and ids["other"] not in seen
    mine = seen[ids["salesperson"]]
    assert mine["opportunity"]["id"] == company["leads"]["salesperson"]
    assert mine["open"] and mine["can_acknowledge"] and not mine["acknowledged_by"]
    # A read key cannot mark it.
    refused = call("POST", f"/alerts/{ids['salesperson']}/acknowledge", read_key)
    assert refused.status_code == 403, refused.text
    assert refused.headers["Content-Type"] == "application/problem+json"
    assert refused.json()["type"].endswith("/insufficient-scope")
    done = call("POST", f"/alerts/{ids['salesperson']}/acknowledge", write_key)
    assert done.status_code == 200, done.text
    assert done.json()["acknowledged_by"]["id"] == company["uids"]["salesperson"]
    assert not done.json()["can_acknowledge"]
    # Seen, it leaves the opportunity's badge and the list of those not seen.
    (lead,) = admin(
        "crm.lead",
        "read",
        [company["leads"]["salesperson"]],
        fields=["crm_digital_alert_count"],
    )
    assert lead["crm_digital_alert_count"] == 0
    unseen = call("GET", "/alerts", read_key, params={"acknowledged": "false"})
    assert ids["salesperson"] not in [a["id"] for a in unseen.json()["data"]]
    # A colleague's alert is not this key's to read, nor to mark.
    other = call("GET", f"/alerts/{ids['other']}", read_key)
    assert other.status_code == 403, other.text
    other = call("POST", f"/alerts/{ids['other']}/acknowledge", write_key)
    assert other.status_code == 403, other.text
