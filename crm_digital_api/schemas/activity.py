# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .common import RecordId, Ref, Text

State = Literal["overdue", "today", "planned"]
RecordKind = Literal["lead", "opportunity", "customer"]


class RecordRef(BaseModel):
    """The record an activity is planned on."""

    kind: RecordKind
    id: int
    name: str


class Activity(BaseModel):
    """A commercial task or action planned on a lead, opportunity or customer."""

    id: int
    record: RecordRef
    type: Ref | None = None
    summary: str | None = None
    note: Text | None = Field(None, description="HTML.")
    deadline: date
    assignee: Ref | None = None
    state: State


class ActivityCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lead_id: RecordId | None = Field(None, description="A lead or opportunity.")
    customer_id: RecordId | None = None
    type_id: RecordId | None = Field(None, description="Empty: To-Do.")
    summary: Text | None = Field(None, max_length=512)
    note: Text | None = None
    deadline: date | None = Field(None, description="Empty: as the type sets it.")
    assignee_id: RecordId | None = Field(None, description="Empty: the key's user.")

    @model_validator(mode="after")
    def one_record(self):
        if bool(self.lead_id) == bool(self.customer_id):
            raise ValueError("Give lead_id or customer_id, one of them.")
        return self


class ActivityDone(BaseModel):
    model_config = ConfigDict(extra="forbid")

    feedback: Text | None = Field(None, max_length=4000)
