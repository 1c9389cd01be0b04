# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, tagged

from odoo.addons.crm_digital.engine.lead_duplicates import (
    Match,
    collect_keys,
    company_key,
    email_key,
    find_duplicates,
    index_records,
    lead_keys,
    phone_key,
    vat_key,
)


@tagged("post_install", "-at_install")
class TestEngineLeadDuplicates(BaseCase):
    def test_email_key_ignores_case_spaces_and_display_name(self):
        self.assertEqual(
            email_key("  Marta.Vidal@Ceramicas.ES "), "marta.vidal@ceramicas.es"
        )
        self.assertEqual(email_key("Marta <Marta@ceramicas.es>"), "marta@ceramicas.es")
        self.assertIsNone(email_key(""))
        self.assertIsNone(email_key(False))

    def test_phone_key_is_e164(self):
        for phone in ["964 52 31 40", "+34964523140", "0034 964-523-140"]:
            self.assertEqual(phone_key(phone), "+34964523140", phone)
        self.assertIsNone(phone_key("123"))
        self.assertIsNone(phone_key(None))

    def test_vat_key_ignores_es_prefix_and_separators(self):
        for vat in ["ESB12345674", "B-12345674", "es b 12.345.674"]:
            self.assertEqual(vat_key(vat), "B12345674", vat)
        self.assertEqual(vat_key("FR40303265045"), "FR40303265045")
        self.assertIsNone(vat_key(""))

    def test_company_names_match_despite_legal_form_accents_and_punctuation(self):
        for name in [
            "Cerámicas Castellón, S.L.",
            "CERAMICAS CASTELLON SL",
            "Cerámicas  Castellón S.L.U.",
            "ceramicas castellon, sociedad limitada",
            "Cerámicas-Castellón S. L.",
            "Cerámicas Castellón SA",
            "Cerámicas Castellón, Sociedad Anónima",
        ]:
            self.assertEqual(company_key(name), "ceramicas castellon", name)
        self.assertEqual(company_key("Frutas Levante, S. Coop. V."), "frutas levante")
        self.assertEqual(company_key("Hermanos Ruiz S.L.L."), "hermanos ruiz")

    def test_company_names_that_differ_do_not_match(self):
        self.assertNotEqual(
            company_key("Cerámicas Castellón"), company_key("Cerámicas Onda")
        )
        # "SA" only goes as a legal form at the end, not inside a name.
        self.assertEqual(company_key("Sa Pobla Viajes SL"), "sa pobla viajes")

    def test_name_that_is_only_a_legal_form_is_kept(self):
        self.assertEqual(company_key("S.L."), "s l")
        self.assertIsNone(company_key("  ,. "))

    def test_lead_keys_strongest_first_and_phones_both_count(self):
        values = {
            "partner_name": "Gráficas Sol, S.L.",
            "email_from": "Sergio@GraficasSol.es",
            "phone": "+34914672310",
            "mobile": "644 55 66 77",
            "vat": "ESB28765435",
        }
        self.assertEqual(
            lead_keys(values),
            [
                ("email", "sergio@graficassol.es"),
                ("phone", "+34914672310"),
                ("phone", "+34644556677"),
                ("vat", "B28765435"),
                ("company", "graficas sol"),
            ],
        )
        values["contact_name"] = "Sergio  Martínez"
        self.assertIn(("person", "sergio martinez@graficas sol"), lead_keys(values))

    def test_row_duplicating_an_existing_record_reports_record_and_key(self):
        existing = index_records(
            [
                (7, {"email_from": "ana@elx.es", "partner_name": "Panadería Ana"}),
                (9, {"vat": "B03124567", "partner_name": "Otra"}),
            ]
        )
        rows = [
            {"email_from": "ANA@elx.es"},
            {"partner_name": "PANADERIA ANA S.L."},
            {"vat": "ESB03124567", "email_from": "ana@elx.es"},
            {"email_from": "nuevo@elx.es", "partner_name": "Nueva"},
        ]
        found = [duplicate.existing for duplicate in find_duplicates(rows, existing)]
        self.assertEqual(
            found,
            [
                Match("email", "ana@elx.es", 7),
                # Ana's lead is a person's: the company alone is not the lead.
                Match("company", "panaderia ana", 7, same_lead=False),
                # The email names the person; the tax ID only her company.
                Match("email", "ana@elx.es", 7),
                None,
            ],
        )

    def test_row_duplicating_an_earlier_row_of_the_file_points_to_it(self):
        rows = [
            {"partner_name": "Cerámicas Castellón, S.L.", "phone": "+34964523140"},
            {"partner_name": "Talleres Ruiz"},
            {"partner_name": "Otra", "mobile": "964 52 31 40"},
            {"partner_name": "CERAMICAS CASTELLON SL"},
        ]
        found = [duplicate.earlier for duplicate in find_duplicates(rows, {})]
        self.assertEqual(
            found,
            [
                None,
                None,
                Match("phone", "+34964523140", 0),
                Match("company", "ceramicas castellon", 0),
            ],
        )

    def test_checked_kinds_can_be_restricted(self):
        rows = [{"partner_name": "Gráficas Sol"}, {"partner_name": "Graficas Sol SL"}]
        existing = index_records([(3, {"partner_name": "Gráficas Sol"})])
        duplicates = find_duplicates(rows, existing, kinds=("vat", "email"))
        self.assertEqual(duplicates[1].earlier, None)
        self.assertEqual(duplicates[0].existing, None)

    def test_keys_of_a_file_are_collected_for_batched_lookups(self):
        keys = collect_keys(
            [
                {"email_from": "a@x.es", "phone": "600123456"},
                {"email_from": "A@X.ES", "vat": "ESB12345674"},
            ]
        )
        self.assertEqual(keys["email"], {"a@x.es"})
        self.assertEqual(keys["phone"], {"+34600123456"})
        self.assertEqual(keys["vat"], {"B12345674"})
        self.assertEqual(keys["company"], set())

    def test_first_existing_record_keeps_a_shared_key(self):
        existing = index_records(
            [(4, {"email_from": "a@x.es"}), (5, {"email_from": "a@x.es"})]
        )
        self.assertEqual(existing["email"], {"a@x.es": (4, (None, "a@x.es"))})

    def test_people_of_one_company_are_different_leads(self):
        rows = [
            {"partner_name": "Gráficas Sol", "contact_name": "Ana Ruiz"},
            {"partner_name": "Graficas Sol SL", "contact_name": "Luis Gil"},
            {"partner_name": "Gráficas Sol", "email_from": "eva@sol.es"},
            {
                "vat": "B28765435",
                "partner_name": "Gráficas Sol",
                "email_from": "x@s.es",
            },
        ]
        for duplicate in find_duplicates(rows, {})[1:]:
            self.assertFalse(duplicate.earlier.same_lead)
            self.assertEqual(duplicate.earlier.kind, "company")

    def test_a_person_at_a_company_is_found_again_by_name(self):
        existing = index_records(
            [(5, {"partner_name": "Gráficas Sol, S.L.", "contact_name": "Ana Ruiz"})]
        )
        rows = [
            {"partner_name": "GRAFICAS SOL", "contact_name": "ana ruiz"},
            {"partner_name": "Otra", "contact_name": "Ana Ruiz"},
        ]
        found = [duplicate.existing for duplicate in find_duplicates(rows, existing)]
        self.assertEqual(found, [Match("person", "ana ruiz@graficas sol", 5), None])

    def test_a_phone_two_named_people_share_is_no_duplicate(self):
        rows = [
            {"contact_name": "Ana Ruiz", "phone": "964523140"},
            {"contact_name": "Luis Gil", "phone": "+34 964 52 31 40"},
            {"partner_name": "Recepción", "phone": "964523140"},
        ]
        found = [duplicate.earlier for duplicate in find_duplicates(rows, {})]
        self.assertEqual(found, [None, None, Match("phone", "+34964523140", 0)])

    def test_a_company_record_matches_a_company_row_before_its_people(self):
        existing = index_records(
            [
                (1, {"partner_name": "Gráficas Sol", "contact_name": "Ana Ruiz"}),
                (2, {"partner_name": "Gráficas Sol"}),
            ]
        )
        found = find_duplicates([{"partner_name": "Graficas Sol"}], existing)
        self.assertEqual(found[0].existing, Match("company", "graficas sol", 2))

    def test_a_company_address_names_no_person(self):
        existing = index_records(
            [(3, {"partner_name": "Acme SL", "email_from": "info@acme.es"})],
            companies={3},
        )
        found = find_duplicates([{"partner_name": "Acme, S.L."}], existing)
        self.assertEqual(found[0].existing, Match("company", "acme", 3))
