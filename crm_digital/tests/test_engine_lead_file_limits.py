# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import tracemalloc
import zipfile
from unittest.mock import patch

from odoo.tests import BaseCase, tagged

from odoo.addons.crm_digital.engine import lead_file
from odoo.addons.crm_digital.engine.lead_file import LeadFileError, read_lead_file

NS = "http://schemas.openxmlformats.org/"
PARTS = {
    "[Content_Types].xml": (
        f'<Types xmlns="{NS}package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{NS}package/2006/relationships"><Relationship '
        f'Id="rId1" Type="{NS}officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{NS}spreadsheetml/2006/main" '
        f'xmlns:r="{NS}officeDocument/2006/relationships"><sheets>'
        '<sheet name="Leads" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{NS}package/2006/relationships"><Relationship '
        f'Id="rId1" Type="{NS}officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}
HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>Nombre</t></is></c></row>'


def _cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _workbook(rows, extra_parts=()):
    """Bytes of a workbook written as Excel stores it, streamed row by row
    (``rows``: the XML of each row), as a hostile file would be made."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        for name, chunks in extra_parts:
            with archive.open(name, "w") as part:
                for chunk in chunks:
                    part.write(chunk)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                f'<worksheet xmlns="{NS}spreadsheetml/2006/main"><sheetData>'.encode()
            )
            for row in rows:
                sheet.write(row.encode())
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestEngineLeadFileLimits(BaseCase):
    """A small file cannot take the server's memory: spreadsheets are read
    as streams of the cells they hold, within limits said to the user."""

    def _read_measured(self, data):
        """The error reading ``data`` raises, and the peak memory it took."""
        tracemalloc.start()
        try:
            with self.assertRaises(LeadFileError) as caught:
                read_lead_file(data, "leads.xlsx")
            return str(caught.exception.message), tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    def test_rows_with_a_cell_in_the_last_column_are_refused_in_little_memory(self):
        # 1.5 MB of rows with one value in column A and one in XFD: openpyxl
        # pads each to 16,384 cells (about 250 KB per row read).
        rows = (
            f'<row r="{n}">{_cell(f"A{n}", "Bar Pepe")}{_cell(f"XFD{n}", "x")}</row>'
            for n in range(2, 150_000)
        )
        data = _workbook([HEADER, *rows])
        self.assertGreater(len(data), 1_000_000)
        message, peak = self._read_measured(data)
        self.assertIn("Cell XFD2 holds a value in column XFD", message)
        self.assertIn("at most 500 columns", message)
        self.assertLess(peak, 16 * 1024 * 1024)

    @patch.object(lead_file, "MAX_ROWS", 1000)
    def test_more_rows_than_the_limit_are_refused(self):
        rows = (
            f'<row r="{n}">{_cell(f"A{n}", f"Lead {n}")}</row>' for n in range(2, 1003)
        )
        with self.assertRaisesRegex(LeadFileError, "more than 1000 rows of leads"):
            read_lead_file(_workbook([HEADER, *rows]), "leads.xlsx")
        rows = (
            f'<row r="{n}">{_cell(f"A{n}", f"Lead {n}")}</row>' for n in range(2, 1002)
        )
        self.assertEqual(
            len(read_lead_file(_workbook([HEADER, *rows]), "x.xlsx").rows), 1000
        )

    def test_a_workbook_that_unpacks_to_gigabytes_is_refused_unread(self):
        strings = (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
            *(b"<si><t>" + b"A" * 1_000_000 + b"</t></si>" for _i in range(140)),
            b"</sst>",
        )
        data = _workbook([HEADER], [("xl/sharedStrings.xml", strings)])
        self.assertLess(len(data), 1_000_000)
        message, peak = self._read_measured(data)
        self.assertIn(
            "unpacks to more than 128 MB in its part xl/sharedStrings", message
        )
        self.assertLess(peak, 16 * 1024 * 1024)

    @patch.object(lead_file, "MAX_CELLS", 1000)
    def test_more_cells_than_the_limit_are_refused(self):
        # Cells are counted as read: up to each row's last value.
        rows = (
            f'<row r="{n}">{_cell(f"A{n}", "v")}{_cell(f"J{n}", "v")}</row>'
            for n in range(2, 102)
        )
        with self.assertRaisesRegex(LeadFileError, "more than 1000 cells"):
            read_lead_file(_workbook([HEADER, *rows]), "leads.xlsx")

    def test_csv_with_a_value_past_the_column_limit_is_refused(self):
        data = ("Nombre\nBar Pepe" + "," * 600 + "x\n").encode()
        with self.assertRaisesRegex(
            LeadFileError, "Line 2 holds a value in column 601"
        ):
            read_lead_file(data, "leads.csv")

    @patch.object(lead_file, "MAX_ROWS", 1000)
    def test_csv_with_more_rows_than_the_limit_is_refused(self):
        data = ("Nombre\n" + "Lead\n" * 1001).encode()
        with self.assertRaisesRegex(LeadFileError, "more than 1000 rows"):
            read_lead_file(data, "leads.csv")

    def test_a_file_over_the_size_limit_is_refused(self):
        data = b"Nombre\n" + b"Lead\n" * (lead_file.MAX_FILE_BYTES // 5 + 1)
        with self.assertRaisesRegex(LeadFileError, "at most 50 MB"):
            read_lead_file(data, "leads.csv")

    def test_empty_cells_far_right_and_down_are_no_data(self):
        # Formatted cells without a value, as Excel keeps them.
        rows = [
            HEADER,
            f'<row r="2">{_cell("A2", "Bar Pepe")}<c r="XFD2" s="1"/></row>',
            '<row r="900000"><c r="A900000" s="1"/></row>',
        ]
        parsed = read_lead_file(_workbook(rows), "leads.xlsx")
        self.assertEqual([row.values for row in parsed.rows], [["Bar Pepe"]])
