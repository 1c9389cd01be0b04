# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import DocumentsCommon


@tagged("post_install", "-at_install")
class TestDocumentMoves(DocumentsCommon):
    """Merging, converting or deleting records keeps every document where
    stock Odoo keeps its attachment, and its dms file in that record's
    folder."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead_first, cls.lead_second = cls.env["crm.lead"].create(
            [
                {
                    "name": "Web: información",
                    "email_from": "marta@sonrisa.example",
                    "user_id": cls.user_salesperson.id,
                    "team_id": cls.team_led.id,
                },
                {
                    "name": "Web: presupuesto",
                    "email_from": "marta@sonrisa.example",
                    "user_id": cls.user_salesperson.id,
                    "team_id": cls.team_led.id,
                },
            ]
        )

    def _assert_filed_with(self, attachments, record):
        """Each attachment is on ``record`` and its dms file in its folder."""
        for attachment in attachments:
            self.assertTrue(attachment.exists(), attachment.name)
            self.assertEqual(
                (attachment.res_model, attachment.res_id), (record._name, record.id)
            )
        filed = self.env["dms.file"].search(
            [
                ("storage_id", "=", self.storage.id),
                ("attachment_id", "in", attachments.ids),
            ]
        )
        self.assertEqual(filed.attachment_id, attachments)
        self.assertEqual(filed.directory_id.mapped("res_id"), [record.id])
        self.assertEqual(filed.directory_id.mapped("res_model"), [record._name])

    def test_merging_leads_keeps_the_merged_lead_documents_on_the_survivor(self):
        manager = self.user_manager
        own = self._attach(manager, self.lead_first, "presupuesto.pdf")
        merged = self._attach(manager, self.lead_second, "presupuesto.pdf")
        merged |= self._attach(manager, self.lead_second, "cif.pdf")
        leads = self.lead_first | self.lead_second
        wizard = (
            self.env["crm.merge.opportunity"]
            .with_user(manager)
            .with_context(active_model="crm.lead", active_ids=leads.ids)
            .create({})
        )
        survivor = self.env["crm.lead"].browse(wizard.action_merge()["res_id"])
        self.assertEqual(len(leads.exists()), 1)
        self._assert_filed_with(own | merged, survivor)
        self.assertEqual(len(set(self._filed(survivor).mapped("name"))), 3)

    def test_merging_opportunities_as_the_manager_through_the_method(self):
        pdfs = self._attach(self.user_manager, self.lead_second, "oferta.pdf")
        pdfs |= self._attach(self.user_manager, self.lead_second, "oferta.pdf")
        leads = (self.lead_first | self.lead_second).with_user(self.user_manager)
        survivor = leads._merge_opportunity()
        self._assert_filed_with(pdfs, survivor)
        self.assertTrue(
            all(name.startswith("oferta.pdf (from ") for name in pdfs.mapped("name"))
        )

    def test_converting_a_lead_keeps_its_documents(self):
        for action in ("create", "nothing"):
            lead = self.env["crm.lead"].create(
                {
                    "name": f"Lead {action}",
                    "contact_name": f"Contacto {action}",
                    "user_id": self.user_salesperson.id,
                    "team_id": self.team_led.id,
                }
            )
            pdf = self._attach(self.user_salesperson, lead, "cif.pdf")
            self.env["crm.lead2opportunity.partner"].with_context(
                active_model="crm.lead", active_id=lead.id, active_ids=lead.ids
            ).create({"name": "convert", "action": action}).action_apply()
            self.assertEqual(lead.type, "opportunity")
            self.assertEqual(bool(lead.partner_id), action == "create")
            self._assert_filed_with(pdf, lead)

    def test_converting_a_lead_by_merging_it_with_its_duplicate(self):
        pdf = self._attach(self.user_salesperson, self.lead_second, "cif.pdf")
        wizard = (
            self.env["crm.lead2opportunity.partner"]
            .with_user(self.user_manager)
            .with_context(
                active_model="crm.lead",
                active_id=self.lead_second.id,
                active_ids=self.lead_second.ids,
            )
            .create({"action": "nothing"})
        )
        self.assertEqual(wizard.name, "merge")
        survivor = self.env["crm.lead"].browse(wizard.action_apply()["res_id"])
        self._assert_filed_with(pdf, survivor)

    def test_merging_contacts_keeps_the_merged_contact_documents(self):
        duplicate = self.env["res.partner"].create(
            {"name": "Marta Gil", "email": "marta@sonrisa.example"}
        )
        pdf = self._attach(self.user_salesperson, duplicate, "dni.pdf")
        self.env["base.partner.merge.automatic.wizard"]._merge(
            (self.contact | duplicate).ids, self.contact
        )
        self.assertFalse(duplicate.exists())
        self._assert_filed_with(pdf, self.contact)

    def test_deleting_an_opportunity_keeps_the_documents_of_its_quotation(self):
        lead = self.lead_first
        lead.partner_id = self.contact
        self._attach(self.user_salesperson, lead, "briefing.pdf")
        order = self.env["sale.order"].create(
            {
                "partner_id": self.contact.id,
                "opportunity_id": lead.id,
                "user_id": self.user_salesperson.id,
                "order_line": [
                    Command.create(
                        {"name": "Web", "product_uom_qty": 1, "price_unit": 1}
                    )
                ],
            }
        )
        signed = self._attach(self.user_salesperson, order, "presupuesto-firmado.pdf")
        # Moved by hand from the opportunity to the quotation it belongs to.
        moved = self._attach(self.user_salesperson, lead, "pedido.pdf")
        moved.write({"res_model": "sale.order", "res_id": order.id})
        lead.with_user(self.user_manager).unlink()
        self.assertFalse(order.opportunity_id)
        self._assert_filed_with(signed | moved, order)
        self.assertFalse(
            self.env["ir.attachment"].search([("name", "=", "briefing.pdf")]),
            "stock deletes the opportunity's own attachments with it",
        )

    def test_deleting_a_record_keeps_a_document_filed_before_it_moved(self):
        pdf = self._attach(self.user_salesperson, self.lead_first, "pedido.pdf")
        # Moved behind the ORM's back (as before this version filed it along).
        self.env.cr.execute(
            "UPDATE ir_attachment SET res_id = %s WHERE id = %s",
            (self.lead_second.id, pdf.id),
        )
        self.env.invalidate_all()
        self.lead_first.with_user(self.user_manager).unlink()
        self._assert_filed_with(pdf, self.lead_second)
