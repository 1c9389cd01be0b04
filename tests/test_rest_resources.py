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
