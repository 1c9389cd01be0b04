# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .common import Amount, RecordId, Ref, Text, UtcDatetime

LeadType = Literal["lead", "opportunity"]
Outcome = Literal["open", "won", "cancelled"]


class Lead(BaseModel):
    """A lead or an opportunity. Only the fields asked for in `fields` are
    present."""

    id: int
    type: LeadType | None = None
    name: str | None = None
    contact_name: str | None = None
    partner_name: Text | None = Field(None, description="The company, as written.")
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    customer: Ref | None = None
    salesperson: Ref | None = None
    team: Ref | None = None
    stage: Ref | None = None
    tags: list[Ref] | None = None
    expected_revenue: float | None = None
    probability: float | None = None
    expected_closing: date | None = None
    city: str | None = None
    country_code: str | None = None
    source: Ref | None = None
    medium: Ref | None = None
    campaign: Ref | None = None
    outcome: Outcome | None = None
    lost_reason: Ref | None = None
    description: Text | None = Field(None, description="Internal notes (HTML).")
    created_at: UtcDatetime | None = None
    updated_at: UtcDatetime | None = None


class LeadWrite(BaseModel):
    """The values to set; the others stay as they are."""

    model_config = ConfigDict(extra="forbid")

    name: Text | None = Field(None, min_length=1, max_length=512)
    contact_name: Text | None = Field(None, max_length=256)
    partner_name: Text | None = Field(None, max_length=256)
    email: Text | None = Field(None, max_length=256)
    phone: Text | None = Field(None, max_length=64)
    mobile: Text | None = Field(None, max_length=64)
    customer_id: RecordId | None = None
    salesperson_id: RecordId | None = Field(
        None, description="Empty: the assignment rules choose one."
    )
    team_id: RecordId | None = None
    tag_ids: list[RecordId] | None = Field(None, max_length=100)
    expected_revenue: Amount | None = None
    expected_closing: date | None = None
    city: Text | None = Field(None, max_length=128)
    country_code: Text | None = Field(None, min_length=2, max_length=2)
    source_id: RecordId | None = None
    medium_id: RecordId | None = None
    campaign_id: RecordId | None = None
    description: Text | None = None


class LeadCreate(LeadWrite):
    name: Text = Field(min_length=1, max_length=512)


class StageChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    stage_id: RecordId


class Cancel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason_id: RecordId | None = Field(
        None, description="A lost reason (GET /lost-reasons)."
    )
    feedback: Text | None = Field(None, max_length=4000)


class Stage(BaseModel):
    id: int
    name: str
    sequence: int
    is_won: bool
