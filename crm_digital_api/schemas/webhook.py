# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from .common import Text, UtcDatetime

EventCode = Literal[
    "lead.created",
    "lead.assigned",
    "opportunity.stage_changed",
    "opportunity.won",
    "opportunity.cancelled",
    "quotation.sent",
    "quotation.accepted",
    "document.added",
    "alert.raised",
]


class Webhook(BaseModel):
    id: int
    name: str
    url: str
    events: list[EventCode]
    state: Literal["active", "paused"]
    failing_since: UtcDatetime | None = None
    secret: Text | None = Field(
        None,
        description="Only in the answer to its creation: keep it to check signatures.",
    )


class WebhookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text = Field(min_length=1, max_length=128)
    url: HttpUrl
    events: list[EventCode] = Field(min_length=1)


class Delivery(BaseModel):
    id: int
    delivery_id: Text = Field(description="The X-CRM-Digital-Delivery header sent.")
    event: EventCode
    occurred_at: UtcDatetime
    state: Literal["pending", "done", "failed", "skipped"]
    attempts: int
    status_code: int | None
    response_ms: int | None
    error: str | None
    sent_at: UtcDatetime | None
