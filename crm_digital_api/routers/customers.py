# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Customers (companies and people the company sells to) and their contacts."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response, status

from odoo.api import Environment

from ..dependencies import Scope, idempotent
from ..listing import Sort, check_if_match, etag, page, parse_fields
from ..problems import ApiRoute
from ..records import FieldMap, readable
from ..schemas.common import FilterId, Page, RecordId, Text, naive_utc
from ..schemas.customer import Customer, CustomerCreate, CustomerWrite, Lifecycle

router = APIRouter(route_class=ApiRoute, tags=["customers"])
READ = Scope("customers", "read")
WRITE = Scope("customers", "write")

CUSTOMERS = FieldMap(
    "res.partner",
    read={
        "name": "name",
        "is_company": "is_company",
        "company": "parent_id",
        "email": "email",
        "phone": "phone",
        "mobile": "mobile",
        "vat": "vat",
        "street": "street",
        "zip": "zip",
        "city": "city",
        "state": "state_id",
        "country_code": "country_id.code",
        "website": "website",
        "function": "function",
        "salesperson": "user_id",
        "lifecycle": "crm_digital_lifecycle",
        "last_deal": "crm_digital_last_deal_date",
        "created_at": "create_date",
        "updated_at": "write_date",
    },
    write={
        "name": "name",
        "is_company": "is_company",
        "company_id": "parent_id",
        "email": "email",
        "phone": "phone",
        "mobile": "mobile",
        "vat": "vat",
        "street": "street",
        "zip": "zip",
        "city": "city",
        "country_code": "country_id:code",
        "website": "website",
        "function": "function",
        "salesperson_id": "user_id",
    },
)
FIELD_NAMES = ["id", *CUSTOMERS.read]
FIELDS_HELP = (
    "Comma-separated fields to give (id always); all when empty: "
    + ", ".join(FIELD_NAMES)
)
# Those the company sells to: with a commercial stage (a lead or deal of
# theirs) or a sale; contacts are listed under their company.
CUSTOMER_DOMAIN = [
    ("parent_id", "=", False),
    "|",
    ("crm_digital_lifecycle", "!=", False),
    ("customer_rank", ">", 0),
]


def _get(env, record_id):
    return readable(env["res.partner"], record_id)


def _answer(response, partner, names):
    response.headers["ETag"] = etag(partner)
    return Customer(**CUSTOMERS.values(partner, names))


def _list(env, domain, sort, cursor, limit, fields):
    names = parse_fields(env, fields, FIELD_NAMES)
    records, next_cursor = page(
        env["res.partner"],
        domain,
        sort=sort,
        cursor=cursor,
        limit=limit,
        fnames=CUSTOMERS.fnames(names),
    )
    return Page[Customer](
        data=[Customer(**CUSTOMERS.values(partner, names)) for partner in records],
        next_cursor=next_cursor,
    )


@router.get(
    "/customers",
    response_model=Page[Customer],
    response_model_exclude_unset=True,
    operation_id="list_customers",
    summary="List customers",
    description="Companies and people with a lead, a deal or a sale of theirs, a "
    "page at a time. Scope: customers:read.",
)
def list_customers(
    env: Annotated[Environment, Depends(READ)],
    lifecycle: Lifecycle | None = None,
    email: Text | None = None,
    vat: Text | None = None,
    salesperson_id: FilterId | None = None,
    q: Annotated[Text | None, Query(description="Text in the name or email.")] = None,
    updated_since: datetime | None = None,
    sort: Annotated[Sort, Query(description="-field sorts downwards.")] = "id",
    cursor: Text | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    fields: Annotated[Text | None, Query(description=FIELDS_HELP)] = None,
):
    domain = list(CUSTOMER_DOMAIN)
    if lifecycle:
        domain.append(("crm_digital_lifecycle", "=", lifecycle))
    if email:
        domain.append(("email_normalized", "=", email.strip().lower()))
    if vat:
        domain.append(("vat", "=ilike", vat.strip()))
    if salesperson_id is not None:
        domain.append(("user_id", "=", salesperson_id or False))
    if q:
        domain += ["|", ("name", "ilike", q), ("email", "ilike", q)]
    if updated_since:
        domain.append(("write_date", ">=", naive_utc(updated_since)))
    return _list(env, domain, sort, cursor, limit, fields)


@router.get(
    "/customers/{record_id}",
    response_model=Customer,
    response_model_exclude_unset=True,
    operation_id="get_customers",
    summary="Read a customer or contact",
    description="Scope: customers:read. The ETag header gives its version.",
)
def get_customer(
    record_id: RecordId,
    response: Response,
    env: Annotated[Environment, Depends(READ)],
    fields: Annotated[Text | None, Query(description=FIELDS_HELP)] = None,
):
    return _answer(
        response, _get(env, record_id), parse_fields(env, fields, FIELD_NAMES)
    )


@router.get(
    "/customers/{record_id}/contacts",
    response_model=Page[Customer],
    response_model_exclude_unset=True,
    operation_id="list_customer_contacts",
    summary="List the contacts of a customer",
    description="Scope: customers:read.",
)
def list_contacts(
    record_id: RecordId,
    env: Annotated[Environment, Depends(READ)],
    cursor: Text | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    fields: Annotated[Text | None, Query(description=FIELDS_HELP)] = None,
):
    partner = _get(env, record_id)
    return _list(env, [("parent_id", "=", partner.id)], "id", cursor, limit, fields)


@router.post(
    "/customers",
    response_model=Customer,
    status_code=status.HTTP_201_CREATED,
    operation_id="create_customers",
    summary="Create a customer or a contact",
    description="Scope: customers:write. With company_id, a contact of that company.",
    dependencies=[Depends(idempotent)],
)
def create_customer(
    data: CustomerCreate,
    response: Response,
    env: Annotated[Environment, Depends(WRITE)],
):
    vals = CUSTOMERS.to_odoo(env, data.model_dump(exclude_unset=True))
    partner = env["res.partner"].create({**vals, "customer_rank": 1})
    response.headers["Location"] = f"customers/{partner.id}"
    return _answer(response, partner, FIELD_NAMES)


@router.patch(
    "/customers/{record_id}",
    response_model=Customer,
    operation_id="update_customers",
    summary="Change a customer or contact",
    description="Scope: customers:write. Send If-Match with the ETag read (412 "
    "when someone changed it meanwhile).",
)
def update_customer(
    record_id: RecordId,
    data: CustomerWrite,
    response: Response,
    env: Annotated[Environment, Depends(WRITE)],
    if_match: Annotated[str | None, Header()] = None,
):
    partner = _get(env, record_id)
    check_if_match(env, partner, if_match)
    partner.write(CUSTOMERS.to_odoo(env, data.model_dump(exclude_unset=True)))
    return _answer(response, partner, FIELD_NAMES)
