# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""API keys against a server with several workers: a key made and revoked by
its user in the web client is refused at once by every worker, and no refusal
shows the key it was sent."""

from concurrent.futures import ThreadPoolExecutor

import requests

from conftest import URL, make_api_key, revoke_api_key

ME = f"{URL}/crm_digital/api/v1/me"
# Concurrent requests, so that every worker serves some (each worker takes one
# request at a time).
REQUESTS = 12


def _get(key):
    return requests.get(ME, headers={"Authorization": f"Bearer {key}"}, timeout=30)


def _get_from_every_worker(key):
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(_get, [key] * REQUESTS))


def test_revoked_key_is_refused_by_every_worker(company):
    login = company["logins"]["salesperson"]
    key, web = make_api_key(login, ["leads:read"], name=f"revoked {company['tag']}")
    responses = _get_from_every_worker(key)
    assert {r.status_code for r in responses} == {200}, [r.text for r in responses]
    assert responses[0].json()["scopes"] == ["leads:read"]
    revoke_api_key(web, f"revoked {company['tag']}")
    responses = _get_from_every_worker(key)
    assert [r.status_code for r in responses] == [401] * REQUESTS
    for response in responses:
        assert key not in response.text
        assert response.headers["Content-Type"] == "application/problem+json"
        assert response.json()["detail"] == "Invalid API key."


def test_key_of_a_user_archived_elsewhere_is_refused_by_every_worker(admin, company):
    login = company["logins"]["other"]
    key, _web = make_api_key(login, ["leads:read"], name=f"archived {company['tag']}")
    assert {r.status_code for r in _get_from_every_worker(key)} == {200}
    admin("res.users", "write", [company["uids"]["other"]], {"active": False})
    try:
        assert {r.status_code for r in _get_from_every_worker(key)} == {401}
    finally:
        admin("res.users", "write", [company["uids"]["other"]], {"active": True})
