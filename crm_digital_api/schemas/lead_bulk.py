# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .common import Text

MAX_ROWS = 5000


class LeadRow(BaseModel):
    """One lead as a row of an imported file: values as people write them
    (a salesperson, team, country or province by name, tags by name), read
    and checked as the file import reads its columns."""

    model_config = ConfigDict(extra="forbid")

    external_id: Text | None = Field(
        None,
        max_length=128,
        description="Its id in the sending system: sent again, it is skipped.",
    )
    name: Text | None = Field(None, max_length=512)
    contact_name: Text | None = Field(None, max_length=256)
    partner_name: Text | None = Field(None, max_length=256)
    email: Text | None = Field(None, max_length=256)
    phone: Text | None = Field(None, max_length=64)
    mobile: Text | None = Field(None, max_length=64)
    function: Text | None = Field(None, max_length=128)
    website: Text | None = Field(None, max_length=256)
    street: Text | None = Field(None, max_length=256)
    street2: Text | None = Field(None, max_length=256)
    zip: Text | None = Field(None, max_length=16)
    city: Text | None = Field(None, max_length=128)
    state: Text | None = Field(None, max_length=128, description="Province, by name.")
    country: Text | None = Field(None, max_length=64, description="Name or ISO code.")
    vat: Text | None = Field(None, max_length=32)
    sector: Text | None = Field(
        None, max_length=128, description="CNAE letter, code or name."
    )
    employee_band: Text | None = Field(None, max_length=16)
    expected_revenue: float | None = Field(None, ge=0, le=1e12)
    probability: float | None = Field(None, ge=0, le=100)
    expected_closing: date | None = None
    description: Text | None = None
    tags: list[Text] | None = Field(None, max_length=50)
    source: Text | None = Field(None, max_length=128)
    medium: Text | None = Field(None, max_length=128)
    campaign: Text | None = Field(None, max_length=128)
    salesperson: Text | None = Field(
        None,
        max_length=128,
        description="Name or login; empty: the assignment rules choose.",
    )
    team: Text | None = Field(None, max_length=128)
    lang: Text | None = Field(None, max_length=16)
    type: Literal["lead", "opportunity"] | None = None

    @model_validator(mode="after")
    def says_who(self):
        if not (self.name or self.partner_name or self.contact_name or self.email):
            raise ValueError("Give at least a name, company, contact or email.")
        return self


class LeadBulk(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rows: list[LeadRow] = Field(min_length=1, max_length=MAX_ROWS)
    duplicates: Literal["skip", "update", "flag"] = Field(
        "skip",
        description="A row matching an existing lead or customer: skip it, update "
        "the lead, or create it flagged as a possible duplicate.",
    )


class RowOutcome(BaseModel):
    row: int = Field(description="Its position in `rows`, from 0.")
    outcome: Literal["created", "flagged", "updated", "skipped", "rejected"]
    lead_id: int | None = None
    reason: str | None = None
    matched: str | None = Field(None, description="The record a skipped row matched.")


class LeadBulkResult(BaseModel):
    """What became of each row, as the import's report says it; the import
    itself (with its rejection and skipped files) is in Leads > Imports."""

    import_id: int
    created: int
    updated: int
    skipped: int
    rejected: int
    rows: list[RowOutcome]
