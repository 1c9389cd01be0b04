# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Leads and opportunities: two resources over crm.lead, each with its own
scope. Records are created and written through the ORM, so assignment rules,
stage rules, the stage history and automated actions apply as in the UI."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response, status

from odoo.api import Environment

from ..dependencies import Scope, idempotent
from ..listing import Sort, check_if_match, etag, page, parse_fields
from ..problems import ApiRoute, not_found
from ..records import FieldMap, readable
from ..schemas.common import FilterId, Page, RecordId, Ref, Text, naive_utc, refs
from ..schemas.lead import (
    Cancel,
    Lead,
    LeadCreate,
    LeadWrite,
    Outcome,
    Stage,
    StageChange,
)

LEADS = FieldMap(
    "crm.lead",
    read={
        "type": "type",
        "name": "name",
        "contact_name": "contact_name",
        "partner_name": "partner_name",
        "email": "email_from",
        "phone": "phone",
        "mobile": "mobile",
        "customer": "partner_id",
        "salesperson": "user_id",
        "team": "team_id",
        "stage": "stage_id",
        "tags": "tag_ids",
        "expected_revenue": "expected_revenue",
        "probability": "probability",
        "expected_closing": "date_deadline",
        "city": "city",
        "country_code": "country_id.code",
        "source": "source_id",
        "medium": "medium_id",
        "campaign": "campaign_id",
        "outcome": "crm_digital_outcome",
        "lost_reason": "lost_reason_id",
        "description": "description",
        "created_at": "create_date",
        "updated_at": "write_date",
    },
    write={
        "name": "name",
        "contact_name": "contact_name",
        "partner_name": "partner_name",
        "email": "email_from",
        "phone": "phone",
        "mobile": "mobile",
        "customer_id": "partner_id",
        "salesperson_id": "user_id",
        "team_id": "team_id",
        "tag_ids": "tag_ids",
        "expected_revenue": "expected_revenue",
        "expected_closing": "date_deadline",
        "city": "city",
        "country_code": "country_id:code",
        "source_id": "source_id",
        "medium_id": "medium_id",
        "campaign_id": "campaign_id",
        "description": "description",
    },
)
FIELD_NAMES = ["id", *LEADS.read]
FIELDS_HELP = (
    "Comma-separated fields to give (id always); all when empty: "
    + ", ".join(FIELD_NAMES)
)


def _domain(lead_type, **filters):
    domain = [("type", "=", lead_type)]
    for name, fname in (
        ("salesperson_id", "user_id"),
        ("team_id", "team_id"),
        ("stage_id", "stage_id"),
        ("customer_id", "partner_id"),
        ("outcome", "crm_digital_outcome"),
    ):
        if filters.get(name) is not None:
            domain.append((fname, "=", filters[name] or False))
    if filters.get("email"):
        domain.append(("email_normalized", "=", filters["email"].strip().lower()))
    if filters.get("q"):
        q = filters["q"]
        domain += [
            "|",
            "|",
            "|",
            ("name", "ilike", q),
            ("contact_name", "ilike", q),
            ("partner_name", "ilike", q),
            ("email_from", "ilike", q),
        ]
    if filters.get("updated_since"):
        domain.append(("write_date", ">=", naive_utc(filters["updated_since"])))
    if filters.get("created_since"):
        domain.append(("create_date", ">=", naive_utc(filters["created_since"])))
    return domain


def lead_router(lead_type, resource, tag):
    """The routes of one resource over crm.lead (leads or opportunities)."""
    router = APIRouter(route_class=ApiRoute, tags=[tag])
    read = Scope(resource, "read")
    write = Scope(resource, "write")
    path = f"/{resource}"

    def _get(env, record_id):
        return readable(
            env["crm.lead"].with_context(active_test=False),
            record_id,
            lambda lead: lead.type == lead_type,
        )

    def _answer(response, lead, names):
        response.headers["ETag"] = etag(lead)
        return Lead(**LEADS.values(lead, names))

    @router.get(
        path,
        response_model=Page[Lead],
        response_model_exclude_unset=True,
        operation_id=f"list_{resource}",
        summary=f"List {resource}",
        description=f"The {resource} the key's user may read, a page at a time. "
        f"Scope: {resource}:read. Cancelled ones are listed with outcome=cancelled.",
    )
    def list_leads(
        env: Annotated[Environment, Depends(read)],
        salesperson_id: FilterId | None = None,
        team_id: FilterId | None = None,
        stage_id: FilterId | None = None,
        customer_id: FilterId | None = None,
        outcome: Outcome | None = None,
        email: Text | None = None,
        q: Annotated[
            Text | None,
            Query(description="Text in the name, contact, company or email."),
        ] = None,
        updated_since: datetime | None = None,
        created_since: datetime | None = None,
        sort: Annotated[Sort, Query(description="-field sorts downwards.")] = "id",
        cursor: Text | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
        fields: Annotated[Text | None, Query(description=FIELDS_HELP)] = None,
    ):
        names = parse_fields(env, fields, FIELD_NAMES)
        domain = _domain(
            lead_type,
            salesperson_id=salesperson_id,
            team_id=team_id,
            stage_id=stage_id,
            customer_id=customer_id,
            outcome=outcome,
            email=email,
            q=q,
            updated_since=updated_since,
            created_since=created_since,
        )
        model = env["crm.lead"].with_context(active_test=outcome != "cancelled")
        records, next_cursor = page(
            model,
            domain,
            sort=sort,
            cursor=cursor,
            limit=limit,
            fnames=LEADS.fnames(names),
        )
        return Page[Lead](
            data=[Lead(**LEADS.values(lead, names)) for lead in records],
            next_cursor=next_cursor,
        )

    @router.get(
        path + "/{record_id}",
        response_model=Lead,
        response_model_exclude_unset=True,
        operation_id=f"get_{resource}",
        summary=f"Read one of the {resource}",
        description=f"Scope: {resource}:read. The ETag header gives its version, "
        "for If-Match on a change; If-None-Match answers 304 when unchanged.",
        responses={304: {"description": "Not changed since the ETag sent."}},
    )
    def get_lead(
        record_id: RecordId,
        response: Response,
        env: Annotated[Environment, Depends(read)],
        fields: Annotated[Text | None, Query(description=FIELDS_HELP)] = None,
        if_none_match: Annotated[str | None, Header()] = None,
    ):
        lead = _get(env, record_id)
        if if_none_match and if_none_match.strip() == etag(lead):
            return Response(status_code=304, headers={"ETag": etag(lead)})
        return _answer(response, lead, parse_fields(env, fields, FIELD_NAMES))

    @router.post(
        path,
        response_model=Lead,
        response_model_exclude_unset=True,
        status_code=status.HTTP_201_CREATED,
        operation_id=f"create_{resource}",
        summary=f"Create one of the {resource}",
        description=f"Scope: {resource}:write. Without salesperson, the assignment "
        "rules choose one, as for leads created in the UI.",
        dependencies=[Depends(idempotent)],
    )
    def create_lead(
        data: LeadCreate,
        response: Response,
        env: Annotated[Environment, Depends(write)],
        prefer: Annotated[
            Text | None,
            Header(description="return=minimal: answer only the id (RFC 7240)."),
        ] = None,
    ):
        vals = LEADS.to_odoo(env, data.model_dump(exclude_unset=True))
        lead = env["crm.lead"].create({**vals, "type": lead_type})
        response.headers["Location"] = f"{resource}/{lead.id}"
        minimal = prefer and "return=minimal" in prefer
        if minimal:
            response.headers["Preference-Applied"] = "return=minimal"
        return _answer(response, lead, ["id"] if minimal else FIELD_NAMES)

    @router.patch(
        path + "/{record_id}",
        response_model=Lead,
        operation_id=f"update_{resource}",
        summary=f"Change one of the {resource}",
        description=f"Scope: {resource}:write. Send If-Match with the ETag read, so "
        "that a change made meanwhile by someone else is not overwritten (412).",
        responses={412: {"description": "Changed since the ETag sent."}},
    )
    def update_lead(
        record_id: RecordId,
        data: LeadWrite,
        response: Response,
        env: Annotated[Environment, Depends(write)],
        if_match: Annotated[str | None, Header()] = None,
    ):
        lead = _get(env, record_id)
        check_if_match(env, lead, if_match)
        lead.write(LEADS.to_odoo(env, data.model_dump(exclude_unset=True)))
        return _answer(response, lead, FIELD_NAMES)

    return router, _get, _answer


leads_router, _get_lead, _ = lead_router("lead", "leads", "leads")
opportunities_router, _get_opportunity, _answer = lead_router(
    "opportunity", "opportunities", "opportunities"
)
OPPORTUNITIES = Scope("opportunities", "write")
OPPORTUNITIES_READ = Scope("opportunities", "read")


@leads_router.post(
    "/leads/{record_id}/convert",
    response_model=Lead,
    operation_id="convert_leads",
    summary="Convert a lead into an opportunity",
    description="Scopes: leads:write and opportunities:write. The lead becomes an "
    "opportunity of the same id, linked to its customer (created from the lead "
    "when it has none).",
)
def convert_lead(
    record_id: RecordId,
    response: Response,
    env: Annotated[Environment, Depends(Scope("leads", "write"))],
    _opportunities: Annotated[Environment, Depends(OPPORTUNITIES)],
):
    lead = _get_lead(env, record_id)
    partner = (
        lead.partner_id or lead._find_matching_partner() or lead._create_customer()
    )
    lead.convert_opportunity(partner)
    return _answer(response, lead, FIELD_NAMES)


@opportunities_router.post(
    "/opportunities/{record_id}/stage",
    response_model=Lead,
    operation_id="move_opportunities",
    summary="Move an opportunity to another stage",
    description="Scope: opportunities:write. The stage's requirements apply (422 "
    "with what is missing) and the move is kept in the stage history.",
)
def move_opportunity(
    record_id: RecordId,
    data: StageChange,
    response: Response,
    env: Annotated[Environment, Depends(OPPORTUNITIES)],
    if_match: Annotated[str | None, Header()] = None,
):
    lead = _get_opportunity(env, record_id)
    check_if_match(env, lead, if_match)
    stage = env["crm.stage"].browse(data.stage_id).exists()
    if not stage:
        raise not_found(env)
    lead.stage_id = stage
    return _answer(response, lead, FIELD_NAMES)


@opportunities_router.post(
    "/opportunities/{record_id}/won",
    response_model=Lead,
    operation_id="win_opportunities",
    summary="Mark an opportunity as won",
    description="Scope: opportunities:write.",
)
def win_opportunity(
    record_id: RecordId,
    response: Response,
    env: Annotated[Environment, Depends(OPPORTUNITIES)],
):
    lead = _get_opportunity(env, record_id)
    lead.action_set_won()
    return _answer(response, lead, FIELD_NAMES)


@opportunities_router.post(
    "/opportunities/{record_id}/cancel",
    response_model=Lead,
    operation_id="cancel_opportunities",
    summary="Cancel an opportunity (lost), with its reason",
    description="Scope: opportunities:write. It is archived, as in the UI; list it "
    "with outcome=cancelled.",
)
def cancel_opportunity(
    record_id: RecordId,
    data: Cancel,
    response: Response,
    env: Annotated[Environment, Depends(OPPORTUNITIES)],
):
    lead = _get_opportunity(env, record_id)
    reason = (
        env["crm.lost.reason"].browse(data.reason_id).exists()
        if data.reason_id
        else None
    )
    if data.reason_id and not reason:
        raise not_found(env)
    lead.action_set_lost(lost_reason_id=reason.id if reason else False)
    if data.feedback:
        lead.message_post(body=data.feedback, subtype_xmlid="mail.mt_note")
    return _answer(response, lead, FIELD_NAMES)


@opportunities_router.get(
    "/stages",
    response_model=list[Stage],
    operation_id="list_stages",
    summary="The pipeline's stages",
    description="Scope: opportunities:read.",
)
def list_stages(env: Annotated[Environment, Depends(OPPORTUNITIES_READ)]):
    return [
        Stage(
            id=stage.id, name=stage.name, sequence=stage.sequence, is_won=stage.is_won
        )
        for stage in env["crm.stage"].search([])
    ]


@opportunities_router.get(
    "/lost-reasons",
    response_model=list[Ref],
    operation_id="list_lost_reasons",
    summary="The reasons to cancel an opportunity",
    description="Scope: opportunities:read.",
)
def list_lost_reasons(env: Annotated[Environment, Depends(OPPORTUNITIES_READ)]):
    return refs(env["crm.lost.reason"].search([]))
