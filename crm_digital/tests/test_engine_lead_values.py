# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.tests import BaseCase, tagged
from odoo.tools.translate import LazyGettext

from odoo.addons.crm_digital.engine.lead_file import LeadFileError, Row
from odoo.addons.crm_digital.engine.lead_values import (
    LeadRowConverter,
    parse_date,
    parse_employee_band,
    parse_number,
    parse_priority,
    parse_sector,
    parse_type,
    sector_key,
)

from .common import shipped_bands, shipped_sector_names

BANDS = shipped_bands()
SECTORS = shipped_sector_names()
SECTOR_KEYS = {sector_key(name): section for name, section in SECTORS.items()}


def _en(messages):
    return [message._translate("en_US") for message in messages]


@tagged("post_install", "-at_install")
class TestEngineLeadValues(BaseCase):
    def convert(self, mapping, *values, **options):
        """RowResult of one row holding ``values`` under the mapped columns."""
        converter = LeadRowConverter(
            list(mapping), mapping, **{"bands": BANDS, "sectors": SECTORS, **options}
        )
        return converter.convert(Row(2, list(values)))

    def assertValue(self, key, cell, expected):
        result = self.convert({"Empresa": "partner_name", "Dato": key}, "X", cell)
        self.assertEqual(result.errors, [], cell)
        self.assertEqual(result.values.get(key), expected, cell)

    def assertRejected(self, key, cell, message):
        """An invalid value of a column marked strict rejects the row."""
        result = self.convert(
            {"Empresa": "partner_name", "Dato": key}, "X", cell, strict=["Dato"]
        )
        self.assertEqual(_en(result.errors), [message], cell)
        self.assertNotIn(key, result.values)

    # Numbers and dates ----------------------------------------------------------

    def test_spanish_thousands_and_decimals(self):
        for text, number in [
            ("1.234,56", 1234.56),
            ("1234,56", 1234.56),
            ("12.000", 12000.0),
            ("1.234.567", 1234567.0),
            ("12,5", 12.5),
            ("12,000", 12.0),  # a lone comma is decimal in Spain
            ("0.500", 0.5),  # no thousands group starts with 0
            ("-3,5", -3.5),
        ]:
            self.assertEqual(parse_number(text), number, text)

    def test_international_numbers(self):
        for text, number in [
            ("1,234.56", 1234.56),
            ("1234.56", 1234.56),
            ("1,234,567", 1234567.0),
            ("9500.0", 9500.0),
        ]:
            self.assertEqual(parse_number(text), number, text)

    def test_currency_symbols_and_spaces_are_stripped(self):
        for text in ["1.500 €", "€1.500", "1 500 EUR", "1\u00a0500,00 €", "$1,500.00"]:
            self.assertEqual(parse_number(text), 1500.0, text)

    def test_numbers_from_spreadsheet_cells_are_taken_as_they_are(self):
        self.assertEqual(parse_number(1234.5), 1234.5)
        self.assertEqual(parse_number(12), 12.0)

    def test_what_is_no_number_is_rejected(self):
        for text in ["doce", "1.23.4", "1,234.5,6", "12.", "=1+1", "1e999", "1" * 400]:
            with self.assertRaises(ValueError, msg=text):
                parse_number(text)
        self.assertRejected(
            "expected_revenue",
            "mucho",
            'Column "Dato": "mucho" is not a number.',
        )

    def test_dates_in_spanish_and_iso_formats(self):
        for text in [
            "30/06/2026",
            "30-06-2026",
            "30.06.2026",
            "30/6/26",
            "2026-06-30",
            "2026-06-30 00:00:00",
            "30/06/2026 18:00",
        ]:
            self.assertEqual(parse_date(text), date(2026, 6, 30), text)

    def test_dates_from_spreadsheet_cells(self):
        self.assertEqual(parse_date(datetime(2026, 6, 30, 9, 0)), date(2026, 6, 30))
        self.assertEqual(parse_date(date(2026, 6, 30)), date(2026, 6, 30))
        # A date cell formatted as a number shows its Excel serial.
        self.assertEqual(parse_date(46203), date(2026, 6, 30))

    def test_impossible_date_is_rejected(self):
        self.assertRejected(
            "date_deadline",
            "31/02/2025",
            'Column "Dato": "31/02/2025" is not a valid date (write it as dd/mm/yyyy).',
        )
        for text in ["06/31/2026", "2026-13-01", "mañana", "30/06"]:
            with self.assertRaises(ValueError, msg=text):
                parse_date(text)

    def test_probability_is_a_percentage(self):
        self.assertValue("probability", "40 %", 40.0)
        self.assertValue("probability", "12,5", 12.5)
        self.assertRejected(
            "probability",
            "140",
            'Column "Dato": "140" is not a percentage between 0 and 100.',
        )

    # Contact data ---------------------------------------------------------------

    def test_invalid_email_is_kept_as_written_with_a_warning(self):
        result = self.convert(
            {"Correo": "email_from", "Empresa": "partner_name"}, "juan@", "X"
        )
        self.assertEqual(result.errors, [])
        self.assertEqual(result.values["email_from"], "juan@")
        self.assertEqual(
            _en(result.warnings),
            [
                'Column "Correo": "juan@" is not a valid email address. It is kept '
                "as written."
            ],
        )
        for text in ["juan", "juan@empresa", "ju an@x.es", "juan@@x.es", "a..b@x.es"]:
            self.assertRejected(
                "email_from",
                text,
                f'Column "Dato": "{text}" is not a valid email address.',
            )

    def test_valid_emails_are_kept_as_written(self):
        for text in [
            "Marta.Vidal@Ceramicas.es",
            "info+kit@empresa.com.es",
            "jose@españa.es",
        ]:
            self.assertValue("email_from", f"  {text} ", text)

    def test_phone_is_normalised_to_e164_with_spain_as_default(self):
        for text in ["964 52 31 40", "+34 964523140", "0034 964-52-31-40", 964523140.0]:
            self.assertValue("phone", text, "+34964523140")
        self.assertValue("mobile", "+33 1 42 68 53 00", "+33142685300")

    def test_default_phone_country_is_an_option(self):
        result = self.convert(
            {"Empresa": "partner_name", "Tel": "phone"},
            "X",
            "01 42 68 53 00",
            phone_region="FR",
        )
        self.assertEqual(result.values["phone"], "+33142685300")

    def test_impossible_phone_is_rejected(self):
        for text in ["123", "964 52 31", "600 12 34 56 78 90", "llámame"]:
            self.assertRejected(
                "phone", text, f'Column "Dato": "{text}" is not a valid phone number.'
            )

    def test_phone_starting_with_plus_is_a_phone_not_a_formula(self):
        result = self.convert(
            {"Empresa": "partner_name", "Tel": "phone"}, "X", "+34 600 123 456"
        )
        self.assertEqual(result.values["phone"], "+34600123456")
        self.assertEqual(result.warnings, [])

    def test_nif_cif_and_nie_are_checked_and_stored_like_odoo_vat(self):
        for text, vat in [
            ("B12345674", "ESB12345674"),
            ("es b-12.345.674", "ESB12345674"),
            ("ESA46332193", "ESA46332193"),
            ("12345678Z", "ES12345678Z"),
            ("X-1234567-L", "ESX1234567L"),
            ("FR 40 303 265 045", "FR40303265045"),  # another EU VAT number
        ]:
            self.assertValue("vat", text, vat)

    def test_bad_nif_checksum_is_rejected(self):
        message = (
            'Column "Dato": "%s" is not a valid NIF, CIF, NIE or EU VAT number '
            "(check its format and control character)."
        )
        for text in [
            "B12345675",
            "12345678A",
            "X1234567A",
            "FR 41 303 265 045",
            "1234",
        ]:
            self.assertRejected("vat", text, message % text)

    # Text -----------------------------------------------------------------------

    def test_whitespace_is_trimmed_and_empty_cells_are_not_set(self):
        result = self.convert(
            {
                "Empresa": "partner_name",
                "Ciudad": "city",
                "Web": "website",
                "Cargo": "function",
            },
            "  Gráficas Sol  ",
            "   ",
            "",
            None,
        )
        self.assertEqual(result.values, {"partner_name": "Gráficas Sol"})
        self.assertEqual(result.errors, [])

    def test_formula_is_kept_as_text(self):
        formula = '=HYPERLINK("http://ejemplo.invalid";"Pulse")'
        result = self.convert(
            {"Empresa": "partner_name", "Notas": "description"}, formula, "@SUM(A1)"
        )
        self.assertEqual(
            result.values, {"partner_name": formula, "description": "@SUM(A1)"}
        )
        self.assertEqual(result.errors, [])
        self.assertEqual(
            _en(result.warnings)[0],
            f'Column "Empresa": "{formula}" starts like a spreadsheet formula; it is '
            "kept as plain text and never evaluated.",
        )
        self.assertEqual(len(result.warnings), 2)

    def test_formula_in_a_number_column_is_not_evaluated(self):
        self.assertRejected(
            "expected_revenue", "=1+1", 'Column "Dato": "=1+1" is not a number.'
        )

    def test_first_and_last_name_columns_are_joined(self):
        mapping = {
            "Last Name": "contact_name",
            "First Name": "contact_name",
            "Company": "partner_name",
        }
        converter = LeadRowConverter(
            ["First Name", "Last Name", "Company"],
            {
                "First Name": "contact_name",
                "Last Name": "contact_name",
                "Company": "partner_name",
            },
        )
        result = converter.convert(Row(2, ["Marta", "Vidal Ferrer", "X"]))
        self.assertEqual(result.values["contact_name"], "Marta Vidal Ferrer")
        # The mapping order decides, not the file's.
        converter = LeadRowConverter(["First Name", "Last Name", "Company"], mapping)
        self.assertEqual(
            converter.convert(Row(2, ["Marta", "Vidal", "X"])).values["contact_name"],
            "Vidal Marta",
        )
        # An empty part leaves no stray space.
        self.assertEqual(
            converter.convert(Row(2, ["Marta", "", "X"])).values["contact_name"],
            "Marta",
        )

    def test_first_filled_column_wins_for_other_keys(self):
        result = self.convert(
            {
                "Empresa": "partner_name",
                "Email": "email_from",
                "Email trabajo": "email_from",
            },
            "X",
            "",
            "ana@elx.es",
        )
        self.assertEqual(result.values["email_from"], "ana@elx.es")

    def test_tags_are_split_and_merged_without_repeats(self):
        result = self.convert(
            {"Empresa": "partner_name", "Etiquetas": "tags", "Estado": "tags"},
            "X",
            "Kit Digital; Feria | Valencia,  ,Kit Digital",
            "Feria",
        )
        self.assertEqual(result.values["tags"], ["Kit Digital", "Feria", "Valencia"])

    def test_extra_columns_end_the_notes_with_their_names(self):
        mapping = {
            "Empresa": "partner_name",
            "Descripción": "description",
            "Facturación": "extra_notes",
            "Sector": "extra_notes",
        }
        result = self.convert(mapping, "X", "Pide demo.", "1.500.000", "")
        self.assertEqual(
            result.values["description"], "Pide demo.\nFacturación: 1.500.000"
        )
        result = self.convert(mapping, "X", "", "", "Hostelería")
        self.assertEqual(
            result.values, {"partner_name": "X", "description": "Sector: Hostelería"}
        )

    def test_odoo_state_label_loses_its_country_and_lang_codes_are_normalised(self):
        self.assertValue("state", "Valencia (ES)", "Valencia")
        self.assertValue("lang", "es-es", "es_ES")
        self.assertValue("lang", "Spanish / Español", "Spanish / Español")

    def test_spanish_zip_lost_leading_zero_is_restored(self):
        mapping = {"Empresa": "partner_name", "CP": "zip", "País": "country"}
        self.assertEqual(self.convert(mapping, "X", 8001, "").values["zip"], "08001")
        self.assertEqual(
            self.convert(mapping, "X", "3001", "España").values["zip"], "03001"
        )
        self.assertEqual(
            self.convert(mapping, "X", "1000", "Belgium").values["zip"], "1000"
        )

    # Codes --------------------------------------------------------------------

    def test_employee_count_maps_to_its_band(self):
        for cell, band in [
            (0, "0-2"),
            ("2", "0-2"),
            (3, "3-9"),
            ("49", "10-49"),
            (50.0, "50-99"),
            ("249", "100-249"),
            ("1.200", "250+"),
            ("10 \u2013 49", "10-49"),
            ("250+", "250+"),
            ("Más de 250", "250+"),
        ]:
            self.assertEqual(parse_employee_band(cell, BANDS), band, cell)
        for cell in ["muchos", "-3", "12,5", "11-50"]:
            with self.assertRaises(ValueError, msg=cell):
                parse_employee_band(cell, BANDS)

    def test_sector_from_letter_cnae_code_or_name(self):
        for cell, section in [
            ("J", "J"),
            ("i", "I"),
            ("G - Comercio", "G"),
            ("4711", "G"),
            ("62.01", "J"),
            (111, "A"),  # 0111 without its leading zero
            ("Hostelería", "I"),
            ("INFORMACIÓN Y COMUNICACIONES", "J"),
            ("Food & Beverage", "C"),
            ("COMPUTER_SOFTWARE", "J"),
        ]:
            self.assertEqual(parse_sector(cell, SECTOR_KEYS), section, cell)
        self.assertRejected(
            "sector",
            "Ñ",
            'Column "Dato": "Ñ" is not a CNAE section (A to U), a CNAE code or a '
            "sector name.",
        )

    def test_priority_from_number_stars_or_word(self):
        for cell, priority in [
            ("0", "0"),
            (3, "3"),
            (2.0, "2"),
            ("★★", "2"),
            ("***", "3"),
            ("Alta", "2"),
            ("Very High", "3"),
            ("Hot", "2"),
        ]:
            self.assertEqual(parse_priority(cell), priority, cell)
        for cell in ["4", "★★★★", "urgente"]:
            with self.assertRaises(ValueError, msg=cell):
                parse_priority(cell)

    def test_type_in_english_or_spanish(self):
        self.assertEqual(parse_type("Opportunity"), "opportunity")
        self.assertEqual(parse_type("oportunidad"), "opportunity")
        self.assertEqual(parse_type("Iniciativa"), "lead")
        self.assertRejected(
            "type",
            "cliente",
            'Column "Dato": "cliente" is not a type: write "lead" or "opportunity".',
        )

    # Rows ---------------------------------------------------------------------

    def test_all_problems_of_a_row_are_collected(self):
        mapping = {
            "Empresa": "partner_name",
            "Email": "email_from",
            "Teléfono": "phone",
            "NIF": "vat",
            "Cierre": "date_deadline",
        }
        result = self.convert(mapping, "X", "juan@", "123", "B12345675", "31/02/2025")
        # Only the tax ID rejects the row; the other values are kept.
        self.assertEqual(len(result.errors), 1)
        self.assertEqual(len(result.warnings), 3)
        self.assertEqual(
            result.values,
            {
                "partner_name": "X",
                "email_from": "juan@",
                "phone": "123",
                "description": "Cierre: 31/02/2025",
            },
        )
        self.assertTrue(all(isinstance(error, LazyGettext) for error in result.errors))
        strict = self.convert(
            mapping, "X", "juan@", "123", "", "31/02/2025", strict=["Teléfono"]
        )
        self.assertEqual(
            _en(strict.errors),
            ['Column "Teléfono": "123" is not a valid phone number.'],
        )

    def test_a_value_no_field_can_hold_goes_to_the_notes_after_them(self):
        mapping = {
            "Empresa": "partner_name",
            "Importe": "expected_revenue",
            "Notas": "description",
            "Alta": "extra_notes",
        }
        result = self.convert(mapping, "X", "mucho", "Cliente de feria", "2019")
        self.assertEqual(
            result.values["description"],
            "Cliente de feria\nImporte: mucho\nAlta: 2019",
        )
        self.assertEqual(
            _en(result.warnings),
            ['Column "Importe": "mucho" is not a number. It is kept in the notes.'],
        )

    def test_a_row_needs_one_of_name_company_contact_or_email(self):
        mapping = {"Empresa": "partner_name", "Email": "email_from", "Ciudad": "city"}
        self.assertEqual(self.convert(mapping, "", "ana@elx.es", "").errors, [])
        result = self.convert(mapping, "", "", "Elx")
        self.assertEqual(
            _en(result.errors),
            ['At least one of the columns "Empresa", "Email" needs a value.'],
        )

    def test_invalid_value_still_counts_as_given_for_the_required_check(self):
        result = self.convert({"Email": "email_from"}, "juan@")
        self.assertEqual(result.errors, [])
        self.assertEqual(result.values, {"email_from": "juan@"})

    def test_required_groups_are_configurable(self):
        mapping = {"Empresa": "partner_name", "Email": "email_from", "Tel": "phone"}
        required = [("email_from",), ("phone",)]
        result = self.convert(mapping, "X", "", "", required=required)
        self.assertEqual(
            _en(result.errors),
            [
                'At least one of the columns "Email" needs a value.',
                'At least one of the columns "Tel" needs a value.',
            ],
        )
        self.assertEqual(
            self.convert(mapping, "", "a@b.es", "600123456", required=required).errors,
            [],
        )

    def test_mapping_without_any_required_column_is_refused(self):
        with self.assertRaises(LeadFileError) as caught:
            self.convert({"Ciudad": "city"}, "Elx")
        self.assertEqual(
            caught.exception.message._translate("en_US"),
            "Map a column to Opportunity, Company Name, Contact Name or Email: every "
            "lead needs one of them.",
        )

    def test_mapping_to_a_column_missing_from_the_file_is_refused(self):
        with self.assertRaises(LeadFileError) as caught:
            LeadRowConverter(["Empresa"], {"Empresa": "partner_name", "NIF": "vat"})
        self.assertEqual(
            caught.exception.message._translate("en_US"),
            'The column "NIF" is not in the file.',
        )

    def test_mapping_matches_columns_ignoring_case_and_ignores_unmapped_ones(self):
        converter = LeadRowConverter(
            ["EMPRESA ", "Ciudad"], {"empresa": "partner_name", "Ciudad": False}
        )
        result = converter.convert(Row(2, ["Gráficas Sol", "Madrid"]))
        self.assertEqual(result.values, {"partner_name": "Gráficas Sol"})

    def test_row_longer_than_the_header_is_rejected(self):
        converter = LeadRowConverter(
            ["Empresa", "Ingreso"], {"Empresa": "partner_name"}
        )
        result = converter.convert(Row(7, ["X", "1", "234", ""]))
        self.assertEqual(
            _en(result.errors),
            [
                "The line has more values than the header has columns (2): a value "
                "probably contains the delimiter without quotes around it."
            ],
        )
        self.assertEqual(converter.convert(Row(8, ["X", "1", "", " "])).errors, [])

    def test_short_row_is_read_as_empty_cells(self):
        converter = LeadRowConverter(
            ["Empresa", "Ciudad"], {"Empresa": "partner_name", "Ciudad": "city"}
        )
        self.assertEqual(converter.convert(Row(2, ["X"])).values, {"partner_name": "X"})
