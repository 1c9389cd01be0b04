# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Turn the rows of a lead file into lead values through a column mapping,
collecting every problem of each row."""

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache, partial

import phonenumbers
from stdnum.es import nif as es_nif
from stdnum.eu import vat as eu_vat

from odoo.tools.translate import LazyTranslate

from .lead_file import LeadFileError, Row, column_key, header_key

_lt = LazyTranslate(__name__)

# The logical fields of a lead a column can be mapped to, with their labels.
TARGETS = {
    "name": _lt("Opportunity"),
    "contact_name": _lt("Contact Name"),
    "partner_name": _lt("Company Name"),
    "email_from": _lt("Email"),
    "phone": _lt("Phone"),
    "mobile": _lt("Mobile"),
    "function": _lt("Job Position"),
    "website": _lt("Website"),
    "street": _lt("Street"),
    "street2": _lt("Street 2"),
    "zip": _lt("Zip"),
    "city": _lt("City"),
    "state": _lt("State"),
    "country": _lt("Country"),
    "vat": _lt("Tax ID (NIF/CIF/NIE)"),
    "sector": _lt("Sector (CNAE)"),
    "employee_band": _lt("Employees"),
    "expected_revenue": _lt("Expected Revenue"),
    "probability": _lt("Probability"),
    "date_deadline": _lt("Expected Closing"),
    "description": _lt("Notes"),
    # For a column no field holds: kept in the notes as "column: value".
    "extra_notes": _lt("Other information (added to the notes)"),
    "tags": _lt("Tags"),
    "source": _lt("Source"),
    "medium": _lt("Medium"),
    "campaign": _lt("Campaign"),
    "user": _lt("Salesperson"),
    "team": _lt("Sales Team"),
    "lang": _lt("Language"),
    "priority": _lt("Priority"),
    "type": _lt("Type"),
    "external_id": _lt("External ID"),
}
# Each group: at least one of its keys must have a value in every row.
DEFAULT_REQUIRED = (("name", "partner_name", "contact_name", "email_from"),)
# What makes a spreadsheet evaluate a cell: such text is stored, never run.
FORMULA_STARTS = ("=", "+", "-", "@")

_SHOWN_LENGTH = 60
_EMAIL = re.compile(
    r"(?!\.)(?!.*\.\.)[\w.!#$%&'*+/=?^`{|}~-]+(?<!\.)"
    r"@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,63}"
)
_VAT_JUNK = re.compile(r"[\s./-]+")
_NUMBER_JUNK = re.compile(r"[\s\u00a0\u202f€$£%]+|eur|usd", re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?(?:\d[\d.,]*)?\d")
_ISO_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?")
_DMY_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?: .*)?")
_LANG_CODE = re.compile(r"([a-z]{2})[-_]([a-z]{2})", re.IGNORECASE)
_STATE_COUNTRY = re.compile(r"\s*\([A-Z]{2}\)$")
_TAG_SPLIT = re.compile(r"[,;|]")
_CNAE_LETTER = re.compile(r"([a-u])(?:\s*[-\u2013:.)]\s*.*)?", re.IGNORECASE)
_CNAE_CODE = re.compile(r"(\d{1,4})(?:\.\d{1,2})?(?:\s*[-\u2013:].*)?")
_STARS = frozenset("*★⭐")
_SPAIN = frozenset({"es", "esp", "espana", "spain"})
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_MAX_SERIAL = 2958466  # 9999-12-31

_ERRORS = {
    "email_from": lambda column, value: _lt(
        'Column "%(column)s": "%(value)s" is not a valid email address.',
        column=column,
        value=value,
    ),
    "phone": lambda column, value: _lt(
        'Column "%(column)s": "%(value)s" is not a valid phone number.',
        column=column,
        value=value,
    ),
    "vat": lambda column, value: _lt(
        'Column "%(column)s": "%(value)s" is not a valid NIF, CIF, NIE or EU VAT '
        "number (check its format and control character).",
        column=column,
        value=value,
    ),
    "sector": lambda column, value: _lt(
        'Column "%(column)s": "%(value)s" is not a CNAE section (A to U), a CNAE '
        "code or a sector name.",
        column=column,
        value=value,
    ),
    "employee_band": lambda column, value: _lt(
        'Column "%(column)s": "%(value)s" is neither a number of employees nor the '
        "code of an employee band (CRM > Configuration > CRM Digital > Employee "
        "Bands).",
        column=column,
        value=value,
    ),
    "expected_revenue": lambda column, value: _lt(
        'Column "%(column)s": "%(value)s" is not a number.',
        column=column,
        value=value,
    ),
    "probability": lambda column, value: _lt(
        'Column "%(column)s": "%(value)s" is not a percentage between 0 and 100.',
        column=column,
        value=value,
    ),
    "date_deadline": lambda column, value: _lt(
        'Column "%(column)s": "%(value)s" is not a valid date (write it as '
        "dd/mm/yyyy).",
        column=column,
        value=value,
    ),
    "priority": lambda column, value: _lt(
        'Column "%(column)s": "%(value)s" is not a priority (0 to 3 stars).',
        column=column,
        value=value,
    ),
    "type": lambda column, value: _lt(
        'Column "%(column)s": "%(value)s" is not a type: write "lead" or '
        '"opportunity".',
        column=column,
        value=value,
    ),
}
_ERRORS["mobile"] = _ERRORS["phone"]


# An invalid value of these is kept as written in its field (free text in
# Odoo); of the other parsed keys, in the notes.
KEPT_AS_TEXT = frozenset({"email_from", "phone", "mobile"})
# Text several columns make together (first name, last name).
JOINED_TEXT = frozenset({"contact_name"})
# An invalid tax ID always rejects its row: it would be carried to the customer.
ALWAYS_STRICT = frozenset({"vat"})


@dataclass(slots=True)
class RowResult:
    """The lead values of one row (only the keys set) and its problems, as
    lazy translations: ``errors`` reject the row, ``warnings`` do not."""

    row: Row
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


class LeadRowConverter:
    """Converts rows of a file with ``header`` through ``mapping``
    ({column name in the file: target key}, falsy target = column ignored).

    Several columns may map to one key: a contact's name parts are joined with
    spaces, notes with new lines, tags are merged; for other keys the first
    filled column wins and the others' values go to the notes.
    Columns mapped to ``extra_notes`` end the notes as "column: value" lines.

    An invalid value rejects its row only in a ``strict`` column (names as in
    the file) or a tax ID column; elsewhere the row is imported with the value
    as written (in its field or the notes) and a warning.
    """

    def __init__(
        self,
        header,
        mapping,
        *,
        required=DEFAULT_REQUIRED,
        phone_region="ES",
        strict=(),
        bands=(),
        sectors=None,
    ):
        self._width = len(header)
        self._columns = _resolve(header, mapping)
        self._strict = {column_key(column) for column in strict}
        self._required = [tuple(group) for group in required]
        self._check_required_mapped()
        # Numbers written without an international prefix are of phone_region.
        phone = partial(parse_phone, region=phone_region)
        self._parsers = {
            **_PARSERS,
            "phone": phone,
            "mobile": phone,
            # The employee bands the database has: (code, least, most).
            "employee_band": partial(parse_employee_band, bands=tuple(bands)),
            # Its sector names: {name: CNAE section letter}.
            "sector": partial(
                parse_sector,
                names={sector_key(name): s for name, s in (sectors or {}).items()},
            ),
        }
        # (key, its columns, the method that converts it), decided once.
        self._plan = [
            (key, columns, self._handler(key)) for key, columns in self._columns.items()
        ]

    def _check_required_mapped(self):
        for group in self._required:
            if not any(key in self._columns for key in group):
                labels = [TARGETS[key] for key in group]
                raise LeadFileError(
                    _lt(
                        "Map a column to %(fields)s: every lead needs one of them.",
                        fields=_either(labels),
                    )
                )

    def _handler(self, key):
        if key in self._parsers:
            return self._parse
        return {
            "tags": self._tags,
            "description": self._notes,
            "extra_notes": self._extra_notes,
        }.get(key, self._text)

    def convert(self, row):
        result = RowResult(row)
        cells = row.values
        width = len(cells)
        filled = set()
        for key, columns, handler in self._plan:
            present = []
            for index, column in columns:
                value = _clean(cells[index]) if index < width else None
                if value is not None:
                    present.append((column, value))
            if present:
                filled.add(key)
                handler(key, present, result)
        self._check_width(cells, result)
        self._check_required(filled, result)
        _pad_spanish_zip(result.values)
        _merge_notes(result.values)
        return result

    # Handlers: (key, [(column, non-empty value)], result) -> None -----------

    def _parse(self, key, present, result):
        column, value = present[0]
        try:
            result.values[key] = self._parsers[key](value)
        except ValueError:
            problem = _ERRORS[key](column, _shown(value))
            if key in ALWAYS_STRICT or column_key(column) in self._strict:
                result.errors.append(problem)
            elif key in KEPT_AS_TEXT:
                result.values[key] = _as_text(value)
                result.warnings.append(
                    _lt("%(problem)s It is kept as written.", problem=problem)
                )
            else:
                _add_extra_note(result.values, column, _as_text(value))
                result.warnings.append(
                    _lt("%(problem)s It is kept in the notes.", problem=problem)
                )

    def _text(self, key, present, result):
        texts = _texts(present, result)
        if key in JOINED_TEXT:
            text = " ".join(texts)
        else:
            # Two names of one thing ("Razón social", "Nombre comercial"): the
            # first fills the field, the others the notes.
            text = texts[0]
            for (column, _v), other in zip(present[1:], texts[1:], strict=True):
                if other != text:
                    _add_extra_note(result.values, column, other)
        fix = _TEXT_FIXES.get(key)
        result.values[key] = fix(text) if fix else text

    def _tags(self, key, present, result):
        result.values[key] = _merge_tags(_texts(present, result))

    def _notes(self, key, present, result):
        result.values[key] = "\n".join(_texts(present, result))

    def _extra_notes(self, key, present, result):
        texts = _texts(present, result)
        for (column, _v), text in zip(present, texts, strict=True):
            _add_extra_note(result.values, column, text)

    def _check_width(self, cells, result):
        if any(_clean(value) is not None for value in cells[self._width :]):
            result.errors.append(
                _lt(
                    "The line has more values than the header has columns "
                    "(%(columns)s): a value probably contains the delimiter without "
                    "quotes around it.",
                    columns=self._width,
                )
            )

    def _check_required(self, filled, result):
        for group in self._required:
            if not filled.intersection(group):
                names = [
                    column for key in group for _i, column in self._columns.get(key, ())
                ]
                result.errors.append(
                    _lt(
                        "At least one of the columns %(columns)s needs a value.",
                        columns=", ".join(f'"{name}"' for name in names),
                    )
                )


def convert_rows(parsed, mapping, **options):
    """RowResult of each row of ``parsed`` (a LeadFile); ``options`` go to
    :class:`LeadRowConverter`."""
    converter = LeadRowConverter(parsed.header, mapping, **options)
    return [converter.convert(row) for row in parsed.rows]


def _resolve(header, mapping):
    """{key: [(index, column name in the file)]}, in mapping order."""
    positions = {column_key(name): index for index, name in enumerate(header) if name}
    columns = {}
    for column, key in mapping.items():
        if not key:
            continue
        if key not in TARGETS:
            raise ValueError(f"Unknown lead import target {key!r}")
        index = positions.get(column_key(column))
        if index is None:
            raise LeadFileError(
                _lt('The column "%(column)s" is not in the file.', column=column)
            )
        columns.setdefault(key, []).append((index, header[index]))
    return columns


def _either(labels):
    """Lazy "A, B, C or D" that stays translatable piece by piece."""
    if len(labels) == 1:
        return labels[0]
    if len(labels) == 2:
        return _lt("%(first)s or %(second)s", first=labels[0], second=labels[1])
    return _lt("%(first)s, %(others)s", first=labels[0], others=_either(labels[1:]))


# Cells ----------------------------------------------------------------------


def _clean(value):
    """The value of a cell, or None when it is empty; text is stripped."""
    if isinstance(value, str):
        return value.strip() or None
    return value


def _as_text(value):
    if isinstance(value, str):
        return value
    # Excel stores codes and phone numbers typed as numbers as floats.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _shown(value):
    text = _as_text(value)
    return text if len(text) <= _SHOWN_LENGTH else text[: _SHOWN_LENGTH - 1] + "…"


def _texts(present, result):
    """Text of each value; warns about those a spreadsheet would evaluate."""
    texts = []
    for column, value in present:
        text = _as_text(value)
        if text.startswith(FORMULA_STARTS):
            result.warnings.append(
                _lt(
                    'Column "%(column)s": "%(value)s" starts like a spreadsheet '
                    "formula; it is kept as plain text and never evaluated.",
                    column=column,
                    value=_shown(text),
                )
            )
        texts.append(text)
    return texts


def _merge_tags(texts):
    tags = {}
    for text in texts:
        tags.update(
            (tag, None) for tag in map(str.strip, _TAG_SPLIT.split(text)) if tag
        )
    return list(tags)


def _add_extra_note(values, column, text):
    line = f"{column}: {text}"
    values["extra_notes"] = "\n".join(filter(None, [values.get("extra_notes"), line]))


def _merge_notes(values):
    if extra := values.pop("extra_notes", None):
        values["description"] = "\n".join(
            filter(None, [values.get("description"), extra])
        )


def _state_name(text):
    # Odoo exports a state as "Valencia (ES)".
    return _STATE_COUNTRY.sub("", text)


def _lang_code(text):
    match = _LANG_CODE.fullmatch(text)
    return f"{match[1].lower()}_{match[2].upper()}" if match else text


_TEXT_FIXES = {"state": _state_name, "lang": _lang_code}


def _pad_spanish_zip(values):
    # Spreadsheets drop the leading zero of 08001 (Barcelona) and the like.
    code = values.get("zip", "")
    country = values.get("country")
    if (
        len(code) == 4
        and code.isdigit()
        and (not country or header_key(country) in _SPAIN)
    ):
        values["zip"] = "0" + code


# Parsers: one value in, the lead value out, ValueError when invalid ----------


def parse_email(value):
    text = _as_text(value).removeprefix("mailto:")
    if not _EMAIL.fullmatch(text):
        raise ValueError(text)
    return text


def parse_phone(value, region="ES"):
    """E.164 form of a valid phone number; national numbers are of ``region``."""
    try:
        number = phonenumbers.parse(_as_text(value), region)
    except phonenumbers.NumberParseException as error:
        raise ValueError(value) from error
    if not phonenumbers.is_valid_number(number):
        raise ValueError(value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_vat(value):
    """Compact tax ID with its country prefix: a Spanish NIF, CIF or NIE
    (``ES`` prefix optional in the file) or another EU VAT number."""
    text = _VAT_JUNK.sub("", _as_text(value)).upper()
    # Spanish IDs never start with two letters once "ES" is removed.
    if text[:2].isalpha() and not text.startswith("ES"):
        return eu_vat.validate(text)
    return "ES" + es_nif.validate(text)


def parse_number(value):
    """Float of a number written the Spanish or the international way.

    One separator followed by exactly three digits is a thousands separator
    when it is a dot (12.000 is twelve thousand) and a decimal comma when it
    is a comma (12,000 is twelve): the Spanish reading.
    """
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    text = _NUMBER_JUNK.sub("", value)
    if not _NUMBER.fullmatch(text):
        raise ValueError(value)
    number = float(_to_python_number(text))
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _to_python_number(text):
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal = "." if text.rindex(".") > text.rindex(",") else ","
        thousands = "," if decimal == "." else "."
        whole, _sep, fraction = text.rpartition(decimal)
        return _ungroup(whole, thousands) + "." + fraction
    if commas > 1:
        return _ungroup(text, ",")
    if commas:
        return text.replace(",", ".")
    if dots > 1 or _is_grouped(text, "."):
        return _ungroup(text, ".")
    return text


def _is_grouped(text, separator):
    head, *groups = text.lstrip("+-").split(separator)
    return (
        bool(groups)
        and 1 <= len(head) <= 3
        and head[0] != "0"
        and all(len(group) == 3 for group in groups)
    )


def _ungroup(text, separator):
    if not _is_grouped(text, separator):
        raise ValueError(text)
    return text.replace(separator, "")


def parse_probability(value):
    number = parse_number(value)
    if not 0 <= number <= 100:
        raise ValueError(value)
    return number


def parse_date(value):
    """A date from a date cell, an Excel serial number, or text written
    dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy, dd/mm/yy or yyyy-mm-dd."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _excel_date(value)
    text = _as_text(value)
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DMY_DATE.fullmatch(text):
        day, month, year = match.groups()
        if len(year) == 2:
            year = ("20" if int(year) < 69 else "19") + year  # as strptime's %y
    else:
        raise ValueError(value)
    return date(int(year), int(month), int(day))


def _excel_date(serial):
    # A date cell formatted as a number shows its serial: days since 1899-12-30.
    if not 0 < serial < _EXCEL_MAX_SERIAL:
        raise ValueError(serial)
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def sector_key(name):
    """How sector names are compared: as header_key() leaves them."""
    return header_key(name).replace("_", " ")


def parse_sector(value, names):
    """CNAE 2009 section letter of a letter, a CNAE code or a sector name of
    ``names`` ({sector_key(name): letter}, from the sector name records)."""
    text = _as_text(value).strip()
    if match := _CNAE_LETTER.fullmatch(text):
        return match[1].upper()
    if match := _CNAE_CODE.fullmatch(text):
        return _section_of_code(match[1])
    section = names.get(sector_key(text))
    if not section:
        raise ValueError(value)
    return section


def _section_of_code(code):
    # A 3-digit class (111) or 1-digit division (1) lost its leading zero.
    division = int(code.zfill(4 if len(code) > 2 else 2)[:2])
    for first, section in reversed(_CNAE_DIVISIONS):
        if division >= first:
            return section
    raise ValueError(code)


def parse_employee_band(value, bands):
    """Code of the band of ``bands`` ((code, least, most or None), as the
    employee band records hold them) that a cell gives: by its code, as "more
    than N" or "N or more", or as a number of employees."""
    if isinstance(value, str):
        text = _band_key(value)
        for code, _least, _most in bands:
            if text == _band_key(code):
                return code
        if (match := _AT_LEAST.fullmatch(text)) and (match[1] or match[3]):
            above = match[1] in (">", "masde", "morethan")
            return _band_of(int(match[2]) + above, bands, value)
    count = parse_number(value)
    if count < 0 or not count.is_integer():
        raise ValueError(value)
    return _band_of(int(count), bands, value)


def _band_of(count, bands, value):
    for code, least, most in bands:
        if count >= least and (most is None or count <= most):
            return code
    raise ValueError(value)


def parse_priority(value):
    """'0' to '3' of a number, stars, or a word (Salesforce ratings too)."""
    text = header_key(_as_text(value))
    if text and set(text) <= _STARS and len(text) <= 3:
        return str(len(text))
    if priority := _PRIORITIES.get(text):
        return priority
    raise ValueError(value)


def parse_type(value):
    lead_type = _TYPES.get(header_key(_as_text(value)))
    if not lead_type:
        raise ValueError(value)
    return lead_type


# Spaces go; en and em dashes, which spreadsheets put in ranges, become hyphens.
_BAND_PUNCTUATION = str.maketrans({" ": None, "\u2013": "-", "\u2014": "-"})


@lru_cache(maxsize=1024)
def _band_key(text):
    """How band codes and cells are compared: cached, as every cell is
    compared with every band's code and a file repeats a few values."""
    return header_key(text).translate(_BAND_PUNCTUATION)


_PARSERS = {
    "email_from": parse_email,
    "vat": parse_vat,
    "expected_revenue": parse_number,
    "probability": parse_probability,
    "date_deadline": parse_date,
    "priority": parse_priority,
    "type": parse_type,
}
# "More than 250", "+250", "250 or more"... (spaces and accents gone).
_AT_LEAST = re.compile(r"(>=|>|\+|masde|morethan)?(\d+)(\+|omas|ormore)?")
_PRIORITIES = {
    **{str(level): str(level) for level in range(4)},
    "low": "0",
    "baja": "0",
    "normal": "0",
    "medium": "1",
    "media": "1",
    "high": "2",
    "alta": "2",
    "very high": "3",
    "muy alta": "3",
    "cold": "0",
    "frio": "0",
    "warm": "1",
    "templado": "1",
    "hot": "2",
    "caliente": "2",
}
_TYPES = {
    "lead": "lead",
    "iniciativa": "lead",
    "pista": "lead",
    "opportunity": "opportunity",
    "oportunidad": "opportunity",
}
# First CNAE 2009 division of each section.
_CNAE_DIVISIONS = (
    (1, "A"),
    (5, "B"),
    (10, "C"),
    (35, "D"),
    (36, "E"),
    (41, "F"),
    (45, "G"),
    (49, "H"),
    (55, "I"),
    (58, "J"),
    (64, "K"),
    (68, "L"),
    (69, "M"),
    (77, "N"),
    (84, "O"),
    (85, "P"),
    (86, "Q"),
    (90, "R"),
    (94, "S"),
    (97, "T"),
    (99, "U"),
)
