# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

Period = Literal["month", "ytd", "year"]
Column = Literal["current", "previous", "year_before"]


class KpiColumn(BaseModel):
    key: Column
    label: str
    start: date
    end: date


class Kpi(BaseModel):
    key: str
    label: str
    help: str = Field(description="How it is worked out.")
    unit: str
    lower_is_better: bool
    values: dict[Column, float | None]
    variation: dict[Column, dict | None] = Field(
        description="Against the current period: value and percentage."
    )


class KpiBreakdownRow(BaseModel):
    id: int | str | bool | None
    name: str
    values: dict[str, float | None]


class KpiBoard(BaseModel):
    """The commercial KPIs of what the key's user may see: a salesperson their
    own, a team leader their teams, a manager the company."""

    profile: Literal["salesperson", "team_leader", "manager"]
    period: Period
    day: date
    first_month: int | str
    currency: dict
    columns: list[KpiColumn]
    kpis: list[Kpi]
    breakdown: dict | None = Field(
        None, description="The current period's figures by the cut asked for."
    )
