# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import ApiCase


@tagged("post_install", "-at_install")
class TestJustification(ApiCase):
    def test_the_justification_shows_the_api_in_use(self):
        self.env["crm.digital.webhook"].create(
            {
                "name": "ERP",
                "url": "https://erp.example.com/hooks",
                "event_ids": [
                    (6, 0, self.env.ref("crm_digital_api.event_lead_created").ids)
                ],
            }
        )
        for _call in range(3):
            self.assertEqual(self.call("GET", "/me", self.key).status_code, 200)
        lines = self.env[
            "report.crm_digital.report_justification"
        ]._crm_digital_evidence(self.env.company)["integration"]
        text = "\n".join(lines)
        self.assertRegex(text, r"REST API: \d+ operations, described in OpenAPI 3.1")
        self.assertIn("Live REST API keys: 2, of 2 users", text)
        self.assertIn("REST calls in the last 30 days: 3.", text)
        self.assertIn("Active webhooks: 1;", text)
