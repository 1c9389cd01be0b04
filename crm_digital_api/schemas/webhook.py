# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

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
    failing_since: datetime | None = None
    secret: str | None = Field(
        None,
        description="Only in the answer to its creation: keep it to check signatures.",
    )


class WebhookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=128)
    url: HttpUrl
    events: list[EventCode] = Field(min_length=1)


class Delivery(BaseModel):
    id: int
    delivery_id: str = Field(description="The X-CRM-Digital-Delivery header sent.")
    event: EventCode
    occurred_at: datetime
    state: Literal["pending", "done", "failed", "skipped"]
    attempts: int
    status_code: int | None
    response_ms: int | None
    error: str | None
    sent_at: datetime | None
