# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.tests import tagged

from .common import DocumentsCommon


@tagged("post_install", "-at_install")
class TestDocumentsAccess(DocumentsCommon):
    def test_salesperson_reaches_documents_from_crm(self):
        menus = self.env["ir.ui.menu"].with_user(self.user_salesperson)
        visible = menus._visible_menu_ids()
        for xmlid in ("crm_menu_documents_files", "crm_menu_documents_directories"):
            menu = self.env.ref(f"crm_digital_documents.{xmlid}")
            self.assertIn(menu.id, visible, xmlid)

    def test_salesperson_files_a_document_in_a_shared_directory(self):
        access = self.env["dms.access.group"].create(
            {
                "name": "Comerciales",
                "perm_create": True,
                "perm_write": True,
                "explicit_user_ids": [self.user_salesperson.id],
            }
        )
        storage = self.env["dms.storage"].create(
            {"name": "CRM", "save_type": "database"}
        )
        directory = self.env["dms.directory"].create(
            {
                "name": "Ofertas",
                "is_root_directory": True,
                "storage_id": storage.id,
                "group_ids": [access.id],
            }
        )
        # dms checks access with raw SQL over stored computed relations, which
        # a later request would find written: write them as that request would.
        self.env.flush_all()
        document = (
            self.env["dms.file"]
            .with_user(self.user_salesperson)
            .create(
                {
                    "name": "oferta-levante.pdf",
                    "directory_id": directory.id,
                    "content": base64.b64encode(b"%PDF-1.4 oferta"),
                }
            )
        )
        self.assertEqual(document.create_uid, self.user_salesperson)
        others = self.env["dms.file"].with_user(self.user_salesperson_other)
        self.assertFalse(others.search([("id", "=", document.id)]))

    def test_each_role_sees_the_documents_of_the_records_it_may_read(self):
        """Under CRM > Documents (files and folders, searched or opened by id)
        and in the customer's History alike: a salesperson's customers and
        deals and the unassigned ones; a team leader's, their team's too; a
        manager's, all."""
        Partner = self.env["res.partner"]
        customer_own = Partner.create(
            {
                "name": "Farmacia Levante, S.L.",
                "is_company": True,
                "user_id": self.user_salesperson.id,
            }
        )
        customer_other = Partner.create(
            {
                "name": "Bodegas Rioja, S.A.",
                "is_company": True,
                "user_id": self.user_salesperson_other.id,
            }
        )
        self.lead_own.partner_id = self.lead_leader.partner_id = customer_own
        self.lead_other.partner_id = customer_other
        documents = {
            "escrituras.pdf": self.customer,  # no salesperson
            "cif-levante.pdf": customer_own,
            "cif-rioja.pdf": customer_other,
            "oferta-propia.pdf": self.lead_own,
            "oferta-lider.pdf": self.lead_leader,
            "oferta-ajena.pdf": self.lead_other,
        }
        for name, record in documents.items():
            self._attach(self.user_manager, record, name)
        files = self.env["dms.file"].search(
            [("storage_id", "=", self.storage.id), ("name", "in", list(documents))]
        )
        folders = files.directory_id
        self.assertEqual(len(files), 6)
        customers = self.customer | customer_own | customer_other
        expected = {
            self.user_salesperson: {
                "escrituras.pdf",
                "cif-levante.pdf",
                "oferta-propia.pdf",
            },
            self.user_leader: {
                "escrituras.pdf",
                "cif-levante.pdf",
                "oferta-propia.pdf",
                "oferta-lider.pdf",
            },
            self.user_salesperson_other: {
                "escrituras.pdf",
                "cif-rioja.pdf",
                "oferta-ajena.pdf",
            },
            self.user_manager: set(documents),
        }
        for user, names in expected.items():
            with self.subTest(user=user.login):
                File = self.env["dms.file"].with_user(user)
                seen = File.search_read([("id", "in", files.ids)], ["name"])
                self.assertEqual({row["name"] for row in seen}, names)
                self.assertEqual(
                    {
                        file.name
                        for file in files
                        if File.browse(file.id).has_access("read")
                    },
                    names,
                )
                Folder = self.env["dms.directory"].with_user(user)
                seen = Folder.search_read([("id", "in", folders.ids)], ["name"])
                self.assertEqual(
                    {row["name"] for row in seen},
                    {documents[name].display_name for name in names},
                )
                history = (
                    self.env["crm.digital.customer.event"]
                    .with_user(user)
                    .search(
                        [("partner_id", "in", customers.ids), ("kind", "=", "document")]
                    )
                )
                self.assertEqual(set(history.mapped("name")), names)
