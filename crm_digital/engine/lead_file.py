# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Read an uploaded lead file (CSV or XLSX) into a header and rows, and write
the rejected rows back in the same format."""

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from datetime import datetime, time
from typing import Any, NamedTuple

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# The columns the files given back add to the original's, in both languages
# (a file is read by whoever opens it, whatever the importer's language).
REJECTION_COLUMN = "Motivo del rechazo / Rejection reason"
MATCH_COLUMNS = (
    "Registro coincidente / Matched record",
    "Motivo / Reason",
)
PROBLEMS_COLUMN = "Problemas / Problems"
DELIMITERS = ",;\t"
# What one file may hold: past these, it is split or cleaned first. A lead
# file of a small company is far below them; a hostile one would take the
# server's memory (the values read are held until the import ends).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 500
MAX_CELLS = 2_000_000  # of the rows as read, empty cells between values included
# Uncompressed parts of a workbook: its strings are read whole into memory.
MAX_XLSX_PART_BYTES = {"xl/sharedStrings.xml": 128 * 1024 * 1024}
MAX_XLSX_SHEET_BYTES = 512 * 1024 * 1024
# Enough lines for csv.Sniffer to see the pattern, small enough to stay fast.
_SNIFF_SIZE = 32 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# Documents people upload by mistake: PDF, PNG, JPEG, GIF, gzip, RAR, 7-Zip.
_OTHER_MAGICS = (
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x1f\x8b",
    b"Rar!",
    b"7z\xbc\xaf",
)
_SPACES = re.compile(r"\s+")
# Control characters (C0 but tab, LF and CR; DEL; C1) mean nothing in a
# lead and PostgreSQL refuses NUL in text: they go. Vertical tab, form feed
# and NEL are line breaks (FileMaker writes a line break in a field as VT).
_CONTROLS = {
    code: None
    for code in (*range(0x20), *range(0x7F, 0xA0))
    if chr(code) not in "\t\n\r"
}
_CONTROLS.update({0x0B: "\n", 0x0C: "\n", 0x85: "\n"})
# A text file holds none of these (NUL aside: some writers pad files with it).
_BINARY_CONTROLS = frozenset(
    chr(code) for code, char in _CONTROLS.items() if char is None and code != 0
)
# Excel stores a control character of a cell as _xHHHH_ (a CR as _x000D_),
# which openpyxl leaves as it is.
_XLSX_CONTROL = re.compile(r"_x(00[01][0-9A-Fa-f]|007[Ff]|00[89][0-9A-Fa-f])_")


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
    """How names are compared: case, accents and spacing do not count."""
    text = unicodedata.normalize("NFKD", str(name).strip().casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _SPACES.sub(" ", text)


def column_key(name):
    """How column names are compared: as :func:`header_key`, and spaces and
    punctuation do not count either ("C.P." is "CP", "E-mail" is "Email")."""
    return "".join(
        char
        for char in header_key(name)
        if not char.isspace() and not unicodedata.category(char).startswith("P")
    )


def _clean_text(text):
    """``text`` without its control characters (see _CONTROLS)."""
    return text.translate(_CONTROLS)


def read_lead_file(data, file_name="", *, encoding=None, delimiter=None, sheet=None):
    """Parse ``data`` (bytes) into a :class:`LeadFile` with at least one row.

    ``encoding`` and ``delimiter`` override the detection for CSV files,
    ``sheet`` picks an XLSX sheet by name (default: the first one). Control
    characters are taken out of every value and column name.
    """
    if not data or not data.strip():
        raise _empty_file()
    if len(data) > MAX_FILE_BYTES:
        raise LeadFileError(
            _lt(
                "The file takes %(size)s MB; at most %(max)s MB are imported at "
                "once: split it into several files.",
                size=len(data) // (1024 * 1024),
                max=MAX_FILE_BYTES // (1024 * 1024),
            )
        )
    kind = _file_kind(data, file_name)
    if kind == "xlsx":
        parsed = _read_xlsx(data, sheet)
    else:
        parsed = _read_csv(data, encoding, delimiter)
    if not parsed.rows:
        raise LeadFileError(
            _lt(
                "The file has no rows below its header: add one line per lead "
                "under the column names and upload it again."
            )
        )
    return parsed


def _empty_file():
    return LeadFileError(
        _lt(
            "The file is empty: choose the file that holds the leads, with the "
            "column names on its first line, and upload it again."
        )
    )


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
    if data.startswith(_OTHER_MAGICS):
        raise _binary_file()
    return "csv"


def _binary_file():
    return LeadFileError(
        _lt(
            "The file is neither CSV text nor an Excel workbook (.xlsx): it holds "
            "binary data, such as an image or a PDF. Export the leads from your "
            "spreadsheet or CRM as CSV or .xlsx and upload that file."
        )
    )


# CSV ------------------------------------------------------------------------


def _read_csv(data, encoding, delimiter):
    text, encoding = _decode(data, encoding)
    if _looks_binary(text):
        raise _binary_file()
    if not _clean_text(text).strip():
        raise _empty_file()
    delimiter = delimiter or detect_delimiter(text)
    # strict: a quote left open is an error, not a field swallowing the file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header, rows, size = None, [], _Size()
    number = 1
    try:
        for values in reader:
            start, number = number, reader.line_num + 1
            values = [_clean_text(value) for value in values]
            if not "".join(values).strip():
                continue
            used = len(_trim(list(values)))
            size.check(start, len(values), used)
            if header is None:
                header = _check_header(values)
            else:
                rows.append(Row(start, values))
    except csv.Error as error:
        raise _csv_error(error, number, reader.line_num) from error
    _check_found(header)
    return LeadFile("csv", header, rows, encoding=encoding, delimiter=delimiter)


def _looks_binary(text):
    """Whether ``text`` is bytes of another kind decoded as text: more than
    1 character in 20 is a control character no text file holds. Compressed
    or random bytes hold 4 times more; a text file holds a stray one or two,
    such as the end-of-file mark of old DOS files."""
    sample = text[:_SNIFF_SIZE]
    controls = sum(1 for char in sample if char in _BINARY_CONTROLS)
    return controls > 3 and controls * 20 > len(sample)


def _csv_error(error, start, line):
    """The error of a csv.Error met reading the record that starts on line
    ``start``, the reader being on line ``line``."""
    # A quote left open makes the reader run to the end of the file, where
    # its line number says nothing: the record's first line does.
    if "unexpected end of data" in str(error):
        return LeadFileError(
            _lt(
                'A quote (") opened on line %(line)s is never closed, so the rest '
                "of the file would be read as one value: close the quote or "
                "remove it, and upload the file again.",
                line=start,
            )
        )
    return LeadFileError(
        _lt(
            'Line %(line)s of the file is not valid CSV: a quote (") is out of '
            "place. A value holding quotes must be enclosed in quotes, each quote "
            'inside it doubled (""). Fix that line and upload the file again.',
            line=line,
        )
    )


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
        # As the templates compare them: two names equal so are one column.
        key = column_key(name)
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


class _Size:
    """Counts what a file holds as it is read, and stops at the limits."""

    def __init__(self):
        self.rows = self.cells = 0

    def check(self, number, width, last_column, cell=None):
        """Count a row: its line or row ``number``, its ``width`` as read, the
        ``last_column`` holding a value and, in a workbook, that cell."""
        if last_column > MAX_COLUMNS:
            raise LeadFileError(
                _lt(
                    "%(where)s holds a value in column %(column)s; at most %(max)s "
                    "columns are imported. Delete what stands right of the lead "
                    "columns (in a spreadsheet, select those columns and delete "
                    "them), or split the file.",
                    where=_lt("Cell %s", cell) if cell else _lt("Line %s", number),
                    column=cell.rstrip("0123456789") if cell else last_column,
                    max=MAX_COLUMNS,
                )
            )
        self.rows += 1
        self.cells += width
        if self.rows > MAX_ROWS + 1:  # the header is not a lead
            raise LeadFileError(
                _lt(
                    "The file holds more than %(max)s rows of leads: split it into "
                    "several files and import each one.",
                    max=MAX_ROWS,
                )
            )
        if self.cells > MAX_CELLS:
            raise LeadFileError(
                _lt(
                    "The file holds more than %(max)s cells (rows by columns): "
                    "delete the columns you do not import, or split the file.",
                    max=MAX_CELLS,
                )
            )


def _read_xlsx(data, sheet_name):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            sizes = {info.filename: info.file_size for info in archive.infolist()}
    except Exception as error:  # zipfile too raises several kinds
        raise _damaged_workbook() from error
    _check_parts(sizes)
    # Word and LibreOffice documents, and plain archives, are ZIP files too.
    if not any(name.startswith("xl/") for name in names):
        raise LeadFileError(
            _lt(
                "The file is a ZIP archive or a document of another program (such "
                "as Word or LibreOffice), not an Excel workbook (.xlsx): save the "
                "leads as .xlsx or CSV and upload that file."
            )
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise _damaged_workbook() from error
    try:
        sheet = _pick_sheet(book, sheet_name)
        # Read-only mode reads the sheet's part only now.
        header, rows = _read_sheet(sheet)
    except LeadFileError:
        raise
    except Exception as error:
        raise _damaged_workbook() from error
    finally:
        book.close()
    return LeadFile("xlsx", header, rows, sheet=sheet.title)


def _check_parts(sizes):
    # A few compressed megabytes can unpack to gigabytes (a "zip bomb").
    for name, size in sizes.items():
        is_sheet = name.startswith("xl/worksheets/")
        limit = MAX_XLSX_SHEET_BYTES if is_sheet else MAX_XLSX_PART_BYTES.get(name)
        if limit and size > limit:
            raise LeadFileError(
                _lt(
                    "The workbook unpacks to more than %(max)s MB in its part "
                    "%(part)s: open it in Excel, delete the sheets, rows and "
                    "columns you do not import, save it and upload it again, or "
                    "save it as CSV.",
                    max=limit // (1024 * 1024),
                    part=name,
                )
            )


def _damaged_workbook():
    return LeadFileError(
        _lt(
            "The file cannot be opened as an Excel workbook (.xlsx): it is damaged, "
            "incomplete (its download was cut short) or another kind of file "
            "named .xlsx. Open it in Excel, save it again as .xlsx or CSV and "
            "upload it again."
        )
    )


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
    header, rows, size = None, [], _Size()
    for number, cells in _sheet_cells(sheet):
        cells = [
            (column, value)
            for column, value in cells
            if value is not None and str(value).strip()
        ]
        if not cells:
            continue
        last = max(column for column, _value in cells)
        size.check(number, last, last, f"{get_column_letter(last)}{number}")
        values = [None] * last
        for column, value in cells:
            values[column - 1] = _cell_value(value)
        if header is None:
            header = _check_header(values)
        else:
            rows.append(Row(number, values))
    _check_found(header)
    return header, rows


def _sheet_cells(sheet):
    """(row number, [(column, value)]) of each row the sheet stores, as a
    stream of the cells it holds. openpyxl's own rows would pad each row to
    its last cell (16,384 of them for a value in column XFD), and trust the
    size the file declares, which writers other than Excel often get wrong.
    """
    source = sheet._get_source()
    try:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=sheet.parent.epoch,
            date_formats=sheet.parent._date_formats,
        )
        for number, cells in parser.parse():
            yield number, [(cell["column"], cell["value"]) for cell in cells]
    finally:
        source.close()


def _cell_value(value):
    if isinstance(value, str):
        return _clean_text(_XLSX_CONTROL.sub(_xlsx_control, value))
    # Excel has no date type: a date is a datetime at midnight.
    if isinstance(value, datetime) and value.time() == time.min:
        return value.date()
    return value


def _xlsx_control(match):
    return chr(int(match[1], 16))


def _trim(values):
    while values and values[-1] in (None, ""):
        values.pop()
    return values


# Files given back ------------------------------------------------------------


def write_rejections(parsed, rejected_rows, reasons):
    """Bytes of a file like ``parsed`` with a last column for the reason and
    each rejected row as read (see :func:`write_rows`)."""
    return write_rows(
        parsed, rejected_rows, [REJECTION_COLUMN], [[reason] for reason in reasons]
    )


def write_rows(parsed, rows, columns, extras):
    """Bytes of a file like ``parsed`` (same kind, encoding and delimiter) with
    its header and ``columns`` after it, and each of ``rows`` as read followed
    by its ``extras`` (translated strings, one list per row)."""
    width = max([len(parsed.header), *(len(row.values) for row in rows)])
    table = [[*_pad(parsed.header, width), *columns]]
    table += [
        [*_pad(row.values, width), *map(str, extra)]
        for row, extra in zip(rows, extras, strict=True)
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
