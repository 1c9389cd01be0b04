# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from odoo.api import Environment

from ..dependencies import authenticated_env

router = APIRouter(tags=["session"])

# Sales roles from the narrowest to the widest; a user holds the last one they have.
ROLES = (
    ("salesperson", "sales_team.group_sale_salesman"),
    ("team_leader", "crm_digital.group_crm_digital_team_leader"),
    ("manager", "sales_team.group_sale_salesman_all_leads"),
)


class Me(BaseModel):
    login: str
    name: str
    company: str
    lang: str
    role: str | None


@router.get("/me", response_model=Me)
def me(env: Annotated[Environment, Depends(authenticated_env)]) -> Me:
    """The user behind the API key, and their sales role (what they may see)."""
    user = env.user
    role = None
    for name, group in ROLES:
        if user.has_group(group):
            role = name
    return Me(
        login=user.login,
        name=user.name,
        company=user.company_id.name,
        lang=user.lang or "en_US",
        role=role,
    )
