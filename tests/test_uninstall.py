# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import pytest

ADDONS = [
    "crm_digital_api",
    "crm_digital_alerts",
    "crm_digital_documents",
    "crm_digital_reporting",
    "crm_digital",
]


@pytest.mark.destructive
def test_addons_uninstall_cleanly_and_leave_crm_working(admin):
    ids = admin("ir.module.module", "search", [("name", "in", ADDONS)])
    assert len(ids) == len(ADDONS)
    admin("ir.module.module", "button_immediate_uninstall", ids)
    states = admin("ir.module.module", "read", ids, fields=["name", "state"])
    assert {row["name"]: row["state"] for row in states} == dict.fromkeys(
        ADDONS, "uninstalled"
    )
    assert not admin(
        "res.groups",
        "search",
        [("name", "=", "User: Own Team's Documents")],
    )
    # The stock CRM the addons extended still works.
    lead = admin("crm.lead", "create", {"name": "Después de desinstalar"})
    assert admin("crm.lead", "read", [lead], fields=["name"])[0]["name"]
