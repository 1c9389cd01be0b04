# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Read an uploaded lead file (CSV or XLSX) into a header and rows, and write
the rejected rows back in the same format."""

import codecs
import csv
import io
import re
import unicodedata
from datetime import datetime, time
from typing import Any, NamedTuple

import openpyxl
from openpyxl.cell import WriteOnlyCell

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

REJECTION_COLUMN = "Motivo del rechazo / Rejection reason"
DELIMITERS = ",;\t"
# Enough lines for csv.Sniffer to see the pattern, small enough to stay fast.
_SNIFF_SIZE = 32 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_SPACES = re.compile(r"\s+")


class LeadFileError(Exception):
    """A problem with the file or its mapping that the user has to fix.

    ``message`` is a lazy translation: render it with ``env._(error.message)``.
    """

    @property
    def message(self):
        return self.args[0]


class Row(NamedTuple):
    """One record of the file: its 1-based line (CSV) or row (XLSX) number and
    its original values, in file order."""

    number: int
    values: list[Any]


class LeadFile(NamedTuple):
    kind: str  # 'csv' or 'xlsx'
    header: list[str]
    rows: list[Row]
    encoding: str | None = None  # CSV only; 'utf-8-sig' when it had a BOM
    delimiter: str | None = None  # CSV only
    sheet: str | None = None  # XLSX only


def header_key(name):
    """How column names are compared: case, accents and spacing do not count."""
    text = unicodedata.normalize("NFKD", str(name).strip().casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _SPACES.sub(" ", text)


def read_lead_file(data, file_name="", *, encoding=None, delimiter=None, sheet=None):
    """Parse ``data`` (bytes) into a :class:`LeadFile`.

    ``encoding`` and ``delimiter`` override the detection for CSV files,
    ``sheet`` picks an XLSX sheet by name (default: the first one).
    """
    if not data or not data.strip():
        raise LeadFileError(_lt("The file is empty."))
    kind = _file_kind(data, file_name)
    if kind == "xlsx":
        return _read_xlsx(data, sheet)
    return _read_csv(data, encoding, delimiter)


def _file_kind(data, file_name):
    name = (file_name or "").lower()
    if data.startswith(_OLE_MAGIC) or name.endswith(".xls"):
        raise LeadFileError(
            _lt(
                "Old Excel files (.xls) are not supported: save the file as "
                "Excel workbook (.xlsx) or CSV and upload it again."
            )
        )
    if data.startswith(_ZIP_MAGIC) or name.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    return "csv"


# CSV ------------------------------------------------------------------------


def _read_csv(data, encoding, delimiter):
    text, encoding = _decode(data, encoding)
    if not text.strip():
        raise LeadFileError(_lt("The file is empty."))
    delimiter = delimiter or detect_delimiter(text)
    # strict: a quote left open is an error, not a field swallowing the file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header, rows = None, []
    number = 1
    try:
        for values in reader:
            start, number = number, reader.line_num + 1
            if not "".join(values).strip():
                continue
            if header is None:
                header = _check_header(values)
            else:
                rows.append(Row(start, values))
    except csv.Error as error:
        raise LeadFileError(
            _lt(
                "The file is not valid CSV near line %(line)s: %(error)s. Check the "
                "quotes around that line.",
                line=reader.line_num,
                error=str(error),
            )
        ) from error
    _check_found(header)
    return LeadFile("csv", header, rows, encoding=encoding, delimiter=delimiter)


def _decode(data, encoding):
    """Text and encoding of ``data``: the given encoding, else by BOM, else
    UTF-8 if it decodes strictly, else Windows-1252 (else Latin-1, which
    decodes anything: cp1252 leaves five bytes undefined)."""
    if encoding:
        return _decode_as(data, encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, name)
    for name in ("utf-8", "cp1252"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _decode_as(data, encoding):
    try:
        name = codecs.lookup(encoding).name
        if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
        text = data.decode(name)
    except (LookupError, UnicodeDecodeError) as error:
        raise LeadFileError(
            _lt(
                "The file cannot be read as %(encoding)s text: choose another "
                "encoding.",
                encoding=encoding,
            )
        ) from error
    return text.removeprefix("\ufeff"), name


def detect_delimiter(text):
    """The delimiter among comma, semicolon and tab that structures ``text``.

    csv.Sniffer looks at the first lines; its guess is kept only if it splits
    the header, else the candidate most frequent in the header wins (comma
    when there is none: a single-column file).
    """
    sample = text[:_SNIFF_SIZE]
    if len(text) > _SNIFF_SIZE and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    first_line = next(iter(sample.lstrip("\r\n").splitlines()), "")
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    if sniffed and sniffed in first_line:
        return sniffed
    counts = {char: first_line.count(char) for char in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _check_found(header):
    if header is None:
        raise LeadFileError(
            _lt(
                "The file has no header: its first non-empty line must hold the "
                "column names."
            )
        )


def _check_header(values):
    header = [str(value or "").strip().removeprefix("\ufeff") for value in values]
    seen, duplicates = set(), []
    for name in header:
        key = header_key(name)
        if key and key in seen and name not in duplicates:
            duplicates.append(name)
        seen.add(key)
    if duplicates:
        raise LeadFileError(
            _lt(
                "The header repeats the column name(s) %(names)s: rename them so "
                "each column has its own name.",
                names=", ".join(f'"{name}"' for name in duplicates),
            )
        )
    return header


# XLSX -----------------------------------------------------------------------


def _read_xlsx(data, sheet_name):
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise LeadFileError(
            _lt(
                "The file cannot be read as an Excel workbook (.xlsx): it may be "
                "damaged or of another type."
            )
        ) from error
    try:
        sheet = _pick_sheet(book, sheet_name)
        header, rows = _read_sheet(sheet)
    finally:
        book.close()
    return LeadFile("xlsx", header, rows, sheet=sheet.title)


def _pick_sheet(book, sheet_name):
    if not sheet_name:
        return book.worksheets[0]
    if sheet_name not in book.sheetnames:
        raise LeadFileError(
            _lt(
                'The workbook has no sheet "%(sheet)s"; its sheets are: %(sheets)s.',
                sheet=sheet_name,
                sheets=", ".join(book.sheetnames),
            )
        )
    return book[sheet_name]


def _read_sheet(sheet):
    # Writers other than Excel often store a wrong size; let openpyxl find it.
    sheet.reset_dimensions()
    header, rows = None, []
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        values = _trim([_cell_value(value) for value in cells])
        if all(value is None or not str(value).strip() for value in values):
            continue
        if header is None:
            header = _check_header(values)
        else:
            rows.append(Row(number, values))
    _check_found(header)
    return header, rows


def _cell_value(value):
    # Excel has no date type: a date is a datetime at midnight.
    if isinstance(value, datetime) and value.time() == time.min:
        return value.date()
    return value


def _trim(values):
    while values and values[-1] in (None, ""):
        values.pop()
    return values


# Rejections -----------------------------------------------------------------


def write_rejections(parsed, rejected_rows, reasons):
    """Bytes of a file like ``parsed`` (same kind, encoding and delimiter) with
    its header, a last column for the reason and each rejected row as read.

    ``reasons`` are translated strings, one per row of ``rejected_rows``.
    """
    width = max([len(parsed.header), *(len(row.values) for row in rejected_rows)])
    table = [[*_pad(parsed.header, width), REJECTION_COLUMN]]
    table += [
        [*_pad(row.values, width), str(reason)]
        for row, reason in zip(rejected_rows, reasons, strict=True)
    ]
    if parsed.kind == "xlsx":
        return _write_xlsx(table, parsed.sheet)
    return _write_csv(table, parsed.encoding, parsed.delimiter)


def _pad(values, width):
    return list(values) + [None] * (width - len(values))


def _write_csv(table, encoding, delimiter):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(table)
    # Reasons may hold characters the original encoding lacks.
    return buffer.getvalue().encode(encoding, errors="replace")


def _write_xlsx(table, sheet_title):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title or "Leads")
    for values in table:
        sheet.append([_xlsx_cell(sheet, value) for value in values])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value):
    # openpyxl would store "=..." as a formula: the rejection file must show
    # the text the user wrote, never run it.
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
