# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import ApiCase


@tagged("post_install", "-at_install")
class TestLeadBulk(ApiCase):
    """Many leads in one request go through the lead import: its reading of
    values, duplicate search, assignment and report, row by row."""

    def test_each_row_gets_the_import_outcome(self):
        existing = self.env["crm.lead"].create(
            {
                "name": "Ya existe",
                "email_from": "compras@turia.es",
                "user_id": self.salesperson.id,
            }
        )
        response = self.call(
            "POST",
            "/leads/bulk",
            self.key,
            {
                "rows": [
                    {
                        "name": "Web Alicante",
                        "email": "ana@alicante.es",
                        "expected_revenue": 12.125,
                    },
                    {"name": "Mal correo", "email": "no-es-un-correo"},
                    {"name": "Otra vez Turia", "email": "compras@turia.es"},
                    {
                        "partner_name": "Muebles Elda",
                        "salesperson": "Ana Salesperson",
                        "tags": ["Feria", "Web"],
                    },
                ]
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        outcomes = [row["outcome"] for row in body["rows"]]
        self.assertEqual(outcomes, ["created", "rejected", "skipped", "created"])
        self.assertEqual(
            (body["created"], body["rejected"], body["skipped"]), (2, 1, 1)
        )
        self.assertIn('Column "email"', body["rows"][1]["reason"])
        self.assertIn(existing.name, body["rows"][2]["matched"])
        first = self.env["crm.lead"].browse(body["rows"][0]["lead_id"])
        self.assertEqual(first.expected_revenue, 12.125)
        last = self.env["crm.lead"].browse(body["rows"][3]["lead_id"])
        self.assertEqual(last.user_id, self.salesperson)
        self.assertEqual(sorted(last.tag_ids.mapped("name")), ["Feria", "Web"])
        job = self.env["crm.digital.lead.import"].browse(body["import_id"])
        self.assertEqual(job.state, "done")
        self.assertEqual(job.user_id, self.salesperson)
        self.assertTrue(job.rejection_file)
        self.assertEqual(job.lead_ids, first | last)

    def test_a_row_without_anyone_to_reach_refuses_the_request(self):
        problem = self.assertProblem(
            self.call("POST", "/leads/bulk", self.key, {"rows": [{"city": "Elche"}]}),
            422,
            "invalid-request",
        )
        self.assertEqual(problem["errors"][0]["loc"], ["body", "rows", 0])
        self.assertFalse(self.env["crm.digital.lead.import"].search([]))
