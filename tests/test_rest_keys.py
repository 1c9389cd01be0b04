# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""API keys against a server with several workers: a key revoked through
XML-RPC is refused at once by every worker, only keys made for this API open
it, and no refusal shows the key it was sent."""

from concurrent.futures import ThreadPoolExecutor

import requests

from conftest import URL

ME = f"{URL}/crm_digital/api/v1/me"
# Concurrent requests, so that every worker serves some (each worker takes one
# request at a time).
REQUESTS = 12


def _make_key(admin, company, name, *, for_this_api=True):
    key = f"key-{name}-{company['tag']}"
    key_id = admin(
        "auth.api.key",
        "create",
        {
            "name": f"{name} {company['tag']}",
            "key": key,
            "user_id": company["uids"]["salesperson"],
            "crm_digital_api_access": for_this_api,
        },
    )
    return key_id, key


def _get(key):
    return requests.get(ME, headers={"HTTP-API-KEY": key}, timeout=30)


def _get_from_every_worker(key):
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(_get, [key] * REQUESTS))


def _assert_refused(responses, key):
    sent = key if isinstance(key, str) else key.decode()
    assert [r.status_code for r in responses] == [401] * len(responses), [
        (r.status_code, r.text[:200]) for r in responses
    ]
    for response in responses:
        assert sent not in response.text
        assert response.json() == {"detail": "Invalid API key."}


def test_archived_key_is_refused_by_every_worker(admin, company):
    key_id, key = _make_key(admin, company, "archived")
    assert {r.status_code for r in _get_from_every_worker(key)} == {200}
    admin("auth.api.key", "write", [key_id], {"active": False})
    _assert_refused(_get_from_every_worker(key), key)


def test_deleted_key_is_refused_by_every_worker(admin, company):
    key_id, key = _make_key(admin, company, "deleted")
    assert {r.status_code for r in _get_from_every_worker(key)} == {200}
    admin("auth.api.key", "unlink", [key_id])
    _assert_refused(_get_from_every_worker(key), key)


def test_key_not_made_for_this_api_is_refused(admin, company):
    _key_id, key = _make_key(admin, company, "webshop", for_this_api=False)
    _assert_refused(_get_from_every_worker(key), key)


def test_long_key_is_refused_without_echo(admin, company):
    _make_key(admin, company, "long-known")  # keys exist to compare against
    key = "k" * 60_000
    _assert_refused([_get(key)], key)


def test_non_ascii_key_is_refused(admin, company):
    _make_key(admin, company, "ascii-known")
    key = "clave-ñandú-€".encode()
    _assert_refused([_get(key)], key)
