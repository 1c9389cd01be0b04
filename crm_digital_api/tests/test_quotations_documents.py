# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo.tests import tagged

from .common import ApiCase


@tagged("post_install", "-at_install")
class TestQuotationsAndDocuments(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Hostal Benicàssim"})
        cls.opportunity = cls.env["crm.lead"].create(
            {
                "name": "Web y reservas",
                "type": "opportunity",
                "user_id": cls.salesperson.id,
                "partner_id": cls.customer.id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Mantenimiento web", "list_price": 90.0, "sale_ok": True}
        )

    def test_a_draft_quotation_from_products_and_quantities(self):
        response = self.call(
            "POST",
            "/quotations",
            self.key,
            {
                "opportunity_id": self.opportunity.id,
                "lines": [{"product_id": self.product.id, "quantity": 12}],
                "validity_date": str(date.today() + timedelta(days=30)),
            },
        )
        self.assertEqual(response.status_code, 201, response.text)
        body = response.json()
        self.assertEqual(body["state"], "draft")
        self.assertEqual(body["customer"]["id"], self.customer.id)
        self.assertEqual(body["opportunity"]["id"], self.opportunity.id)
        self.assertEqual(body["lines"][0]["quantity"], 12)
        self.assertEqual(body["amount_untaxed"], 1080.0)
        self.assertFalse(body["expired"])
        self.assertEqual(self.opportunity.order_ids.ids, [body["id"]])
        listed = self.call(
            "GET",
            "/quotations",
            self.key,
            params={"opportunity_id": self.opportunity.id},
        )
        self.assertEqual([q["id"] for q in listed.json()["data"]], [body["id"]])

    def test_an_expired_quotation_says_so(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "opportunity_id": self.opportunity.id,
                "user_id": self.salesperson.id,
                "validity_date": date.today() - timedelta(days=1),
            }
        )
        self.assertTrue(
            self.call("GET", f"/quotations/{order.id}", self.key).json()["expired"]
        )

    def test_a_quotation_needs_sold_products_and_a_customer(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Sin cliente",
                "type": "opportunity",
                "user_id": self.salesperson.id,
            }
        )
        problem = self.assertProblem(
            self.call(
                "POST",
                "/quotations",
                self.key,
                {"opportunity_id": lead.id, "lines": [{"product_id": 999999}]},
            ),
            422,
            "invalid-request",
        )
        self.assertEqual(
            [error["loc"] for error in problem["errors"]],
            [["body", "lines", 0, "product_id"], ["body", "opportunity_id"]],
        )
        self.assertFalse(lead.order_ids)

    def test_a_file_is_uploaded_listed_and_downloaded(self):
        path = f"/opportunities/{self.opportunity.id}/documents"
        pdf = b"%PDF-1.4 oferta firmada"
        response = self.call(
            "POST",
            path,
            self.key,
            files={"file": ("Oferta firmada ñ.pdf", pdf, "application/pdf")},
        )
        self.assertEqual(response.status_code, 201, response.text)
        document = response.json()
        self.assertEqual(document["size"], len(pdf))
        self.assertEqual(document["created_by"]["id"], self.salesperson.id)
        self.assertEqual(
            [d["id"] for d in self.call("GET", path, self.key).json()], [document["id"]]
        )
        content = self.call("GET", "/" + document["download"], self.key)
        self.assertEqual(content.content, pdf)
        self.assertEqual(content.headers["Content-Type"], "application/pdf")
        self.assertIn(
            "filename*=UTF-8''Oferta%20firmada%20%C3%B1.pdf",
            content.headers["Content-Disposition"],
        )

    def test_files_of_a_record_the_user_may_not_read_are_refused(self):
        others = self.env["crm.lead"].create(
            {"name": "Ajena", "type": "opportunity", "user_id": self.other.id}
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": "contrato.pdf",
                "raw": b"x",
                "res_model": "crm.lead",
                "res_id": others.id,
            }
        )
        self.assertProblem(
            self.call("GET", f"/opportunities/{others.id}/documents", self.key),
            403,
            "forbidden",
        )
        self.assertProblem(
            self.call("GET", f"/documents/{attachment.id}/content", self.key),
            403,
            "forbidden",
        )
        self.assertProblem(
            self.call("GET", f"/leads/{self.opportunity.id}/documents", self.key),
            404,
            "not-found",
        )
