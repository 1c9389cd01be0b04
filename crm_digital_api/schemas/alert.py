# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pydantic import BaseModel, Field

from .common import Ref, UtcDatetime


class Alert(BaseModel):
    """Something about a customer that needs attention, as the alerts addon
    raises it; closed once its cause is gone."""

    id: int
    kind: str = Field(
        description="stuck, quotation_expiring, renewal or inactive (the alerts "
        "addon may add more)."
    )
    severity: str = Field(description="info, warning or danger.")
    message: str = Field(description="In the language of the person alerted.")
    open: bool = Field(description="False once its cause is gone.")
    raised_at: UtcDatetime
    closed_at: UtcDatetime | None = None
    customer: Ref | None = None
    opportunity: Ref | None = None
    quotation: Ref | None = None
    user: Ref | None = Field(None, description="The person alerted.")
    team: Ref | None = None
    acknowledged_by: Ref | None = Field(None, description="Who marked it as seen.")
    acknowledged_at: UtcDatetime | None = None
    can_acknowledge: bool = Field(
        description="Whether the key's user may mark it as seen now."
    )
