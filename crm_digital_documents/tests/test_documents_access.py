# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.tests import tagged

from odoo.addons.crm_digital.tests.common import CrmDigitalCommon


@tagged("post_install", "-at_install")
class TestDocumentsAccess(CrmDigitalCommon):
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
