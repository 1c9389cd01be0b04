# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The files of customers, leads, opportunities and quotations. They are the
records' attachments, so whatever files attachments (the documents addon puts
them in the document management) files these too."""

import base64
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Response, UploadFile, status

from odoo.api import Environment

from ..dependencies import Scope
from ..problems import ApiRoute, not_found
from ..schemas.common import RecordId, ref
from ..schemas.document import Document

router = APIRouter(route_class=ApiRoute, tags=["documents"])
READ = Scope("documents", "read")
WRITE = Scope("documents", "write")
Kind = Literal["customers", "leads", "opportunities", "quotations"]
MODELS = {
    "customers": "res.partner",
    "leads": "crm.lead",
    "opportunities": "crm.lead",
    "quotations": "sale.order",
}


def _record(env, kind, record_id, access):
    record = (
        env[MODELS[kind]].with_context(active_test=False).browse(record_id).exists()
    )
    if not record or (
        record._name == "crm.lead"
        and record.type != ("lead" if kind == "leads" else "opportunity")
    ):
        raise not_found(env)
    record.check_access(access)
    return record


def _documents(attachments):
    return [
        Document(
            id=attachment.id,
            name=attachment.name,
            mimetype=attachment.mimetype or None,
            size=attachment.file_size,
            created_at=attachment.create_date,
            created_by=ref(attachment.create_uid),
            download=f"documents/{attachment.id}/content",
        )
        for attachment in attachments
    ]


@router.get(
    "/{kind}/{record_id}/documents",
    response_model=list[Document],
    operation_id="list_documents",
    summary="List the files of a record",
    description="Files attached to the customer, lead, opportunity or quotation "
    "(not its fields' images). Scope: documents:read.",
)
def list_documents(
    kind: Kind, record_id: RecordId, env: Annotated[Environment, Depends(READ)]
):
    record = _record(env, kind, record_id, "read")
    return _documents(
        env["ir.attachment"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("res_field", "=", False),
            ],
            order="id",
        )
    )


@router.post(
    "/{kind}/{record_id}/documents",
    response_model=Document,
    status_code=status.HTTP_201_CREATED,
    operation_id="upload_documents",
    summary="Attach a file to a record",
    description="A multipart/form-data upload in the field `file`. Scope: "
    "documents:write.",
)
def upload_document(
    kind: Kind,
    record_id: RecordId,
    file: Annotated[UploadFile, File(description="The file.")],
    response: Response,
    env: Annotated[Environment, Depends(WRITE)],
):
    record = _record(env, kind, record_id, "write")
    attachment = env["ir.attachment"].create(
        {
            "name": (file.filename or "").replace("\x00", "") or "file",
            "datas": base64.b64encode(file.file.read()),
            "mimetype": file.content_type or False,
            "res_model": record._name,
            "res_id": record.id,
        }
    )
    response.headers["Location"] = f"documents/{attachment.id}/content"
    return _documents(attachment)[0]


@router.get(
    "/documents/{document_id}/content",
    operation_id="download_documents",
    summary="Download a file",
    description="Scope: documents:read.",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
def download_document(
    document_id: RecordId, env: Annotated[Environment, Depends(READ)]
):
    attachment = env["ir.attachment"].browse(document_id).exists()
    if (
        not attachment
        or attachment.res_model not in MODELS.values()
        or attachment.res_field
    ):
        raise not_found(env)
    attachment.check_access("read")
    disposition = f"attachment; filename*=UTF-8''{quote(attachment.name)}"
    return Response(
        attachment.raw or b"",
        media_type=attachment.mimetype or "application/octet-stream",
        headers={"Content-Disposition": disposition},
    )
