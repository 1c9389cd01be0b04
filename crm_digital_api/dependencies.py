# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who a request acts as and what it may do: the bearer API key (Odoo's own
`res.users.apikeys`, made for this API), its scopes, its rate limit, and the
answer kept for a POST retried with the same Idempotency-Key."""

import hashlib
from typing import Annotated, NamedTuple

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from odoo.api import Environment

from odoo.addons.fastapi.context import odoo_env_ctx

from .problems import ApiProblem, Replay

bearer = HTTPBearer(
    auto_error=False,
    description="An API key made for the CRM Digital API (Preferences > Account "
    "Security > New API Key, ticking *For the CRM Digital API*), sent as "
    "`Authorization: Bearer <key>`.",
)
DEFAULT_RATE_LIMIT = 600


class ApiKey(NamedTuple):
    id: int
    env: Environment
    scopes: frozenset


def _header_text(value):
    """The text the client sent: WSGI hands header values over decoded as
    latin-1 (PEP 3333), clients send UTF-8."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def _refused(env, detail):
    return ApiProblem(
        401,
        "unauthenticated",
        env._("Authentication required"),
        detail,
        headers={"WWW-Authenticate": 'Bearer realm="crm_digital"'},
    )


async def api_key(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> ApiKey:
    """The live key of the request; 401 with one message whatever the reason
    (unknown, deleted, expired, of an archived user, of another scope), so a
    refusal tells nothing about the keys there are. 429 past the rate limit.

    Asynchronous, as Scope below, on purpose: FastAPI runs a synchronous
    dependency in a thread of its pool, a hop between threads per dependency
    and request. These run on the request's own loop, one request at a time,
    as the operation does in its thread: the environment is never shared."""
    env = odoo_env_ctx.get()
    if not credentials:
        raise _refused(
            env,
            env._("Send an API key in the header Authorization: Bearer <key>."),
        )
    found = (
        env["res.users.apikeys"]
        .sudo()
        ._crm_digital_api_key(_header_text(credentials.credentials))
    )
    if not found:
        raise _refused(env, env._("Invalid API key."))
    key_id, uid, scopes, lang = found
    limit = int(
        env["ir.config_parameter"]
        .sudo()
        .get_param("crm_digital_api.rate_limit", DEFAULT_RATE_LIMIT)
    )
    hits, left = env["crm.digital.api.request"].sudo()._record(key_id, limit)
    request.state.crm_digital_key_id = key_id
    if limit > 0 and hits > limit:
        raise ApiProblem(
            429,
            "rate-limited",
            env._("Too many requests"),
            env._(
                "This key may send %(limit)s requests a minute: retry in "
                "%(seconds)s s.",
                limit=limit,
                seconds=left,
            ),
            headers={"Retry-After": str(left)},
        )
    user_env = env(user=uid)
    if not request.headers.get("Accept-Language"):
        # Read with the key: reading user.lang costs two queries a request.
        user_env = user_env(context=dict(user_env.context, lang=lang or False))
    request.state.crm_digital_env = user_env
    return ApiKey(key_id, user_env, frozenset(scopes))


class Scope:
    """The environment of the key's user, when the key holds this scope."""

    def __init__(self, resource, access):
        self.code = f"{resource}:{access}"

    async def __call__(self, key: Annotated[ApiKey, Depends(api_key)]) -> Environment:
        if self.code not in key.scopes:
            env = key.env
            raise ApiProblem(
                403,
                "insufficient-scope",
                env._("Scope missing"),
                env._("This key does not hold the scope %(scope)s.", scope=self.code),
            )
        return key.env


async def idempotent(
    request: Request,
    key: Annotated[ApiKey, Depends(api_key)],
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=255,
            description="Any unique text (a UUID): a retry with the same key and "
            "body within 24 hours gets the first answer again, and creates "
            "nothing more.",
        ),
    ] = None,
):
    if not idempotency_key:
        return
    body = await request.body()
    fingerprint = hashlib.sha256(
        b"\n".join([request.method.encode(), request.url.path.encode(), body])
    ).hexdigest()
    env = key.env
    row_id, done = (
        env["crm.digital.api.idempotency"]
        .sudo()
        ._claim(key.id, idempotency_key, fingerprint)
    )
    if row_id:
        request.state.crm_digital_idempotency = row_id
        return
    if done is None:
        raise ApiProblem(
            409,
            "in-progress",
            env._("Request in progress"),
            env._("A request with this Idempotency-Key is running: retry later."),
            headers={"Retry-After": "1"},
        )
    if done["fingerprint"] != fingerprint:
        raise ApiProblem(
            422,
            "idempotency-key-reused",
            env._("Idempotency-Key already used"),
            env._(
                "This Idempotency-Key was sent with another request: use a new "
                "one for each request."
            ),
        )
    raise Replay(done["status"], done["body"])
