# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Commercial tasks and actions (mail activities) on leads, opportunities and
customers."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from odoo import fields
from odoo.api import Environment

from ..dependencies import Scope, idempotent
from ..listing import page
from ..problems import ApiRoute, not_found
from ..records import readable
from ..schemas.activity import Activity, ActivityCreate, ActivityDone, RecordRef, State
from ..schemas.common import FilterId, Page, RecordId, Text, ref

router = APIRouter(route_class=ApiRoute, tags=["activities"])
READ = Scope("activities", "read")
WRITE = Scope("activities", "write")
MODELS = ("crm.lead", "res.partner")
FNAMES = [
    "res_model",
    "res_id",
    "res_name",
    "activity_type_id",
    "summary",
    "note",
    "date_deadline",
    "user_id",
    "state",
]


def _kinds(activities):
    """The kind of the record of each activity (a lead's type, read at once)."""
    lead_ids = [a.res_id for a in activities if a.res_model == "crm.lead"]
    leads = activities.env["crm.lead"].with_context(active_test=False).browse(lead_ids)
    types = {lead.id: lead.type for lead in leads.sudo()}
    return {
        a.id: types.get(a.res_id, "lead") if a.res_model == "crm.lead" else "customer"
        for a in activities
    }


def _activities(activities):
    kinds = _kinds(activities)
    return [
        Activity(
            id=a.id,
            record=RecordRef(kind=kinds[a.id], id=a.res_id, name=a.res_name or ""),
            type=ref(a.activity_type_id),
            summary=a.summary or None,
            note=a.note or None,
            deadline=a.date_deadline,
            assignee=ref(a.user_id),
            state=a.state,
        )
        for a in activities
    ]


def _get(env, record_id):
    return readable(
        env["mail.activity"], record_id, lambda activity: activity.res_model in MODELS
    )


@router.get(
    "/activities",
    response_model=Page[Activity],
    operation_id="list_activities",
    summary="List planned activities",
    description="Activities planned on leads, opportunities and customers that the "
    "key's user may read, by deadline. Scope: activities:read.",
)
def list_activities(
    env: Annotated[Environment, Depends(READ)],
    assignee_id: FilterId | None = None,
    lead_id: FilterId | None = None,
    customer_id: FilterId | None = None,
    state: State | None = None,
    cursor: Text | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    domain = [("res_model", "in", MODELS)]
    if assignee_id is not None:
        domain.append(("user_id", "=", assignee_id or False))
    if lead_id:
        domain += [("res_model", "=", "crm.lead"), ("res_id", "=", lead_id)]
    if customer_id:
        domain += [("res_model", "=", "res.partner"), ("res_id", "=", customer_id)]
    if state:
        today = fields.Date.context_today(env.user)
        operator = {"overdue": "<", "today": "=", "planned": ">"}[state]
        domain.append(("date_deadline", operator, today))
    records, next_cursor = page(
        env["mail.activity"],
        domain,
        sort="id",
        cursor=cursor,
        limit=limit,
        fnames=FNAMES,
    )
    return Page[Activity](data=_activities(records), next_cursor=next_cursor)


@router.get(
    "/activities/{record_id}",
    response_model=Activity,
    operation_id="get_activities",
    summary="Read an activity",
    description="Scope: activities:read.",
)
def get_activity(record_id: RecordId, env: Annotated[Environment, Depends(READ)]):
    return _activities(_get(env, record_id))[0]


@router.post(
    "/activities",
    response_model=Activity,
    status_code=status.HTTP_201_CREATED,
    operation_id="create_activities",
    summary="Plan an activity on a lead, opportunity or customer",
    description="Scope: activities:write. The assignee is notified as when it is "
    "planned in the UI.",
    dependencies=[Depends(idempotent)],
)
def create_activity(
    data: ActivityCreate,
    response: Response,
    env: Annotated[Environment, Depends(WRITE)],
):
    model = "crm.lead" if data.lead_id else "res.partner"
    record = env[model].browse(data.lead_id or data.customer_id).exists()
    if not record:
        raise not_found(env)
    record.check_access("write")
    activity_type = (
        env["mail.activity.type"].browse(data.type_id).exists()
        if data.type_id
        else env.ref("mail.mail_activity_data_todo")
    )
    assignee = env["res.users"].browse(data.assignee_id or env.uid).exists()
    if not activity_type or not assignee:
        raise not_found(env)
    values = {
        "summary": data.summary or "",
        "note": data.note or "",
        "user_id": assignee.id,
    }
    if data.deadline:
        values["date_deadline"] = data.deadline
    activity = record.activity_schedule(activity_type_id=activity_type.id, **values)
    response.headers["Location"] = f"activities/{activity.id}"
    return _activities(activity)[0]


@router.post(
    "/activities/{record_id}/done",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="done_activities",
    summary="Mark an activity as done",
    description="Scope: activities:write. It is logged on its record's chatter with "
    "the feedback, as in the UI.",
)
def done_activity(
    record_id: RecordId,
    env: Annotated[Environment, Depends(WRITE)],
    data: ActivityDone | None = None,
):
    _get(env, record_id).action_feedback(feedback=(data and data.feedback) or False)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
