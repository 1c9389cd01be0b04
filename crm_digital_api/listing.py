# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Lists and versions of records as the API gives them: keyset (cursor)
pagination that neither skips nor repeats a record when others are created
meanwhile, sorting, sparse fields, and the ETag of a record."""

import base64
import binascii
import json
from datetime import datetime
from typing import Literal

from .problems import ApiProblem

SORTS = ("id", "create_date", "write_date")
Sort = Literal[tuple(f"{sign}{field}" for field in SORTS for sign in ("", "-"))]
MAX_LIMIT = 200


def _bad(env, detail):
    return ApiProblem(400, "bad-parameter", env._("Invalid parameter"), detail)


def parse_sort(env, sort):
    """(field, descending) of a `sort` such as "-write_date"."""
    descending = sort.startswith("-")
    field = sort.lstrip("-")
    if field not in SORTS:
        raise _bad(
            env,
            env._(
                "sort: one of %(sorts)s, with - before it to sort downwards.",
                sorts=", ".join(SORTS),
            ),
        )
    return field, descending


def parse_fields(env, fields, known):
    """The fields asked for (all when none), checked against those there are."""
    if not fields:
        return set(known)
    asked = {name.strip() for name in fields.split(",") if name.strip()}
    unknown = asked - set(known)
    if unknown:
        raise _bad(
            env,
            env._(
                "fields: unknown %(unknown)s; known: %(known)s.",
                unknown=", ".join(sorted(unknown)),
                known=", ".join(known),
            ),
        )
    return asked | {"id"}


def _encode(field, value, record_id):
    if isinstance(value, datetime):
        value = value.isoformat()
    raw = json.dumps([field, value, record_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(env, cursor, field):
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        sort_field, value, record_id = json.loads(raw)
        if sort_field != field or not isinstance(record_id, int):
            raise ValueError
        if field != "id":
            value = datetime.fromisoformat(value)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise _bad(
            env,
            env._(
                "cursor: not one given by this list with this sort; start again "
                "without cursor."
            ),
        ) from None
    return value, record_id


def page(model, domain, *, sort, cursor, limit, fnames):
    """One page of the records of `domain`, and the cursor of the next page
    (None on the last one)."""
    env = model.env
    field, descending = parse_sort(env, sort)
    limit = max(1, min(limit, MAX_LIMIT))
    direction = "desc" if descending else "asc"
    order = (
        f"{field} {direction}, id {direction}" if field != "id" else f"id {direction}"
    )
    if cursor:
        value, last_id = _decode(env, cursor, field)
        after = ">" if not descending else "<"
        if field == "id":
            domain = [*domain, ("id", after, last_id)]
        else:
            domain = [
                *domain,
                "|",
                (field, after, value),
                "&",
                (field, "=", value),
                ("id", after, last_id),
            ]
    records = model.search_fetch(
        domain,
        [*fnames, field] if field != "id" else fnames,
        order=order,
        limit=limit + 1,
    )
    next_cursor = None
    if len(records) > limit:
        records = records[:limit]
        last = records[-1]
        next_cursor = _encode(field, last[field] if field != "id" else last.id, last.id)
    return records, next_cursor


def etag(record):
    """The version of a record: it changes with each write."""
    stamp = (record.write_date and record.write_date.isoformat()) or ""
    return f'"{record.id}-{stamp}"'


def check_if_match(env, record, if_match):
    """412 when the client's If-Match names another version than the one
    stored: someone changed the record since the client read it."""
    if if_match and if_match.strip() not in ("*", etag(record)):
        raise ApiProblem(
            412,
            "changed",
            env._("Changed by someone else"),
            env._(
                "The record changed since you read it (If-Match %(sent)s, now "
                "%(now)s): read it again and redo your change.",
                sent=if_match,
                now=etag(record),
            ),
            headers={"ETag": etag(record)},
        )
