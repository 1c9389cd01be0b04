# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import Command
from odoo.tests import tagged

from ..hooks import post_init_hook
from .common import DocumentsCommon, png

PDF = "application/pdf"
PNG = "image/png"


@tagged("post_install", "-at_install")
class TestDocumentFiling(DocumentsCommon):
    """Attaching never fails because of filing: whatever the file is called
    and whatever it holds, the email, the quotation or the upload arrives, and
    its files are in the record's folder."""

    def test_a_reply_with_the_same_signature_image_arrives_and_is_filed(self):
        first_id, first = self._email(
            "Presupuesto implantación",
            [("image001.png", png(), PNG), ("cif.pdf", b"%PDF-1.4 cif", PDF)],
        )
        lead = self._receive(first)
        _reply_id, reply = self._email(
            "Re: Presupuesto implantación",
            [("image001.png", png(), PNG), ("mandato.pdf", b"%PDF-1.4 sepa", PDF)],
            in_reply_to=first_id,
        )
        self.assertEqual(self._receive(reply), lead)
        self.assertEqual(
            sorted(lead.message_ids.attachment_ids.mapped("name")),
            ["cif.pdf", "image001.png", "image001.png", "mandato.pdf"],
        )
        self.assertEqual(
            sorted(self._filed(lead).mapped("name")),
            ["cif.pdf", "image001 (2).png", "image001.png", "mandato.pdf"],
        )
        self.assertEqual(
            self._filed(lead).attachment_id, lead.message_ids.attachment_ids
        )

    def test_a_file_name_with_a_slash_is_filed_under_a_clean_name(self):
        _id, raw = self._email(
            "Factura", [("Factura 2024/15.pdf", b"%PDF-1.4 factura", PDF)]
        )
        lead = self._receive(raw)
        attachment = lead.message_ids.attachment_ids
        self.assertEqual(attachment.name, "Factura 2024/15.pdf")
        document = self._filed(lead)
        self.assertEqual(document.name, "Factura 2024_15.pdf")
        self.assertEqual(document.attachment_id, attachment)

    def test_an_email_with_a_truncated_image_arrives_with_all_its_attachments(self):
        lead = self.lead_own
        message = lead.message_post(body="¿Nos enviáis la foto de la fachada?")
        _id, raw = self._email(
            "Re: fachada",
            [("fachada.png", png(truncated=True), PNG), ("cif.pdf", b"%PDF", PDF)],
            in_reply_to=message.message_id,
        )
        with self.assertLogs(
            "odoo.addons.crm_digital_documents.models.dms_file", "WARNING"
        ) as logs:
            self.assertEqual(self._receive(raw), lead)
        self.assertIn("fachada.png", logs.output[0])
        received = lead.message_ids.filtered(lambda m: m.subject == "Re: fachada")
        self.assertEqual(
            sorted(received.attachment_ids.mapped("name")), ["cif.pdf", "fachada.png"]
        )
        filed = self._filed(lead)
        self.assertEqual(sorted(filed.mapped("name")), ["cif.pdf", "fachada.png"])
        self.assertFalse(filed.filtered(lambda f: f.name == "fachada.png").image_1920)

    def test_a_file_dms_refuses_is_kept_unfiled_with_a_warning(self):
        self.env["ir.config_parameter"].set_param("dms.forbidden_extensions", "exe")
        message = self.lead_own.message_post(body="Instalad el lector")
        _id, raw = self._email(
            "Re: lector",
            [("lector.exe", b"MZ lector", "application/octet-stream")],
            in_reply_to=message.message_id,
        )
        with self.assertLogs(
            "odoo.addons.crm_digital_documents.models.ir_attachment", "WARNING"
        ):
            self._receive(raw)
        attachment = self._attachments(self.lead_own)
        self.assertEqual(attachment.name, "lector.exe")
        self.assertFalse(self._filed(self.lead_own))

    def test_resending_a_quotation_files_each_pdf(self):
        salesperson = self.user_salesperson
        order = self.env["sale.order"].create(
            {
                "partner_id": self.contact.id,
                "opportunity_id": self.lead_own.id,
                "user_id": salesperson.id,
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
        for _attempt in range(2):
            context = order.with_user(salesperson).action_quotation_send()["context"]
            composer = (
                self.env["mail.compose.message"]
                .with_user(salesperson)
                .with_context(**context)
                .create({})
            )
            composer.action_send_mail()
        sent = order.message_ids.attachment_ids
        self.assertEqual(len(sent), 2)
        self.assertEqual(len(set(sent.mapped("name"))), 1, "the same PDF name")
        filed = self._filed(order)
        self.assertEqual(filed.attachment_id, sent)
        self.assertEqual(len(set(filed.mapped("name"))), 2)

    def test_the_same_file_attached_twice_by_hand_is_filed_twice(self):
        first = self._attach(self.user_salesperson, self.lead_own, "oferta.pdf")
        second = self._attach(self.user_salesperson, self.lead_own, "oferta.pdf")
        self.assertEqual((first | second).mapped("name"), ["oferta.pdf"] * 2)
        filed = self._filed(self.lead_own)
        self.assertEqual(sorted(filed.mapped("name")), ["oferta (2).pdf", "oferta.pdf"])
        self.assertEqual(filed.attachment_id, first | second)

    def test_two_leads_of_the_same_name_each_get_their_folder(self):
        leads = self.env["crm.lead"].create(
            [{"name": "Solicitud de información"}, {"name": "Solicitud de información"}]
        )
        for lead in leads:
            self._attach(self.user_manager, lead, "formulario.pdf")
        folders = (
            self._filed(leads[0]).directory_id | self._filed(leads[1]).directory_id
        )
        self.assertEqual(len(folders), 2)
        self.assertEqual(
            sorted(folders.mapped("name")),
            ["Solicitud de información", "Solicitud de información (2)"],
        )

    def test_a_contact_photo_is_no_document_but_a_file_they_send_is(self):
        photo = base64.b64encode(png())
        user = self.env["res.users"].create(
            {"name": "Nuria Vidal", "login": "nuria.vidal@crm-digital.example"}
        )
        self.customer.image_1920 = photo
        self.assertTrue(
            self.env["ir.attachment"].search_count(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", (self.customer | user.partner_id).ids),
                    ("res_field", "!=", False),
                ]
            )
        )
        self.assertFalse(self._filed(self.customer) | self._filed(user.partner_id))
        self._attach(self.env.user, self.customer, "escrituras.pdf")
        self.assertEqual(self._filed(self.customer).mapped("name"), ["escrituras.pdf"])

    def test_the_storage_and_folders_take_the_administrators_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env.ref("base.user_admin").lang = "es_ES"
        post_init_hook(self.env)
        self.assertEqual(self.storage.name, "Documentos comerciales")
        self.assertEqual(
            self.env.ref("crm_digital_documents.dms_directory_customers").name,
            "Clientes",
        )
