# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Many leads in one request, through the lead import: the same reading and
checks of each value, duplicate search, assignment rules and report as a file
imported in Leads > Imports, where the request stays as an import."""

import base64
import csv
import io
from typing import Annotated

from fastapi import APIRouter, Depends

from odoo import Command, fields
from odoo.api import Environment

from ..dependencies import Scope, idempotent
from ..problems import ApiRoute
from ..schemas.lead_bulk import LeadBulk, LeadBulkResult, RowOutcome

router = APIRouter(route_class=ApiRoute, tags=["leads"])
# The API's names of the import's targets that differ.
TARGETS = {
    "email": "email_from",
    "expected_closing": "date_deadline",
    "salesperson": "user",
}


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, float):
        # The import reads "12.125" as twelve thousand: a decimal comma is
        # what it reads as one.
        return repr(value).replace(".", ",")
    return str(value)


def _csv(rows):
    names = sorted({name for row in rows for name in row.model_fields_set})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(getattr(row, name)) for name in names])
    return names, out.getvalue().encode()


@router.post(
    "/leads/bulk",
    response_model=LeadBulkResult,
    operation_id="bulk_create_leads",
    summary="Create up to 5,000 leads in one request",
    description="Scope: leads:write. Each row is read, checked, matched against "
    "existing leads and customers and assigned as a row of an imported file; "
    "all the rows or none (a failure leaves nothing). The answer says what "
    "became of each row.",
    dependencies=[Depends(idempotent)],
)
def bulk_create(
    data: LeadBulk, env: Annotated[Environment, Depends(Scope("leads", "write"))]
):
    names, content = _csv(data.rows)
    job = env["crm.digital.lead.import"].create(
        {
            "file": base64.b64encode(content),
            "file_name": f"api-{fields.Datetime.now():%Y%m%d-%H%M%S}.csv",
            "duplicate_policy": data.duplicates,
            "template_id": False,
        }
    )
    # Each column is the API's field of the same name (errors name it so),
    # strict: a value that is not valid rejects its row, with the reason,
    # rather than being kept as written.
    job.column_ids = [
        Command.update(
            column.id,
            {"target": TARGETS.get(column.name, column.name), "strict": True},
        )
        for column in job.column_ids
        if column.name in names
    ]
    parsed, report = job._run_now()
    leads = {lead.import_key: lead for lead in job.lead_ids}
    outcomes = []
    for index, row in enumerate(parsed.rows):
        if row.number in report["rejected"]:
            outcome = RowOutcome(
                row=index, outcome="rejected", reason=report["rejected"][row.number]
            )
        elif row.number in report["skipped"]:
            matched, reason = report["skipped"][row.number]
            outcome = RowOutcome(
                row=index, outcome="skipped", reason=reason, matched=str(matched)
            )
        elif (lead := leads.get(report["keys"].get(row.number))) is not None:
            outcome = RowOutcome(
                row=index,
                outcome="flagged" if lead.import_duplicate else "created",
                lead_id=lead.id,
            )
        else:
            outcome = RowOutcome(row=index, outcome="updated")
        outcomes.append(outcome)
    return LeadBulkResult(
        import_id=job.id,
        created=job.created_count + job.flagged_count,
        updated=job.updated_count,
        skipped=job.skipped_count,
        rejected=job.rejected_count,
        rows=outcomes,
    )
