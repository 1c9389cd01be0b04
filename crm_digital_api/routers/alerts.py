# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Customer alerts, as the alerts addon raises them for the key's user;
reached through the core's hook, so the API works without it."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from odoo.api import Environment

from ..dependencies import Scope
from ..listing import Sort, page
from ..problems import ApiProblem, ApiRoute
from ..records import readable
from ..schemas.alert import Alert
from ..schemas.common import FilterId, Page, RecordId, Text, ref

router = APIRouter(route_class=ApiRoute, tags=["alerts"])
READ = Scope("alerts", "read")
WRITE = Scope("alerts", "write")
FNAMES = [
    "name",
    "kind",
    "severity",
    "active",
    "date",
    "date_closed",
    "partner_id",
    "lead_id",
    "order_id",
    "user_id",
    "team_id",
    "acknowledged_by_id",
    "date_acknowledged",
]
State = Literal["open", "closed", "all"]


def _model(env):
    alerts = env.company._crm_digital_alerts()
    if alerts is None:
        raise ApiProblem(
            404,
            "alerts-unavailable",
            env._("Alerts not available"),
            env._("Install CRM Digital Alerts to get the customer alerts."),
        )
    return alerts.with_context(active_test=False)


def _alerts(alerts):
    return [
        Alert(
            id=alert.id,
            kind=alert.kind,
            severity=alert.severity,
            message=alert.name,
            open=alert.active,
            raised_at=alert.date,
            closed_at=alert.date_closed or None,
            customer=ref(alert.partner_id),
            opportunity=ref(alert.lead_id),
            quotation=ref(alert.order_id),
            user=ref(alert.user_id),
            team=ref(alert.team_id),
            acknowledged_by=ref(alert.acknowledged_by_id),
            acknowledged_at=alert.date_acknowledged or None,
            can_acknowledge=alert.can_acknowledge,
        )
        for alert in alerts
    ]


def _get(env, record_id):
    return readable(_model(env), record_id)


@router.get(
    "/alerts",
    response_model=Page[Alert],
    operation_id="list_alerts",
    summary="List customer alerts",
    description="The alerts of the deals and customers the key's user may see "
    "(a salesperson their own, a team leader their teams', a manager all), "
    "newest first by default. Scope: alerts:read. 404 while the alerts addon is "
    "not installed.",
)
def list_alerts(
    env: Annotated[Environment, Depends(READ)],
    state: State = "open",
    acknowledged: bool | None = None,
    kind: Annotated[Text | None, Query(max_length=64)] = None,
    severity: Literal["info", "warning", "danger"] | None = None,
    customer_id: FilterId | None = None,
    opportunity_id: FilterId | None = None,
    user_id: FilterId | None = None,
    sort: Sort = "-id",
    cursor: Text | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    Alerts = _model(env)
    domain = []
    if state != "all":
        domain.append(("active", "=", state == "open"))
    if acknowledged is not None:
        domain.append(("acknowledged_by_id", "!=" if acknowledged else "=", False))
    for fname, value in (
        ("kind", kind),
        ("severity", severity),
        ("partner_id", customer_id),
        ("lead_id", opportunity_id),
        ("user_id", user_id),
    ):
        if value is not None:
            domain.append((fname, "=", value or False))
    records, next_cursor = page(
        Alerts, domain, sort=sort, cursor=cursor, limit=limit, fnames=FNAMES
    )
    return Page[Alert](data=_alerts(records), next_cursor=next_cursor)


@router.get(
    "/alerts/{record_id}",
    response_model=Alert,
    operation_id="get_alerts",
    summary="Read a customer alert",
    description="Scope: alerts:read.",
)
def get_alert(record_id: RecordId, env: Annotated[Environment, Depends(READ)]):
    return _alerts(_get(env, record_id))[0]


@router.post(
    "/alerts/{record_id}/acknowledge",
    response_model=Alert,
    operation_id="acknowledge_alerts",
    summary="Mark a customer alert as seen",
    description="As *Mark as Seen* in the UI: the alert no longer counts in the "
    "badges of its opportunity and customer until it grows more urgent. Only "
    "the person alerted, the leader of its team or a sales manager may, and "
    "only while it is open (403 otherwise). Marking it again changes nothing. "
    "Scope: alerts:write.",
)
def acknowledge_alert(record_id: RecordId, env: Annotated[Environment, Depends(WRITE)]):
    alert = _get(env, record_id)
    alert.action_acknowledge()
    return _alerts(alert)[0]
