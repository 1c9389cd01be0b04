# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A file above the background threshold, imported over XML-RPC as a
salesperson on a server run as in production (several workers, queue_job's
runner, crons): the job ends and every row is accounted for."""

import base64
import time

from conftest import Odoo

ROWS = 2500


def _file(tag):
    lines = ["Empresa;Contacto;Email;Teléfono;NIF"]
    for n in range(ROWS - 3):
        lines.append(f"Empresa {n % 90} {tag};Persona {n} {tag};p{n}@{tag}.example;;")
    lines.append(f"Empresa 1 {tag};Persona 1 {tag};p1@{tag}.example;;")  # twice
    lines.append(f"Mala {tag};Sin NIF {tag};mala@{tag}.example;;B1234")  # bad NIF
    lines.append(f"Rara {tag};Teléfono {tag};rara@{tag}.example;123;")  # kept
    return "\n".join(lines).encode("utf-8")


def test_a_big_file_imports_in_the_background_to_the_last_row(admin, company):
    threshold = admin(
        "res.company", "search_read", [], fields=["crm_digital_import_background_rows"]
    )[0]["crm_digital_import_background_rows"]
    assert 0 < threshold < ROWS
    login = company["logins"]["salesperson"]
    salesperson = Odoo(login, login)
    job_id = salesperson(
        "crm.digital.lead.import",
        "create",
        {
            "file_name": "feria.csv",
            "file": base64.b64encode(_file(company["tag"])).decode(),
        },
    )
    action = salesperson("crm.digital.lead.import", "action_import", [job_id])
    assert action["params"]["message"]
    fields = [
        "state",
        "progress",
        "row_count",
        "created_count",
        "updated_count",
        "flagged_count",
        "skipped_count",
        "rejected_count",
        "warning_count",
        "error_message",
    ]
    deadline = time.monotonic() + 600
    while True:
        job = salesperson("crm.digital.lead.import", "read", [job_id], fields=fields)[0]
        if job["state"] not in ("queued",) or time.monotonic() > deadline:
            break
        time.sleep(2)
    assert job["state"] == "done", job
    assert job["row_count"] == ROWS
    assert (job["skipped_count"], job["rejected_count"], job["warning_count"]) == (
        1,
        1,
        1,
    )
    accounted = sum(
        job[key]
        for key in (
            "created_count",
            "updated_count",
            "flagged_count",
            "skipped_count",
            "rejected_count",
        )
    )
    assert accounted == ROWS
    assert job["progress"] == 100
    leads = admin("crm.lead", "search_count", [("import_id", "=", job_id)])
    assert leads == job["created_count"] + job["flagged_count"] == ROWS - 2
