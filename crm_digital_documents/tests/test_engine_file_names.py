# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, tagged

from odoo.addons.crm_digital_documents.engine.file_names import (
    MAX_BYTES,
    clean_file_name,
    fallback_file_name,
    unique_name,
)


@tagged("post_install", "-at_install")
class TestEngineFileNames(BaseCase):
    def test_unsafe_characters_become_underscores(self):
        self.assertEqual(clean_file_name("Factura 2024/15.pdf"), "Factura 2024_15.pdf")
        self.assertEqual(clean_file_name('a\\b:c*?"<>|.txt'), "a_b_c______.txt")
        self.assertEqual(clean_file_name("nul\x00l.pdf"), "nul_l.pdf")

    def test_spaces_are_collapsed_and_trimmed(self):
        self.assertEqual(
            clean_file_name("  Oferta \n\t firmada .pdf "), "Oferta firmada.pdf"
        )

    def test_an_empty_or_dots_only_name_becomes_document(self):
        for name in ("", None, "   ", ".", ".."):
            self.assertEqual(clean_file_name(name), "document")

    def test_a_long_name_is_cut_in_its_stem_keeping_the_extension(self):
        name = clean_file_name("ñ" * 300 + ".pdf")
        self.assertLessEqual(len(name.encode()), MAX_BYTES)
        self.assertTrue(name.endswith("ñ.pdf"), name)

    def test_a_free_name_is_kept(self):
        self.assertEqual(unique_name("oferta.pdf", {"otra.pdf"}), "oferta.pdf")

    def test_a_taken_name_gets_the_first_free_number(self):
        taken = {"image001.png", "image001 (2).png"}
        self.assertEqual(unique_name("image001.png", taken), "image001 (3).png")
        self.assertEqual(unique_name("image001 (2).png", taken), "image001 (3).png")
        self.assertEqual(unique_name("LEEME", {"LEEME"}), "LEEME (2)")

    def test_a_numbered_long_name_still_fits(self):
        name = "x" * MAX_BYTES
        numbered = unique_name(name, {name})
        self.assertEqual(len(numbered.encode()), MAX_BYTES)
        self.assertTrue(numbered.endswith(" (2)"))

    def test_the_fallback_name_keeps_only_the_extension(self):
        self.assertEqual(
            fallback_file_name(42, "Factura 2024/15.pdf"), "document-42.pdf"
        )
        self.assertEqual(fallback_file_name(42, "sin extensión"), "document-42")
