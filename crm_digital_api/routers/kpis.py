# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The commercial KPIs, as the reporting addon computes them for the key's
user; reached through the core's hook, so the API works without it."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends

from odoo.api import Environment

from ..dependencies import Scope
from ..problems import ApiProblem, ApiRoute
from ..schemas.kpi import KpiBoard, Period

router = APIRouter(route_class=ApiRoute, tags=["kpis"])
Cut = Literal[
    "user_id",
    "team_id",
    "role",
    "stage_id",
    "source_id",
    "medium_id",
    "campaign_id",
    "state_id",
    "industry_id",
    "product_id",
    "product_categ_id",
]


@router.get(
    "/kpis",
    response_model=KpiBoard,
    operation_id="get_kpis",
    summary="The commercial KPIs of a period",
    description="The dashboard's figures for the month, the commercial year to "
    "date or the commercial year around `day` (today by default), beside the "
    "period before and the same period of the commercial year before; `cut` "
    "breaks the current period down. Scope: kpis:read. 404 while the reporting "
    "addon is not installed.",
)
def get_kpis(
    env: Annotated[Environment, Depends(Scope("kpis", "read"))],
    period: Period = "month",
    day: date | None = None,
    cut: Cut | None = None,
):
    board = env.company._crm_digital_kpi_board(period, day or False, cut or False)
    if board is None:
        raise ApiProblem(
            404,
            "kpis-unavailable",
            env._("KPIs not available"),
            env._("Install CRM Digital Reporting to get the KPIs."),
        )
    return KpiBoard(**board)
