# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import UTC, datetime
from typing import Annotated, Generic, TypeVar

from annotated_types import Interval
from pydantic import AfterValidator, BaseModel, Field

Item = TypeVar("Item")
# PostgreSQL's integer: a larger id is of no record (and would fail the query).
MAX_ID = 2**31 - 1
RecordId = Annotated[int, Interval(ge=1, le=MAX_ID)]
FilterId = Annotated[int, Interval(ge=0, le=MAX_ID)]
Amount = Annotated[float, Interval(ge=0, le=1e12)]


def _text(value):
    # PostgreSQL stores neither NUL nor half a UTF-16 surrogate pair.
    if "\x00" in value:
        raise ValueError("Text may not hold a NUL character.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("Text is not valid Unicode (an unpaired surrogate).") from None
    return value


Text = Annotated[str, AfterValidator(_text)]


def _utc(value):
    # Odoo keeps datetimes in UTC without saying so: RFC 3339 wants it said.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_utc)]


def naive_utc(value):
    """A datetime a client sent, as Odoo compares them: UTC, without zone."""
    return _utc(value).replace(tzinfo=None) if value else value


class Ref(BaseModel):
    """Another record, by its id and display name."""

    id: int
    name: str


class Page(BaseModel, Generic[Item]):
    """A page of a list; `next_cursor` asks for the next one (null: the last)."""

    data: list[Item]
    next_cursor: str | None = Field(
        None, description="Send it as `cursor` with the same sort for the next page."
    )


def ref(record):
    """A many2one value as the API gives it (null when empty)."""
    return Ref(id=record.id, name=record.display_name or "") if record else None


def refs(records):
    return [Ref(id=record.id, name=record.display_name or "") for record in records]
