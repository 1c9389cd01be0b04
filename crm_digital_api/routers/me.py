# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from ..dependencies import ApiKey, api_key
from ..problems import ApiRoute

router = APIRouter(route_class=ApiRoute, tags=["session"])

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
    scopes: list[str]


@router.get("/me", response_model=Me)
def me(key: Annotated[ApiKey, Depends(api_key)]) -> Me:
    """The user behind the API key, their sales role (what they may see) and the
    key's scopes (what it may do)."""
    user = key.env.user
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
        scopes=sorted(key.scopes),
    )
