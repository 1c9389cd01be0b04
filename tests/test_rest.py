# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import requests

from conftest import URL, make_api_key

API = f"{URL}/crm_digital/api/v1"


def test_api_key_acts_as_its_user(company):
    key, _web = make_api_key(company["logins"]["leader"], ["opportunities:read"])
    response = requests.get(
        f"{API}/me", headers={"Authorization": f"Bearer {key}"}, timeout=30
    )
    assert response.status_code == 200, response.text
    assert response.json()["login"] == company["logins"]["leader"]
    assert response.json()["role"] == "team_leader"
    listed = requests.get(
        f"{API}/opportunities", headers={"Authorization": f"Bearer {key}"}, timeout=30
    ).json()
    ids = {o["id"] for o in listed["data"]}
    assert {company["leads"]["salesperson"], company["leads"]["leader"]} <= ids
    assert company["leads"]["other"] not in ids


def test_unknown_key_gets_401():
    response = requests.get(
        f"{API}/me", headers={"Authorization": "Bearer nope"}, timeout=30
    )
    assert response.status_code == 401


def test_openapi_description_is_published():
    response = requests.get(f"{API}/openapi.json", timeout=30)
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.1")
    assert "/leads" in spec["paths"]
