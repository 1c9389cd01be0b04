# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from pathlib import Path

from odoo.tests import BaseCase, tagged

from odoo.addons.crm_digital.engine.lead_duplicates import find_duplicates
from odoo.addons.crm_digital.engine.lead_file import column_key, read_lead_file
from odoo.addons.crm_digital.engine.lead_templates import (
    TEMPLATES,
    guess_template,
    match_columns,
)
from odoo.addons.crm_digital.engine.lead_values import TARGETS, convert_rows

from .common import shipped_bands, shipped_sector_names

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "static" / "import_samples"
SAMPLES = {
    "odoo_leads.csv": "odoo",
    "salesforce_leads.csv": "salesforce",
    "hubspot_contacts.csv": "hubspot",
    "pipedrive_persons.csv": "pipedrive",
    "zoho_leads.csv": "zoho",
    "plantilla_leads.xlsx": "crm_digital",
    "plantilla_leads_errores.csv": "crm_digital",
}
ERROR_SAMPLE = "plantilla_leads_errores.csv"


def _read(name):
    return read_lead_file((SAMPLES_DIR / name).read_bytes(), name)


def _import(name):
    parsed = _read(name)
    return convert_rows(
        parsed,
        template_mapping(SAMPLES[name], parsed.header),
        bands=shipped_bands(),
        sectors=shipped_sector_names(),
    )


def template_mapping(code, header):
    return match_columns(TEMPLATES[code]["columns"].items(), header)


def guess_ready_template(header):
    """Among the ready templates, as the database holds them (by code)."""
    return guess_template(
        header, ((code, t["columns"].items()) for code, t in TEMPLATES.items())
    )


def _csv(header, *rows):
    lines = [";".join(header), *(";".join(row) for row in rows)]
    return read_lead_file("\r\n".join(lines).encode(), "leads.csv")


@tagged("post_install", "-at_install")
class TestEngineLeadTemplates(BaseCase):
    def test_every_template_has_a_name_and_maps_to_known_targets(self):
        for code, template in TEMPLATES.items():
            self.assertTrue(template["name"], code)
            self.assertLessEqual(set(template["columns"].values()), set(TARGETS), code)

    def test_no_two_columns_of_a_template_are_one_name(self):
        # Else one column of a file would match two and fill two fields.
        for code, template in TEMPLATES.items():
            keys = [column_key(column) for column in template["columns"]]
            repeated = {key for key in keys if keys.count(key) > 1}
            self.assertEqual(repeated, set(), code)

    def test_every_sample_file_maps_every_column_of_its_template(self):
        for name, code in SAMPLES.items():
            header = _read(name).header
            mapping = template_mapping(code, header)
            self.assertEqual(list(mapping), header, name)
            targets = set(TEMPLATES[code]["columns"].values())
            self.assertEqual(set(mapping.values()), targets, name)

    def test_every_sample_file_is_recognised_as_its_template(self):
        for name, code in SAMPLES.items():
            self.assertEqual(guess_ready_template(_read(name).header), code, name)

    def test_unrelated_header_is_not_recognised(self):
        self.assertIsNone(guess_ready_template(["Email", "Matrícula", "Color"]))

    def test_header_matching_ignores_case_accents_and_spaces(self):
        header = [" TELÉFONO ", "empresa", "Teléfono 2", "Otra"]
        self.assertEqual(
            template_mapping("crm_digital", header),
            {"empresa": "partner_name", " TELÉFONO ": "phone"},
        )

    def test_header_matching_ignores_punctuation_and_inner_spaces(self):
        header = ["CP", "E-mail", "Codi  postal", "Tel", "N.I.F.", "Razon-social"]
        self.assertEqual(
            template_mapping("crm_digital", header),
            {
                "Razon-social": "partner_name",
                "E-mail": "email_from",
                "Tel": "phone",
                "N.I.F.": "vat",
                "CP": "zip",
                "Codi  postal": "zip",
            },
        )

    def test_spanish_file_is_recognised_and_mapped(self):
        parsed = _csv(
            [
                "Empresa",
                "Nombre",
                "Apellidos",
                "Correo electrónico",
                "Teléfono",
                "NIF",
                "Provincia",
                "Código postal",
                "Importe previsto",
                "Fecha de alta",
                "Origen",
                "Notas",
            ],
            [
                "Cerámicas Castellón, S.L.",
                "Marta",
                "García Puig",
                "marta@ceramicas.es",
                "964 000 111",
                "B12548731",
                "Castellón",
                "12540",
                "9.500,00",
                "02/03/2026",
                "Feria",
                "Quiere una web",
            ],
        )
        self.assertEqual(guess_ready_template(parsed.header), "crm_digital")
        mapping = template_mapping("crm_digital", parsed.header)
        self.assertEqual(
            mapping,
            {
                "Empresa": "partner_name",
                "Nombre": "contact_name",
                "Apellidos": "contact_name",
                "Correo electrónico": "email_from",
                "Teléfono": "phone",
                "NIF": "vat",
                "Provincia": "state",
                "Código postal": "zip",
                "Importe previsto": "expected_revenue",
                "Origen": "source",
                "Notas": "description",
            },
        )
        [result] = convert_rows(parsed, mapping)
        self.assertEqual(result.errors, [])
        self.assertEqual(result.values["contact_name"], "Marta García Puig")
        self.assertEqual(result.values["expected_revenue"], 9500.0)

    def test_catalan_file_is_recognised_and_mapped(self):
        header = [
            "Raó social",
            "Nom",
            "Cognoms",
            "Correu electrònic",
            "Telèfon",
            "Mòbil",
            "Adreça",
            "Codi postal",
            "Població",
            "Província",
            "País",
            "Observacions",
        ]
        self.assertEqual(guess_ready_template(header), "crm_digital")
        self.assertEqual(
            list(template_mapping("crm_digital", header).items()),
            [
                ("Raó social", "partner_name"),
                ("Nom", "contact_name"),
                ("Cognoms", "contact_name"),
                ("Correu electrònic", "email_from"),
                ("Telèfon", "phone"),
                ("Mòbil", "mobile"),
                ("Adreça", "street"),
                ("Codi postal", "zip"),
                ("Població", "city"),
                ("Província", "state"),
                ("País", "country"),
                ("Observacions", "description"),
            ],
        )

    def test_plain_english_spreadsheet_is_recognised_as_ours_and_mapped(self):
        header = [
            "Company",
            "First Name",
            "Last Name",
            "E-mail",
            "Phone",
            "Mobile",
            "Address",
            "Postal code",
            "City",
            "Country",
            "Comments",
        ]
        self.assertEqual(guess_ready_template(header), "crm_digital")
        self.assertEqual(
            template_mapping("crm_digital", header),
            {
                "Company": "partner_name",
                "First Name": "contact_name",
                "Last Name": "contact_name",
                "E-mail": "email_from",
                "Phone": "phone",
                "Mobile": "mobile",
                "Address": "street",
                "Postal code": "zip",
                "City": "city",
                "Country": "country",
                "Comments": "description",
            },
        )

    def test_every_clean_sample_row_imports_without_a_problem(self):
        for name in SAMPLES.keys() - {ERROR_SAMPLE}:
            results = _import(name)
            self.assertTrue(5 <= len(results) <= 12, name)
            for result in results:
                self.assertEqual(result.errors, [], (name, result.row.number))
                self.assertEqual(result.warnings, [], (name, result.row.number))

    def test_first_and_last_names_join_into_the_contact_name(self):
        for name in ["salesforce_leads.csv", "hubspot_contacts.csv", "zoho_leads.csv"]:
            contact = _import(name)[0].values["contact_name"]
            self.assertEqual(len(contact.split()), 3, name)

    def test_company_revenue_of_other_crms_goes_to_the_notes(self):
        values = _import("salesforce_leads.csv")[0].values
        self.assertNotIn("expected_revenue", values)
        self.assertIn("\nAnnual Revenue: ", values["description"])

    def test_excel_template_gives_real_dates_numbers_and_checked_tax_ids(self):
        values = _import("plantilla_leads.xlsx")[0].values
        self.assertEqual(values["date_deadline"], date(2026, 6, 30))
        self.assertEqual(values["expected_revenue"], 9500.0)
        self.assertEqual(values["vat"], "ESB12548731")
        self.assertEqual(values["zip"], "12540")

    def test_error_sample_is_a_spanish_windows_file(self):
        parsed = _read(ERROR_SAMPLE)
        self.assertEqual((parsed.encoding, parsed.delimiter), ("cp1252", ";"))
        values = _import(ERROR_SAMPLE)[0].values
        self.assertEqual(values["partner_name"], "Cerámicas Castellón, S.L.")
        self.assertEqual(values["expected_revenue"], 12000.0)

    def test_error_sample_has_one_distinct_problem_per_row(self):
        results = _import(ERROR_SAMPLE)
        problems = {
            result.row.number: [
                message._translate("en_US")
                for message in result.errors + result.warnings
            ]
            for result in results
        }
        expected = {
            4: "is not a valid email address",
            5: "is not a valid NIF, CIF, NIE or EU VAT number",
            6: "is not a valid phone number",
            7: '"31/02/2025" is not a valid date',
            8: "starts like a spreadsheet formula",
            9: "At least one of the columns",
        }
        for number, messages in problems.items():
            if number in expected:
                self.assertEqual(len(messages), 1, number)
                self.assertIn(expected[number], messages[0], number)
            else:
                self.assertEqual(messages, [], number)
        # The formula is a warning: the row imports with the text as written.
        self.assertTrue(results[6].values["partner_name"].startswith("=HYPERLINK("))
        self.assertEqual(results[6].errors, [])
        # Line 10 is the company of line 2 again (same NIF, name spelt otherwise).
        duplicates = find_duplicates([result.values for result in results], {})
        earlier = {index: found.earlier for index, found in enumerate(duplicates)}
        self.assertEqual([i for i, match in earlier.items() if match], [8])
        self.assertEqual(earlier[8].target, 0)
