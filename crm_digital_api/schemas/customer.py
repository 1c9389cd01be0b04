# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .common import RecordId, Ref, Text, UtcDatetime

Lifecycle = Literal["lead", "prospect", "customer", "recurring", "lost"]


class Customer(BaseModel):
    """A customer (company or person) or one of its contacts. Only the fields
    asked for in `fields` are present."""

    id: int
    name: str | None = None
    is_company: bool | None = None
    company: Ref | None = Field(None, description="The company of a contact.")
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    vat: str | None = None
    street: str | None = None
    zip: str | None = None
    city: str | None = None
    state: Ref | None = None
    country_code: str | None = None
    website: str | None = None
    function: str | None = None
    salesperson: Ref | None = None
    lifecycle: Lifecycle | None = Field(None, description="Commercial stage.")
    last_deal: date | None = None
    created_at: UtcDatetime | None = None
    updated_at: UtcDatetime | None = None


class CustomerWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text | None = Field(None, min_length=1, max_length=256)
    is_company: bool | None = None
    company_id: RecordId | None = None
    email: Text | None = Field(None, max_length=256)
    phone: Text | None = Field(None, max_length=64)
    mobile: Text | None = Field(None, max_length=64)
    vat: Text | None = Field(None, max_length=32)
    street: Text | None = Field(None, max_length=256)
    zip: Text | None = Field(None, max_length=16)
    city: Text | None = Field(None, max_length=128)
    country_code: Text | None = Field(None, min_length=2, max_length=2)
    website: Text | None = Field(None, max_length=256)
    function: Text | None = Field(None, max_length=128)
    salesperson_id: RecordId | None = None


class CustomerCreate(CustomerWrite):
    name: Text = Field(min_length=1, max_length=256)
