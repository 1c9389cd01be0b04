# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

from PIL import Image

from odoo import Command
from odoo.tests import tagged

from .common import DocumentsCommon


@tagged("post_install", "-at_install")
class TestCustomerDocuments(DocumentsCommon):
    """Documents of the commercial activity, and those the customer sends,
    are filed per record and appear in the customer's history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead_own.partner_id = cls.contact
        cls.lead_other.partner_id = cls.contact

    def _history(self, user):
        return (
            self.env["crm.digital.customer.event"]
            .with_user(user)
            .search([("partner_id", "=", self.customer.id), ("kind", "=", "document")])
        )

    def _attach(self, user, record, name):
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create(
                {
                    "name": name,
                    "datas": base64.b64encode(b"%PDF-1.4 " + name.encode()),
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        )

    def test_documents_of_each_record_reach_the_customer_history(self):
        salesperson = self.user_salesperson
        self._attach(salesperson, self.customer, "escrituras.pdf")
        order = self.env["sale.order"].create(
            {
                "partner_id": self.contact.id,
                "opportunity_id": self.lead_own.id,
                "user_id": salesperson.id,
                "team_id": self.team_led.id,
                "order_line": [
                    Command.create(
                        {
                            "name": "Implantación",
                            "product_uom_qty": 1,
                            "price_unit": 900,
                        }
                    )
                ],
            }
        )
        self._attach(salesperson, order, "presupuesto-firmado.pdf")
        # The customer sends the signed mandate by email to the opportunity.
        self.lead_own.message_post(
            body="Adjunto el mandato SEPA firmado.",
            author_id=self.contact.id,
            message_type="email",
            attachments=[("mandato-sepa.pdf", b"%PDF-1.4 mandato")],
        )
        events = self._history(salesperson)
        self.assertEqual(
            sorted(events.mapped("name")),
            ["escrituras.pdf", "mandato-sepa.pdf", "presupuesto-firmado.pdf"],
        )
        mandate = events.filtered(lambda e: e.name == "mandato-sepa.pdf")
        self.assertEqual(mandate.lead_id, self.lead_own)
        self.assertEqual(mandate.user_id, salesperson)
        action = mandate.action_open_document()
        self.assertEqual(action["res_model"], "dms.file")
        document = self.env["dms.file"].with_user(salesperson).browse(action["res_id"])
        self.assertEqual(document.name, "mandato-sepa.pdf")
        self.assertEqual(document.directory_id.res_id, self.lead_own.id)
        self.assertEqual(
            document.directory_id.parent_id,
            self.env.ref("crm_digital_documents.dms_directory_opportunities"),
        )

    def test_a_logo_is_not_a_document(self):
        logo = io.BytesIO()
        Image.new("RGB", (64, 64), "teal").save(logo, "PNG")
        self.customer.image_1920 = base64.b64encode(logo.getvalue())
        self._attach(self.user_salesperson, self.customer, "cif.pdf")
        filed = self.env["dms.file"].search(
            [
                ("directory_id.res_model", "=", "res.partner"),
                ("directory_id.res_id", "=", self.customer.id),
            ]
        )
        self.assertGreater(len(filed), 1, "dms files the logo's sizes as well")
        self.assertEqual(self._history(self.user_manager).mapped("name"), ["cif.pdf"])

    def test_each_salesperson_sees_the_documents_of_their_deals_only(self):
        self._attach(self.user_salesperson, self.lead_own, "oferta-propia.pdf")
        self._attach(self.user_salesperson_other, self.lead_other, "oferta-ajena.pdf")
        self.assertEqual(
            self._history(self.user_salesperson).mapped("name"), ["oferta-propia.pdf"]
        )
        self.assertEqual(
            sorted(self._history(self.user_manager).mapped("name")),
            ["oferta-ajena.pdf", "oferta-propia.pdf"],
        )
        files = self.env["dms.file"].with_user(self.user_salesperson)
        self.assertFalse(files.search([("name", "=", "oferta-ajena.pdf")]))
        self.assertTrue(files.search([("name", "=", "oferta-propia.pdf")]))

    def test_the_justification_shows_where_documents_are_filed(self):
        self._attach(self.user_salesperson, self.lead_own, "oferta.pdf")
        Report = self.env["report.crm_digital.report_justification"]
        lines = Report._crm_digital_evidence(self.env.company)["documents"]
        self.assertIn(
            "Installed: document management of customers, opportunities and "
            "quotations.",
            lines,
        )
        self.assertTrue(
            any(
                line.startswith("Document storages") and "Commercial Documents" in line
                for line in lines
            ),
            lines,
        )
        self.assertTrue(
            any(
                line.startswith("Attachments filed automatically from: ")
                and "Lead/Opportunity" in line
                for line in lines
            ),
            lines,
        )
        documents = next(line for line in lines if line.startswith("Documents: "))
        self.assertGreaterEqual(int(documents.split(": ")[1].rstrip(".")), 1)

    def test_the_consultant_finds_documents_in_the_crm_digital_settings(self):
        settings = self.env["res.config.settings"].with_user(self.user_consultant)
        arch = settings.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="crm_digital_documents"', arch)
        storage = self.env.ref("crm_digital_documents.dms_storage_commercial")
        storage.with_user(self.user_consultant).include_message_attachments = False
        self.assertFalse(storage.include_message_attachments)
