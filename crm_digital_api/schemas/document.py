# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from pydantic import BaseModel, Field

from .common import Ref, Text, UtcDatetime


class Document(BaseModel):
    """A file attached to a customer, lead, opportunity or quotation (with the
    documents addon, filed in its folder of the document management too)."""

    id: int
    name: str
    mimetype: str | None
    size: int = Field(description="Bytes.")
    created_at: UtcDatetime
    created_by: Ref | None
    download: Text = Field(description="Path of its content, under the API.")
