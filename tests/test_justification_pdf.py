# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Kit Digital justification, downloaded from a running server as the
consultant's browser does, with the figures of the database it serves."""

import re

import requests

from conftest import ADMIN, DB, URL

REPORT = "crm_digital.report_justification"


def _session():
    session = requests.Session()
    response = session.post(
        f"{URL}/web/session/authenticate",
        json={"params": {"db": DB, "login": ADMIN[0], "password": ADMIN[1]}},
        timeout=60,
    )
    assert response.json().get("result"), response.text
    return session


def test_justification_pdf_has_this_database_figures(admin):
    company_id = admin("res.users", "read", [admin.uid], ["company_id"])[0][
        "company_id"
    ][0]
    session = _session()
    html = session.get(f"{URL}/report/html/{REPORT}/{company_id}", timeout=120).text
    customers = admin("res.partner", "search_count", [("opportunity_ids", "!=", False)])
    assert customers > 0
    assert f"Customers with opportunities: {customers}." in html
    stages = admin("crm.stage", "search_read", [("team_id", "=", False)], ["name"])
    assert " → ".join(stage["name"] for stage in stages) in html
    hours = sum(
        entry["hours"]
        for entry in admin(
            "crm.digital.parametrisation.log",
            "search_read",
            [("company_id", "=", company_id)],
            ["hours"],
        )
    )
    assert re.search(rf"<span>{hours:.2f}</span>\s*hours logged", html)
    pdf = session.get(f"{URL}/report/pdf/{REPORT}/{company_id}", timeout=300)
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert len(pdf.content) > 10_000
