# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import io
import zipfile
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


BINARY = (
    "The file is neither CSV text nor an Excel workbook (.xlsx): it holds binary "
    "data, such as an image or a PDF. Export the leads from your spreadsheet or "
    "CRM as CSV or .xlsx and upload that file."
)
DAMAGED = (
    "The file cannot be opened as an Excel workbook (.xlsx): it is damaged, "
    "incomplete (its download was cut short) or another kind of file named "
    ".xlsx. Open it in Excel, save it again as .xlsx or CSV and upload it again."
)


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
        # Latin-1 makes the byte a control character, which goes.
        self.assertEqual(parsed.rows[0].values, ["AB"])

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
        empty = (
            "The file is empty: choose the file that holds the leads, with the "
            "column names on its first line, and upload it again."
        )
        self.assertFileError(b"", expected=empty)
        self.assertFileError(b" \r\n\n", expected=empty)
        self.assertFileError(b"\xef\xbb\xbf", expected=empty)
        self.assertFileError(b"\xff\xfe \x00\n\x00", expected=empty)
        self.assertFileError(b"\x00" * 64, "leads.csv", expected=empty)

    def test_file_with_a_header_and_no_rows_is_refused(self):
        no_rows = (
            "The file has no rows below its header: add one line per lead under "
            "the column names and upload it again."
        )
        self.assertFileError(b"Empresa;Email\r\n", expected=no_rows)
        self.assertFileError(b"Empresa;Email\n;\n\n", expected=no_rows)
        sheet = _xlsx(("Leads", [["Empresa", "Email"], [None, None]]))
        self.assertFileError(sheet, "leads.xlsx", expected=no_rows)

    def test_file_of_blank_rows_has_no_header(self):
        self.assertFileError(b";;\n;;\n", expected="The file has no header")
        empty_sheet = _xlsx(("Leads", [[None, ""]]))
        self.assertFileError(empty_sheet, "x.xlsx", expected="The file has no header")

    def test_duplicate_header_names_are_refused_ignoring_case(self):
        self.assertFileError(
            b"Email;Nombre; email \nx;y;z\n", expected='column name(s) "email"'
        )

    def test_header_names_equal_but_for_punctuation_are_one_column_twice(self):
        # Templates match "E-mail" and "Email" alike: both would fill one field.
        self.assertFileError(
            b"Email;C.P.;E-mail;CP\nx;y;z;t\n",
            expected='column name(s) "E-mail", "CP"',
        )

    def test_unclosed_quote_is_an_error_naming_the_line_it_opens_on(self):
        self.assertFileError(
            b'Nombre;Notas\nAna;"sin cerrar\nLuis;x\nPedro;y\n',
            expected='A quote (") opened on line 2 is never closed, so the rest of '
            "the file would be read as one value: close the quote or remove it, "
            "and upload the file again.",
        )

    def test_text_after_a_closing_quote_is_an_error_naming_its_line(self):
        self.assertFileError(
            b'Nombre;Notas\nAna;x\nLuis;"Bar "El Sol""\n',
            expected='Line 3 of the file is not valid CSV: a quote (") is out of '
            "place. A value holding quotes must be enclosed in quotes, each quote "
            'inside it doubled (""). Fix that line and upload the file again.',
        )

    def test_old_xls_file_is_refused_with_advice(self):
        xls = (
            "Old Excel files (.xls) are not supported: save the file as Excel "
            "workbook (.xlsx) or CSV and upload it again."
        )
        ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
        self.assertFileError(ole, "leads.xls", expected=xls)
        self.assertFileError(ole, "", expected=xls)
        self.assertFileError(b"Nombre\nAna\n", "LEADS.XLS", expected=xls)

    # Control characters and binary data ---------------------------------------

    def test_nul_and_control_characters_are_taken_out_of_csv_cells(self):
        data = (
            "Emp\x00resa;Notas\x1b\r\n"
            "Cerámicas\x00 Castellón\x7f;línea 1\x0blínea 2\x85línea 3\x9f\r\n"
            "\x00\x00;\x00\r\n"
            "Bar\tSol;fin\x1a\r\n"
        ).encode()
        parsed = read_lead_file(data, "leads.csv")
        self.assertEqual(parsed.header, ["Empresa", "Notas"])
        self.assertEqual(
            [row.values for row in parsed.rows],
            [
                ["Cerámicas Castellón", "línea 1\nlínea 2\nlínea 3"],
                ["Bar\tSol", "fin"],
            ],
        )
        self.assertEqual([row.number for row in parsed.rows], [2, 4])

    def test_file_padded_with_nul_bytes_is_read(self):
        parsed = read_lead_file(b"Nombre;Email\nAna;ana@elx.es\n" + bytes(4096))
        self.assertEqual(parsed.rows[0].values, ["Ana", "ana@elx.es"])
        self.assertEqual(len(parsed.rows), 1)

    def test_control_characters_are_taken_out_of_xlsx_cells(self):
        data = _xlsx(
            (
                "Leads",
                [
                    ["Empresa\x9f", "Notas"],
                    # Excel writes control characters as _xHHHH_ escapes.
                    ["Gráficas_x0000_ Sol\x85", "línea 1_x000D_\nlínea 2_x001B_"],
                ],
            )
        )
        parsed = read_lead_file(data, "leads.xlsx")
        self.assertEqual(parsed.header, ["Empresa", "Notas"])
        self.assertEqual(
            parsed.rows[0].values, ["Gráficas Sol\n", "línea 1\r\nlínea 2"]
        )

    def test_random_binary_data_is_refused_as_no_spreadsheet(self):
        data = b"".join(hashlib.sha256(bytes([i])).digest() for i in range(128))
        self.assertIn(b"\x00", data)
        self.assertFileError(data, "leads.csv", expected=BINARY)
        self.assertFileError(data, "", expected=BINARY)

    def test_image_is_refused_as_no_spreadsheet(self):
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
        self.assertFileError(png, "leads.png", expected=BINARY)
        self.assertFileError(png, "leads.csv", expected=BINARY)

    def test_pdf_is_refused_as_no_spreadsheet(self):
        pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        self.assertFileError(pdf, "leads.pdf", expected=BINARY)

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
        self.assertFileError(b"PK\x03\x04broken", "x.csv", expected=DAMAGED)
        self.assertFileError(b"Nombre\nAna\n", "x.xlsx", expected=DAMAGED)

    def test_truncated_xlsx_is_refused_as_damaged(self):
        data = _xlsx(("Leads", [["Empresa"], ["Gráficas Sol"]]))
        self.assertFileError(data[: len(data) // 2], "leads.xlsx", expected=DAMAGED)

    def test_zip_that_is_no_workbook_is_refused(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(
                "mimetype", "application/vnd.oasis.opendocument.spreadsheet"
            )
            archive.writestr("content.xml", "<office:document-content/>")
        self.assertFileError(
            buffer.getvalue(),
            "leads.ods",
            expected="The file is a ZIP archive or a document of another program "
            "(such as Word or LibreOffice), not an Excel workbook (.xlsx): save the "
            "leads as .xlsx or CSV and upload that file.",
        )

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
