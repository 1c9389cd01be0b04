# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date, datetime

import openpyxl

from odoo.tests import BaseCase, tagged

from odoo.addons.crm_digital.engine.lead_file import (
    REJECTION_COLUMN,
    LeadFileError,
    read_lead_file,
    write_rejections,
)


def _xlsx(*sheets):
    """Bytes of a workbook; each sheet is (title, rows)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows():
            for cell in cells:
                # Text typed in Excel, not a formula openpyxl would write.
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestEngineLeadFile(BaseCase):
    def assertFileError(self, data, file_name="", expected="", **options):
        with self.assertRaises(LeadFileError) as caught:
            read_lead_file(data, file_name, **options)
        self.assertIn(expected, caught.exception.message._translate("en_US"))

    # CSV -----------------------------------------------------------------------

    def test_utf8_comma_file_is_read_with_line_numbers(self):
        parsed = read_lead_file(
            "Empresa,Email\nCerámicas Castellón,marta@ceramicas.es\n".encode(),
            "leads.csv",
        )
        self.assertEqual(parsed.kind, "csv")
        self.assertEqual((parsed.encoding, parsed.delimiter), ("utf-8", ","))
        self.assertEqual(parsed.header, ["Empresa", "Email"])
        self.assertEqual(parsed.rows[0].number, 2)
        self.assertEqual(
            parsed.rows[0].values, ["Cerámicas Castellón", "marta@ceramicas.es"]
        )

    def test_bom_is_detected_and_not_part_of_the_first_column(self):
        parsed = read_lead_file("\ufeffNombre;Ciudad\nJosé;Alcoi\n".encode())
        self.assertEqual(parsed.encoding, "utf-8-sig")
        self.assertEqual(parsed.header, ["Nombre", "Ciudad"])

    def test_semicolon_latin1_file_is_read_with_accents(self):
        data = "Empresa;Ingreso\nPanadería Muñoz;1.234,56 €\n".encode("cp1252")
        parsed = read_lead_file(data, "leads.csv")
        self.assertEqual((parsed.encoding, parsed.delimiter), ("cp1252", ";"))
        self.assertEqual(parsed.rows[0].values, ["Panadería Muñoz", "1.234,56 €"])

    def test_bytes_undefined_in_windows_1252_still_decode_as_latin1(self):
        parsed = read_lead_file(b"Nombre\nA\x81B\n")
        self.assertEqual(parsed.encoding, "latin-1")
        self.assertEqual(parsed.rows[0].values, ["A\x81B"])

    def test_tab_delimited_file_is_detected(self):
        parsed = read_lead_file(b"Nombre\tCiudad\tPais\nAna\tElx\tES\n")
        self.assertEqual(parsed.delimiter, "\t")
        self.assertEqual(parsed.rows[0].values, ["Ana", "Elx", "ES"])

    def test_spanish_decimal_commas_do_not_fool_the_delimiter_detection(self):
        data = b"Empresa;Ingreso;Probabilidad\nA;1.234,56;30\nB;2.000,00;40\n"
        self.assertEqual(read_lead_file(data).delimiter, ";")

    def test_single_column_file_is_read(self):
        parsed = read_lead_file(b"Email\nana@elx.es\nluis@alcoi.es\n")
        self.assertEqual(parsed.header, ["Email"])
        self.assertEqual(len(parsed.rows), 2)

    def test_quoted_fields_keep_newlines_and_delimiters(self):
        data = (
            'Empresa;Notas;Ciudad\r\n"Bar; Café";"línea 1\r\nlínea 2";Elx\r\n'
            '"Dicho ""Hola""";x;Alcoi\r\n'
        ).encode()
        parsed = read_lead_file(data)
        self.assertEqual(
            parsed.rows[0].values, ["Bar; Café", "línea 1\r\nlínea 2", "Elx"]
        )
        self.assertEqual(parsed.rows[1].values, ['Dicho "Hola"', "x", "Alcoi"])
        # The row after a two-line value starts on line 4 of the file.
        self.assertEqual([row.number for row in parsed.rows], [2, 4])

    def test_blank_lines_are_skipped_but_line_numbers_stay_true(self):
        parsed = read_lead_file(
            b"\n\nNombre,Ciudad\n\nAna,Elx\n,\n  ,  \nLuis,Alcoi\n\n"
        )
        self.assertEqual(parsed.header, ["Nombre", "Ciudad"])
        self.assertEqual([row.number for row in parsed.rows], [5, 8])

    def test_caller_overrides_encoding_and_delimiter(self):
        data = "Nombre|Ciudad;Provincia\nJosé|Elx;Alicante\n".encode("cp1252")
        parsed = read_lead_file(data, encoding="latin-1", delimiter="|")
        self.assertEqual(parsed.header, ["Nombre", "Ciudad;Provincia"])
        self.assertEqual(parsed.rows[0].values, ["José", "Elx;Alicante"])
        self.assertEqual(parsed.encoding, "iso8859-1")

    def test_encoding_that_cannot_decode_the_file_is_a_clear_error(self):
        data = "Nombre\nJosé\n".encode("cp1252")
        self.assertFileError(data, encoding="utf-8", expected="as utf-8 text")
        self.assertFileError(data, encoding="klingon", expected="as klingon text")

    def test_empty_file_is_refused(self):
        self.assertFileError(b"", expected="The file is empty.")
        self.assertFileError(b" \r\n\n", expected="The file is empty.")
        self.assertFileError(b"\xef\xbb\xbf", expected="The file is empty.")

    def test_file_of_blank_rows_has_no_header(self):
        self.assertFileError(b";;\n;;\n", expected="The file has no header")
        empty_sheet = _xlsx(("Leads", [[None, ""]]))
        self.assertFileError(empty_sheet, "x.xlsx", expected="The file has no header")

    def test_duplicate_header_names_are_refused_ignoring_case(self):
        self.assertFileError(
            b"Email;Nombre; email \nx;y;z\n", expected='column name(s) "email"'
        )

    def test_unclosed_quote_is_a_clear_error(self):
        self.assertFileError(
            b'Nombre;Notas\nAna;"sin cerrar\nLuis;x\n', expected="near line 3"
        )

    def test_old_xls_file_is_refused_with_advice(self):
        self.assertFileError(b"\xd0\xcf\x11\xe0rest", "a.xls", expected=".xlsx")

    # XLSX ----------------------------------------------------------------------

    def test_xlsx_first_sheet_is_read_with_real_dates(self):
        data = _xlsx(
            (
                "Leads",
                [
                    ["Empresa", "Cierre", "Empleados"],
                    [],
                    ["Gráficas Sol", datetime(2026, 6, 30), 9],
                ],
            ),
            ("Otra", [["X"], ["y"]]),
        )
        parsed = read_lead_file(data, "leads.xlsx")
        self.assertEqual((parsed.kind, parsed.sheet), ("xlsx", "Leads"))
        self.assertEqual(parsed.header, ["Empresa", "Cierre", "Empleados"])
        self.assertEqual(parsed.rows[0].number, 3)
        self.assertEqual(parsed.rows[0].values, ["Gráficas Sol", date(2026, 6, 30), 9])

    def test_xlsx_sheet_is_picked_by_name(self):
        data = _xlsx(("Leads", [["A"], ["1"]]), ("Otra", [["X"], ["y"]]))
        self.assertEqual(read_lead_file(data, sheet="Otra").rows[0].values, ["y"])
        self.assertFileError(data, sheet="Nope", expected="its sheets are: Leads, Otra")

    def test_xlsx_keeps_a_datetime_with_its_time(self):
        data = _xlsx(("S", [["Cuándo"], [datetime(2026, 1, 2, 10, 30)]]))
        self.assertEqual(
            read_lead_file(data).rows[0].values, [datetime(2026, 1, 2, 10, 30)]
        )

    def test_unreadable_xlsx_is_a_clear_error(self):
        self.assertFileError(b"PK\x03\x04broken", "x.csv", expected="Excel workbook")
        self.assertFileError(b"Nombre\nAna\n", "x.xlsx", expected="Excel workbook")

    # Rejections ----------------------------------------------------------------

    def test_rejection_file_keeps_encoding_and_delimiter(self):
        data = "Empresa;Email\nPanadería;mal@\nBien;ok@x.es\n".encode("cp1252")
        parsed = read_lead_file(data)
        output = write_rejections(parsed, parsed.rows[:1], ["Email no válido"])
        self.assertEqual(
            output.decode("cp1252"),
            f"Empresa;Email;{REJECTION_COLUMN}\r\nPanadería;mal@;Email no válido\r\n",
        )
        again = read_lead_file(output)
        self.assertEqual((again.encoding, again.delimiter), ("cp1252", ";"))

    def test_rejection_file_keeps_the_bom_and_quotes_what_needs_it(self):
        parsed = read_lead_file('\ufeffNombre,Notas\nJosé,"a, b\nc"\n'.encode())
        output = write_rejections(parsed, parsed.rows, ["Motivo"])
        self.assertTrue(output.startswith(b"\xef\xbb\xbfNombre,Notas,"))
        self.assertEqual(
            read_lead_file(output).rows[0].values, ["José", "a, b\nc", "Motivo"]
        )

    def test_rejection_file_pads_short_rows_and_keeps_extra_values(self):
        parsed = read_lead_file(b"A;B;C\n1\n1;2;3;4\n")
        output = write_rejections(parsed, parsed.rows, ["corta", "larga"])
        self.assertEqual(
            output.decode().splitlines(),
            [f"A;B;C;;{REJECTION_COLUMN}", "1;;;;corta", "1;2;3;4;larga"],
        )

    def test_rejection_xlsx_keeps_formulas_as_text_and_dates_as_dates(self):
        formula = '=HYPERLINK("http://ejemplo.invalid","Pulse")'
        data = _xlsx(("Leads", [["Empresa", "Cierre"], [formula, date(2026, 6, 30)]]))
        parsed = read_lead_file(data, "x.xlsx")
        output = write_rejections(parsed, parsed.rows, ["Fórmula"])
        sheet = openpyxl.load_workbook(io.BytesIO(output)).active
        self.assertEqual(sheet.title, "Leads")
        self.assertEqual(sheet["A2"].data_type, "s")
        self.assertEqual(sheet["A2"].value, formula)
        self.assertEqual(sheet["B2"].value, datetime(2026, 6, 30))
        self.assertEqual(sheet["C1"].value, REJECTION_COLUMN)
        self.assertEqual(sheet["C2"].value, "Fórmula")
