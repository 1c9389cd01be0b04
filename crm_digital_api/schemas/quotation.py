# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .common import RecordId, Ref, UtcDatetime

State = Literal["draft", "sent", "sale", "cancel"]


class QuotationLine(BaseModel):
    product: Ref | None
    description: str
    quantity: float
    price_unit: float
    discount: float
    subtotal: float


class Quotation(BaseModel):
    """A quotation (a simulation of a purchase or a service contract) and, once
    confirmed, the order it became."""

    id: int
    name: str
    opportunity: Ref | None
    customer: Ref
    salesperson: Ref | None
    state: State
    expired: bool = Field(description="Draft or sent, past its validity date.")
    validity_date: date | None
    currency: str
    amount_untaxed: float
    amount_total: float
    lines: list[QuotationLine]
    created_at: UtcDatetime
    updated_at: UtcDatetime


class QuotationLineCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    product_id: RecordId
    quantity: float = Field(1, gt=0, le=1e9)
    price_unit: float | None = Field(
        None, ge=-1e12, le=1e12, description="Empty: the pricelist's."
    )
    discount: float | None = Field(None, ge=0, le=100)


class QuotationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    opportunity_id: RecordId = Field(description="Its customer is the quotation's.")
    lines: list[QuotationLineCreate] = Field(min_length=1, max_length=500)
    validity_date: date | None = None
