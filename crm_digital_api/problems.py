# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Errors as RFC 9457 problems (application/problem+json), in the reader's
language, and what every operation of the API does around its handler: the
size limit of the body, the answer kept for a retried POST, and the rollback
of whatever the failed operation had written."""

import functools
import inspect
import logging

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel

from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError

from odoo.addons.fastapi.context import odoo_env_ctx

_logger = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
TYPE_ROOT = "https://crm-digital.github.io/problems/"
BODY_METHODS = ("POST", "PUT", "PATCH")


class Problem(BaseModel):
    """An error, as RFC 9457 writes it."""

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[dict] | None = None


class ApiProblem(Exception):
    """An error the client can act on; `title` and `detail` already in the
    reader's language."""

    def __init__(self, status, code, title, detail=None, headers=None, errors=None):
        super().__init__(detail or title)
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.headers = headers or {}
        self.errors = errors


class Replay(Exception):
    """The answer already given to this Idempotency-Key, to give again."""

    def __init__(self, status, body):
        super().__init__()
        self.status = status
        self.body = body


def _env(request):
    return getattr(request.state, "crm_digital_env", None) or odoo_env_ctx.get()


def as_problem(exc, env):
    """The ApiProblem an exception of an operation stands for, or None when it
    is a bug (Odoo logs it and answers 500)."""
    if isinstance(exc, ApiProblem):
        return exc
    if isinstance(exc, RequestValidationError):
        errors = [
            {"loc": list(error.get("loc", ())), "msg": error.get("msg", "")}
            for error in exc.errors()
        ]
        return invalid(env, errors)
    if isinstance(exc, AccessDenied | AccessError):
        return ApiProblem(
            403,
            "forbidden",
            env._("Forbidden"),
            env._("The user of the key may not do this on this record."),
        )
    if isinstance(exc, MissingError):
        return ApiProblem(
            404, "not-found", env._("Not found"), env._("The record does not exist.")
        )
    if isinstance(exc, UserError):  # ValidationError included
        return ApiProblem(
            422, "rejected", env._("Rejected by a business rule"), exc.args[0]
        )
    return None


def problem_response(problem, request):
    body = Problem(
        type=TYPE_ROOT + problem.code,
        title=problem.title,
        status=problem.status,
        detail=problem.detail,
        instance=request.url.path,
        errors=problem.errors,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=problem.status,
        media_type=MEDIA_TYPE,
        headers={
            "Content-Language": (_env(request).lang or "en_US").replace("_", "-"),
            **problem.headers,
        },
    )


def invalid(env, errors):
    """422 for the values of `errors` ({"loc": [...], "msg": ...} each)."""
    return ApiProblem(
        422,
        "invalid-request",
        env._("Invalid request"),
        env._("Some values sent are missing or not valid: see errors."),
        errors=errors,
    )


def not_found(env):
    return ApiProblem(
        404, "not-found", env._("Not found"), env._("The record does not exist.")
    )


def too_large(env, limit):
    return ApiProblem(
        413,
        "too-large",
        env._("Request too large"),
        env._("The body may not exceed %(size)s MB.", size=limit),
    )


async def _check_size(request):
    if request.method not in BODY_METHODS:
        return
    env = odoo_env_ctx.get()
    limit_mb = int(
        env["ir.config_parameter"].sudo().get_param("crm_digital_api.max_body_mb", 25)
    )
    limit = limit_mb * 1024 * 1024
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise too_large(env, limit_mb)
    if not length and len(await request.body()) > limit:
        raise too_large(env, limit_mb)


def _on_the_loop(endpoint):
    """The operation as a coroutine, so that FastAPI calls it on the request's
    loop rather than in a thread of its pool: OCA's fastapi gives each request
    a loop of its own, so nothing waits for it, and the request saves two
    hops between threads. Its signature is the operation's (FastAPI reads it
    through __wrapped__)."""

    @functools.wraps(endpoint)
    async def operation(*args, **kwargs):
        return endpoint(*args, **kwargs)

    return operation


class ApiRoute(APIRoute):
    """Runs each operation so that a failure answers a problem and leaves
    nothing written; a POST answered once for an Idempotency-Key answers the
    same on a retry."""

    def __init__(self, path, endpoint, **kwargs):
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = _on_the_loop(endpoint)
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def route(request: Request):
            try:
                await _check_size(request)
                response = await handler(request)
                # As the key's user: the dispatcher's own flush runs as the
                # endpoint's user, and what fails there must fail here.
                _env(request).flush_all()
            except Replay as replay:
                return Response(
                    replay.body,
                    status_code=replay.status,
                    media_type="application/json",
                    headers={"Idempotent-Replayed": "true"},
                )
            except Exception as exc:
                env = _env(request)
                problem = as_problem(exc, env)
                if problem is None:
                    raise
                # Nothing of a refused operation stays, but that it was asked
                # (past the rate limit, not even that).
                env.cr.rollback()
                key_id = getattr(request.state, "crm_digital_key_id", None)
                if key_id and problem.status != 429:
                    env["crm.digital.api.request"].sudo()._record(key_id)
                _logger.info(
                    "API %s %s: %s %s",
                    request.method,
                    request.url.path,
                    problem.status,
                    problem.code,
                )
                return problem_response(problem, request)
            row = getattr(request.state, "crm_digital_idempotency", None)
            if row and response.status_code < 300:
                _env(request)["crm.digital.api.idempotency"].sudo()._answer(
                    row, response.status_code, response.body.decode()
                )
            return response

        return route
