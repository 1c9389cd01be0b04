# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import requests

from conftest import URL

API = f"{URL}/crm_digital/api/v1"


def _key_for(admin, company, role):
    key = f"key-{role}-{company['tag']}"
    admin(
        "auth.api.key",
        "create",
        {
            "name": f"{role} {company['tag']}",
            "key": key,
            "user_id": company["uids"][role],
            "crm_digital_api_access": True,
        },
    )
    return key


def test_api_key_acts_as_its_user(admin, company):
    key = _key_for(admin, company, "leader")
    response = requests.get(f"{API}/me", headers={"HTTP-API-KEY": key}, timeout=30)
    assert response.status_code == 200, response.text
    assert response.json()["login"] == company["logins"]["leader"]
    assert response.json()["role"] == "team_leader"


def test_unknown_key_gets_401():
    response = requests.get(f"{API}/me", headers={"HTTP-API-KEY": "nope"}, timeout=30)
    assert response.status_code == 401


def test_openapi_description_is_published():
    response = requests.get(f"{API}/openapi.json", timeout=30)
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert "/me" in spec["paths"]
