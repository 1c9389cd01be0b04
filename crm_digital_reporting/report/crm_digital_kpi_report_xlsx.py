# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import models

from .crm_digital_kpi_report_pdf import NO_BASE

NUMBER_FORMATS = {
    "count": "#,##0",
    "percent": "0.0%",
    # Variations come in percent (25 = +25 %): written as ratios.
    "change": "0.0%",
    "days": "#,##0.0",
    "hours": "#,##0.0",
}
# The heading rows above each sheet's table.
HEADING_ROWS = 7


class ReportCrmDigitalKpiXlsx(models.AbstractModel):
    """The commercial reports as a spreadsheet: the same tables as the PDF,
    one sheet each, figures as numbers with their format."""

    _name = "report.crm_digital_reporting.report_kpi_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Commercial Report (Spreadsheet)"

    def generate_xlsx_report(self, workbook, data, objs):
        Report = self.env["report.crm_digital_reporting.report_kpi"]
        for wizard in objs:
            report = Report._crm_digital_report_data(wizard)
            formats = self._crm_digital_formats(workbook, report["currency"])
            for table in report["tables"]:
                name = re.sub(r"[\[\]:*?/\\]", " ", table["title"])[:31]
                sheet = workbook.add_worksheet(name)
                sheet.set_column(0, 0, 32)
                sheet.set_column(1, len(table["headers"]), 16)
                self._crm_digital_heading(sheet, report, formats)
                for col, header in enumerate(table["headers"]):
                    sheet.write_string(HEADING_ROWS, col, header, formats["header"])
                for row, line in enumerate(table["rows"], start=HEADING_ROWS + 1):
                    for col, cell in enumerate(line["cells"]):
                        self._crm_digital_write(
                            sheet, row, col, cell, formats, line["total"]
                        )

    def _crm_digital_heading(self, sheet, report, formats):
        current, previous, before = report["columns"]
        lines = [
            (report["name"], current["label"], ""),
            (self.env._("Period"), current["label"], current["dates"]),
            (self.env._("Previous Period"), previous["label"], previous["dates"]),
            (self.env._("A Year Before"), before["label"], before["dates"]),
            (self.env._("Profile"), report["profile"], ""),
            (self.env._("Printed By"), report["printed_by"], report["printed_on"]),
        ]
        for row, texts in enumerate(lines):
            for col, text in enumerate(texts):
                style = formats["title"] if not row else formats["text", False]
                sheet.write_string(row, col, text, style)

    def _crm_digital_write(self, sheet, row, col, cell, formats, bold):
        value, unit = cell["value"], cell["unit"]
        if unit == "text" or value is None:
            # Always as text: a name starting with "=", "+", "-" or "@" must
            # not become a formula in the customer's spreadsheet.
            text = NO_BASE if value is None else str(value)
            sheet.write_string(row, col, text, formats["text", bold])
            return
        if unit == "change":
            value /= 100
        sheet.write_number(row, col, value, formats[unit, cell["signed"], bold])

    def _crm_digital_formats(self, workbook, currency):
        """{(unit, signed, bold): format}, plus "title", "header" and
        ("text", bold)."""
        symbol = currency["symbol"].replace('"', "")
        amount = "#,##0" + (
            "." + "0" * currency["digits"] if currency["digits"] else ""
        )
        if currency["position"] == "before":
            amount = f'"{symbol}" {amount}'
        else:
            amount = f'{amount} "{symbol}"'
        numbers = {**NUMBER_FORMATS, "amount": amount, "amount_per_day": amount}
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format({"bold": True, "bottom": 1}),
        }
        for bold in (False, True):
            formats["text", bold] = workbook.add_format({"bold": bold})
            for unit, number in numbers.items():
                formats[unit, False, bold] = workbook.add_format(
                    {"num_format": number, "bold": bold}
                )
                formats[unit, True, bold] = workbook.add_format(
                    {"num_format": f"+{number};-{number};{number}", "bold": bold}
                )
        return formats
