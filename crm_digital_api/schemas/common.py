# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

Item = TypeVar("Item")


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
