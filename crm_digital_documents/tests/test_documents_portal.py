# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import DocumentsCommon


@tagged("post_install", "-at_install")
class TestDocumentsPortal(HttpCase, DocumentsCommon):
    """A customer's contact with portal access, in the portal's Documents:
    they reach only what is shared with them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            "crmd_portal",
            groups="base.group_portal",
            partner_id=cls.contact.id,
            name=cls.contact.name,
            email=cls.contact.email,
        )
        cls.lead_other.partner_id = cls.env["res.partner"].create(
            {"name": "Bodegas Rioja, S.A.", "is_company": True}
        )

    def _open(self, url):
        self.env.flush_all()
        return self.url_open(url, timeout=30)

    def test_a_customer_downloads_only_the_files_shared_with_them(self):
        self._attach(
            self.user_salesperson, self.customer, "notas-internas.pdf", b"%PDF notas"
        )
        self._attach(
            self.user_salesperson, self.customer, "presupuesto.pdf", b"%PDF oferta"
        )
        files = self._filed(self.customer)
        internal = files.filtered(lambda file: file.name == "notas-internas.pdf")
        shared = files - internal
        shared_url = shared._get_share_url()
        self.authenticate("crmd_portal", "crmd_portal")
        response = self._open(f"/my/dms/file/{internal.id}/download")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(b"%PDF notas", response.content)
        listing = self._open("/my/dms")
        self.assertEqual(listing.status_code, 200)
        self.assertNotIn(f"/my/dms/directory/{internal.directory_id.id}", listing.text)
        self.assertNotIn("notas-internas.pdf", listing.text)
        response = self._open(shared_url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF oferta")

    def test_a_customer_finds_no_folder_they_are_not_shown(self):
        """Every folder not shared with them answers 404, whether it exists
        or not: neither names nor ids can be read off the portal."""
        self._attach(self.user_salesperson_other, self.lead_other, "oferta-rioja.pdf")
        self._attach(self.user_salesperson, self.customer, "cif.pdf")
        own_folder = self._filed(self.customer).directory_id
        shared_url = own_folder._get_share_url()
        Folder = self.env["dms.directory"]
        missing_id = Folder.search([], order="id desc", limit=1).id + 1
        hidden = {
            "another customer's opportunity": self._filed(self.lead_other).directory_id,
            "their company's folder, without its link": own_folder,
            "the root of all customers": self.env.ref(
                "crm_digital_documents.dms_directory_customers"
            ),
            "a folder that does not exist": Folder.browse(missing_id),
        }
        self.authenticate("crmd_portal", "crmd_portal")
        for case, folder in hidden.items():
            with self.subTest(case):
                response = self._open(f"/my/dms/directory/{folder.id}")
                self.assertEqual(response.status_code, 404)
                if folder.exists():
                    self.assertNotIn(folder.name, response.text)
        self.assertNotIn(self.lead_other.name, self._open("/my/dms").text)
        response = self._open(shared_url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("cif.pdf", response.text)
