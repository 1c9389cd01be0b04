# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from typing import Annotated

from fastapi import Depends, HTTPException, status
from fastapi.security import APIKeyHeader

from odoo.api import Environment

from odoo.addons.auth_api_key.models.auth_api_key import AuthApiKey
from odoo.addons.fastapi.dependencies import fastapi_endpoint, odoo_env
from odoo.addons.fastapi.models.fastapi_endpoint import FastapiEndpoint
from odoo.addons.fastapi_auth_api_key.dependencies import HTTP_API_KEY_HEADER


class ApiKeyRefused(HTTPException):
    """401 for a missing or refused key. Odoo logs it as a warning, without
    a traceback; its detail never holds the key sent."""

    loglevel = logging.WARNING

    def __init__(self, detail):
        super().__init__(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail=detail,
            headers={"WWW-Authenticate": HTTP_API_KEY_HEADER},
        )


def _header_text(value):
    """The text the client sent: WSGI hands header values over decoded as
    latin-1 (PEP 3333), clients send UTF-8."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def authenticated_api_key(
    key: Annotated[
        str | None,
        Depends(APIKeyHeader(name=HTTP_API_KEY_HEADER, auto_error=False)),
    ],
    env: Annotated[Environment, Depends(odoo_env)],
    endpoint: Annotated[FastapiEndpoint, Depends(fastapi_endpoint)],
) -> AuthApiKey:
    """The key of the request, if it is active and made for this API; else 401
    with the same message whatever the reason (unknown, archived, deleted, made
    for something else), so a refusal tells nothing about the keys there are."""
    if not key:
        raise ApiKeyRefused(
            env._("Missing %(header)s header.", header=HTTP_API_KEY_HEADER)
        )
    api_key = env["auth.api.key"]._crm_digital_api_key(
        _header_text(key), endpoint.sudo().auth_api_key_group_id
    )
    if not api_key:
        raise ApiKeyRefused(env._("Invalid API key."))
    return api_key


def authenticated_env(
    api_key: Annotated[AuthApiKey, Depends(authenticated_api_key)],
) -> Environment:
    """The environment of the user the key acts as."""
    return api_key.with_user(api_key.user_id).env
