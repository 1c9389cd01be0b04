# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

URL = "/crm_digital/api/v1/me"


@tagged("post_install", "-at_install")
class TestMe(HttpCase):
    """An integrator's API key authenticates them as an Odoo user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(
            cls.env, "api_salesperson", groups="sales_team.group_sale_salesman"
        )
        cls.leader = new_test_user(
            cls.env, "api_leader", groups="crm_digital.group_crm_digital_team_leader"
        )
        cls.env["auth.api.key"].create(
            [
                {
                    "name": "ERP",
                    "key": "key-salesperson",
                    "user_id": cls.salesperson.id,
                    "crm_digital_api_access": True,
                },
                {
                    "name": "BI",
                    "key": "key-leader",
                    "user_id": cls.leader.id,
                    "crm_digital_api_access": True,
                },
            ]
        )

    def _get(self, key=None):
        headers = {"HTTP-API-KEY": key} if key else {}
        return self.url_open(URL, headers=headers)

    def test_api_key_authenticates_its_user(self):
        response = self._get("key-salesperson")
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertEqual(body["login"], "api_salesperson")
        self.assertEqual(body["role"], "salesperson")

    def test_api_reports_the_sales_role(self):
        self.assertEqual(self._get("key-leader").json()["role"], "team_leader")

    @mute_logger("odoo.http")  # OCA fastapi logs each refused request
    def test_unknown_api_key_is_refused(self):
        response = self._get("not-a-key")
        self.assertEqual(response.status_code, 401)
