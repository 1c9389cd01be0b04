# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The key's user's webhooks: subscribe, list, unsubscribe, read and resend
their deliveries."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from odoo import Command
from odoo.api import Environment

from ..dependencies import Scope
from ..listing import page
from ..problems import ApiRoute, not_found
from ..schemas.common import Page, RecordId, Text
from ..schemas.webhook import Delivery, Webhook, WebhookCreate

router = APIRouter(route_class=ApiRoute, tags=["webhooks"])
READ = Scope("webhooks", "read")
WRITE = Scope("webhooks", "write")


def _webhook(webhook, secret=False):
    return Webhook(
        id=webhook.id,
        name=webhook.name,
        url=webhook.url,
        events=webhook.event_ids.mapped("code"),
        state=webhook.state,
        failing_since=webhook.failing_since or None,
        secret=webhook.secret if secret else None,
    )


def _get(env, record_id):
    webhook = env["crm.digital.webhook"].search(
        [("id", "=", record_id), ("user_id", "=", env.uid)]
    )
    if not webhook:
        raise not_found(env)
    return webhook


@router.get(
    "/webhooks",
    response_model=list[Webhook],
    response_model_exclude_none=True,
    operation_id="list_webhooks",
    summary="List the key's user's webhooks",
    description="Scope: webhooks:read.",
)
def list_webhooks(env: Annotated[Environment, Depends(READ)]):
    return [
        _webhook(w)
        for w in env["crm.digital.webhook"].search([("user_id", "=", env.uid)])
    ]


@router.post(
    "/webhooks",
    response_model=Webhook,
    status_code=status.HTTP_201_CREATED,
    operation_id="create_webhooks",
    summary="Subscribe a URL to events",
    description="Scope: webhooks:write. Each event is POSTed as JSON, signed in "
    'X-CRM-Digital-Signature: t=<unix time>,v1=<HMAC-SHA256 of "<t>.<body>" '
    "with the secret>; refuse deliveries whose t is more than 5 minutes old. "
    "Deliveries hold only what the key's user may read; failed ones are retried "
    "with growing waits, and a URL failing for a day is paused.",
)
def create_webhook(data: WebhookCreate, env: Annotated[Environment, Depends(WRITE)]):
    events = env["crm.digital.webhook.event"].search([("code", "in", data.events)])
    webhook = env["crm.digital.webhook"].create(
        {
            "name": data.name,
            "url": str(data.url),
            "event_ids": [Command.set(events.ids)],
            "user_id": env.uid,
        }
    )
    return _webhook(webhook, secret=True)


@router.delete(
    "/webhooks/{record_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="delete_webhooks",
    summary="Unsubscribe",
    description="Scope: webhooks:write.",
)
def delete_webhook(record_id: RecordId, env: Annotated[Environment, Depends(WRITE)]):
    _get(env, record_id).unlink()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _deliveries(deliveries):
    return [
        Delivery(
            id=d.id,
            delivery_id=d.uuid,
            event=d.event,
            occurred_at=d.occurred_at,
            state=d.state,
            attempts=d.attempts,
            status_code=d.status_code or None,
            response_ms=d.response_ms or None,
            error=d.error or None,
            sent_at=d.sent_at or None,
        )
        for d in deliveries
    ]


@router.get(
    "/webhooks/{record_id}/deliveries",
    response_model=Page[Delivery],
    operation_id="list_webhook_deliveries",
    summary="The deliveries of a webhook, newest first",
    description="Scope: webhooks:read.",
)
def list_deliveries(
    record_id: RecordId,
    env: Annotated[Environment, Depends(READ)],
    cursor: Text | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    webhook = _get(env, record_id)
    deliveries, next_cursor = page(
        env["crm.digital.webhook.delivery"],
        [("webhook_id", "=", webhook.id)],
        sort="-id",
        cursor=cursor,
        limit=limit,
        fnames=[],
    )
    return Page[Delivery](data=_deliveries(deliveries), next_cursor=next_cursor)


@router.post(
    "/webhooks/{record_id}/deliveries/{delivery_id}/resend",
    response_model=Delivery,
    operation_id="resend_webhook_deliveries",
    summary="Send a delivery again",
    description="Scope: webhooks:write.",
)
def resend_delivery(
    record_id: RecordId,
    delivery_id: RecordId,
    env: Annotated[Environment, Depends(WRITE)],
):
    webhook = _get(env, record_id)
    delivery = webhook.delivery_ids.filtered(lambda d: d.id == delivery_id)
    if not delivery:
        raise not_found(env)
    delivery.action_resend()
    return _deliveries(delivery)[0]
