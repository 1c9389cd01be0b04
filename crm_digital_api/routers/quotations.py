# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Quotations of opportunities (sale_crm's sale orders): read, and drafts made
from products and quantities with the pricelist's prices."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from odoo import Command, fields
from odoo.api import Environment

from ..dependencies import Scope, idempotent
from ..listing import etag, page
from ..problems import ApiRoute, invalid, not_found
from ..records import readable
from ..schemas.common import FilterId, Page, RecordId, Text, ref
from ..schemas.quotation import Quotation, QuotationCreate, QuotationLine, State

router = APIRouter(route_class=ApiRoute, tags=["quotations"])
READ = Scope("quotations", "read")
WRITE = Scope("quotations", "write")


def _quotations(orders):
    today = fields.Date.context_today(orders.env.user)
    return [
        Quotation(
            id=order.id,
            name=order.name,
            opportunity=ref(order.opportunity_id),
            customer=ref(order.partner_id),
            salesperson=ref(order.user_id),
            state=order.state,
            expired=order.state in ("draft", "sent")
            and bool(order.validity_date)
            and order.validity_date < today,
            validity_date=order.validity_date or None,
            currency=order.currency_id.name,
            amount_untaxed=order.amount_untaxed,
            amount_total=order.amount_total,
            lines=[
                QuotationLine(
                    product=ref(line.product_id),
                    description=line.name or "",
                    quantity=line.product_uom_qty,
                    price_unit=line.price_unit,
                    discount=line.discount,
                    subtotal=line.price_subtotal,
                )
                for line in order.order_line
                if not line.display_type
            ],
            created_at=order.create_date,
            updated_at=order.write_date,
        )
        for order in orders
    ]


def _get(env, record_id):
    return readable(env["sale.order"], record_id)


@router.get(
    "/quotations",
    response_model=Page[Quotation],
    operation_id="list_quotations",
    summary="List quotations",
    description="Scope: quotations:read.",
)
def list_quotations(
    env: Annotated[Environment, Depends(READ)],
    opportunity_id: FilterId | None = None,
    customer_id: FilterId | None = None,
    state: State | None = None,
    cursor: Text | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    domain = []
    if opportunity_id:
        domain.append(("opportunity_id", "=", opportunity_id))
    if customer_id:
        domain.append(("partner_id", "child_of", customer_id))
    if state:
        domain.append(("state", "=", state))
    orders, next_cursor = page(
        env["sale.order"], domain, sort="id", cursor=cursor, limit=limit, fnames=[]
    )
    return Page[Quotation](data=_quotations(orders), next_cursor=next_cursor)


@router.get(
    "/quotations/{record_id}",
    response_model=Quotation,
    operation_id="get_quotations",
    summary="Read a quotation",
    description="Scope: quotations:read.",
)
def get_quotation(
    record_id: RecordId, response: Response, env: Annotated[Environment, Depends(READ)]
):
    order = _get(env, record_id)
    response.headers["ETag"] = etag(order)
    return _quotations(order)[0]


@router.post(
    "/quotations",
    response_model=Quotation,
    status_code=status.HTTP_201_CREATED,
    operation_id="create_quotations",
    summary="Draft a quotation for an opportunity",
    description="Scope: quotations:write. A draft for the opportunity's customer, "
    "with the products and quantities given, priced by the customer's "
    "pricelist unless a price is given; it is not sent.",
    dependencies=[Depends(idempotent)],
)
def create_quotation(
    data: QuotationCreate,
    response: Response,
    env: Annotated[Environment, Depends(WRITE)],
):
    lead = env["crm.lead"].browse(data.opportunity_id).exists()
    if not lead:
        raise not_found(env)
    lead.check_access("read")
    products = env["product.product"].browse([line.product_id for line in data.lines])
    errors = [
        {
            "loc": ["body", "lines", index, "product_id"],
            "msg": env._("No sold product with this id."),
        }
        for index, (line, product) in enumerate(zip(data.lines, products, strict=True))
        if not product.exists() or not product.sale_ok
    ]
    if not lead.partner_id:
        errors.append(
            {
                "loc": ["body", "opportunity_id"],
                "msg": env._("The opportunity has no customer yet."),
            }
        )
    if errors:
        raise invalid(env, errors)
    lines = []
    for line in data.lines:
        values = {"product_id": line.product_id, "product_uom_qty": line.quantity}
        if line.price_unit is not None:
            values["price_unit"] = line.price_unit
        if line.discount is not None:
            values["discount"] = line.discount
        lines.append(Command.create(values))
    values = {
        "opportunity_id": lead.id,
        "partner_id": lead.partner_id.id,
        "team_id": lead.team_id.id,
        "user_id": lead.user_id.id or env.uid,
        "order_line": lines,
    }
    if data.validity_date:
        values["validity_date"] = data.validity_date
    order = env["sale.order"].create(values)
    response.headers["Location"] = f"quotations/{order.id}"
    response.headers["ETag"] = etag(order)
    return _quotations(order)[0]
