# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, tagged

from odoo.addons.crm_digital.engine.lead_countries import country_code


@tagged("post_install", "-at_install")
class TestEngineLeadCountries(BaseCase):
    def assertCodes(self, expected):
        for text, code in expected.items():
            with self.subTest(text):
                self.assertEqual(country_code(text), code)

    def test_names_once_taken_for_others_find_their_own_country(self):
        # The country of each name of the reported file, and what it became.
        self.assertCodes(
            {
                "Alemania": "DE",  # Albania
                "Germany": "DE",  # Georgia
                "Reino Unido": "GB",  # Réunion
                "Estados Unidos": "US",  # Spain
                "Irlanda": "IE",  # Iran
                "Países Bajos": "NL",  # Panamá
            }
        )

    def test_unknown_names_and_prefixes_are_no_country(self):
        for text in ("Narnia", "Alem", "Reino", "Estados", "Europa", "", "  ", None):
            with self.subTest(text):
                self.assertIsNone(country_code(text))

    def test_names_in_spanish_catalan_and_english(self):
        self.assertCodes(
            {
                "Francia": "FR",
                "Portugal": "PT",
                "Alemanya": "DE",
                "Regne Unit": "GB",
                "Estats Units": "US",
                "Països Baixos": "NL",
                "United Kingdom": "GB",
                "United States": "US",
                "Netherlands": "NL",
                "Ireland": "IE",
                "Bosnia & Herzegovina": "BA",
                "Trinidad and Tobago": "TT",
                "Myanmar": "MM",
            }
        )

    def test_alpha2_codes_in_any_case(self):
        self.assertCodes({"ES": "ES", "de": "DE", " gb ": "GB", "Us": "US"})

    def test_codes_of_regions_that_are_no_country_are_unknown(self):
        for text in ("EU", "UN", "ZZ", "EZ", "Unión Europea", "Naciones Unidas"):
            with self.subTest(text):
                self.assertIsNone(country_code(text))

    def test_case_accents_punctuation_and_spacing_do_not_count(self):
        self.assertCodes(
            {
                "ESPAÑA": "ES",
                "espana": "ES",
                "España ": "ES",
                "PAISES BAJOS": "NL",
                "paises  bajos": "NL",
                "Cote d'Ivoire": "CI",
                "Côte d\u2019Ivoire": "CI",
                "Guinea Bissau": "GW",
            }
        )

    def test_usual_spanish_variants_that_babel_lacks(self):
        self.assertCodes(
            {
                "EE.UU.": "US",
                "EE. UU.": "US",
                "EEUU": "US",
                "USA": "US",
                "U.S.A.": "US",
                "UK": "GB",
                "Gran Bretaña": "GB",
                "Inglaterra": "GB",
                "Holanda": "NL",
                "ESP": "ES",
                "Espanya": "ES",
                "Islas Canarias": "ES",
                "República Checa": "CZ",
            }
        )
