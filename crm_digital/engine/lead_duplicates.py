# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Duplicate detection keys for leads, and the matching of the rows of a file
against existing records and against the earlier rows of the same file."""

import re
import unicodedata
from typing import NamedTuple

import phonenumbers

# Strongest evidence first. An email, or a person's name at a company, names
# one person, as Salesforce's standard lead duplicate rule has it; a phone
# does unless the names say two people share it; a tax ID or a company name
# names a company, whose people are different leads.
KINDS = ("email", "person", "phone", "vat", "company")
_COMPANY_KINDS = frozenset({"vat", "company"})

_E164 = re.compile(r"\+[1-9]\d{5,14}")
_ANGLE_ADDRESS = re.compile(r"<([^<>]+)>")
_VAT_JUNK = re.compile(r"[\W_]+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# Spanish legal forms as words once punctuation is gone ("S.L.U." -> "s l u").
_LEGAL_FORMS = (
    "s l",
    "sl",
    "s l u",
    "slu",
    "s l l",
    "sll",
    "s l p",
    "slp",
    "s l n e",
    "slne",
    "s a",
    "sa",
    "s a u",
    "sau",
    "s a l",
    "sal",
    "s coop",
    "scoop",
    "s coop v",
    "coop v",
    "coop",
    "c b",
    "cb",
    "s c",
    "sociedad limitada",
    "sociedad limitada unipersonal",
    "sociedad limitada laboral",
    "sociedad limitada profesional",
    "sociedad anonima",
    "sociedad anonima unipersonal",
    "sociedad anonima laboral",
    "sociedad cooperativa",
    "sociedad cooperativa valenciana",
    "sociedad civil",
    "comunidad de bienes",
)


def _forms_by_last_word():
    """Legal forms as word tuples by their last word, longest first, so a name
    is compared with its few candidates only."""
    forms = {}
    for form in sorted((tuple(form.split()) for form in _LEGAL_FORMS), key=len):
        forms.setdefault(form[-1], []).insert(0, form)
    return forms


_FORMS_BY_LAST_WORD = _forms_by_last_word()


class Match(NamedTuple):
    kind: str  # one of KINDS
    key: str
    target: int  # the existing record's id, or the earlier row's index
    # False when only the company is shared (its name or tax ID) by records
    # of different people: two contacts of one company, not a lead twice.
    same_lead: bool = True


class RowDuplicates(NamedTuple):
    existing: Match | None  # an existing record the row duplicates
    earlier: Match | None  # an earlier row of the file it duplicates


def email_key(value):
    """Lowercase address, also out of "Name <address>"."""
    text = str(value or "").strip()
    if match := _ANGLE_ADDRESS.search(text):
        text = match[1].strip()
    return text.lower() or None


def phone_key(value, region="ES"):
    """E.164 form, like Odoo's ``phone_sanitized``; None if not a number."""
    text = str(value or "").strip()
    if not text or _E164.fullmatch(text):
        return text or None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def vat_key(value):
    """Compact tax ID; Spanish ones without their optional ES prefix."""
    text = _VAT_JUNK.sub("", str(value or "")).upper()
    if text.startswith("ES") and len(text) == 11:
        text = text[2:]
    return text or None


def company_key(value):
    """Company name with case, accents, punctuation, spacing and legal form
    ignored: "Cerámicas Castellón, S.L." and "CERAMICAS CASTELLON SL" match."""
    text = unicodedata.normalize("NFKD", str(value or "").casefold())
    words = _NOT_ALNUM.sub(" ", text.encode("ascii", "ignore").decode()).split()
    return " ".join(_without_legal_form(words)) or None


def _without_legal_form(words):
    stripped = True
    while stripped and words:
        stripped = False
        for form in _FORMS_BY_LAST_WORD.get(words[-1], ()):
            # Keep a name that is nothing but a legal form ("Coop").
            if len(words) > len(form) and tuple(words[-len(form) :]) == form:
                words = words[: -len(form)]
                stripped = True
                break
    return words


def person_key(value):
    """A person's name with case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", str(value or "").casefold())
    return (
        " ".join(_NOT_ALNUM.sub(" ", text.encode("ascii", "ignore").decode()).split())
        or None
    )


def lead_keys(values, region="ES"):
    """[(kind, key)] of lead values (keys of lead_values.TARGETS), strongest
    kind first; phone and mobile are both phone keys."""
    company = company_key(values.get("partner_name"))
    vat = vat_key(values.get("vat"))
    person = person_key(values.get("contact_name"))
    candidates = (
        ("email", email_key(values.get("email_from"))),
        ("person", person and (company or vat) and f"{person}@{company or vat}"),
        ("phone", phone_key(values.get("phone"), region)),
        ("phone", phone_key(values.get("mobile"), region)),
        ("vat", vat),
        ("company", company),
    )
    return [(kind, key) for kind, key in candidates if key]


def _person(values):
    """Who a record is about, if anyone: (name key, email key)."""
    return person_key(values.get("contact_name")), email_key(values.get("email_from"))


def _different_people(person, other):
    """Whether two records name people who are not the same, by name first."""
    for mine, theirs in zip(person, other, strict=True):
        if mine and theirs:
            return mine != theirs
    return False


def collect_keys(rows_values, region="ES"):
    """{kind: set of keys} of all rows, to look existing records up in batch."""
    keys = {kind: set() for kind in KINDS}
    for values in rows_values:
        for kind, key in lead_keys(values, region):
            keys[kind].add(key)
    return keys


def index_records(records, region="ES", companies=frozenset()):
    """{kind: {key: (record id, (name, email))}} of existing ``records``, an
    iterable of (id, values) with values named like lead_values.TARGETS keys.
    The first record with a key keeps it, except that a company's own record
    (no person) takes a company key from a record of one of its people.
    ``companies``: ids of records that are companies, whose email (info@…)
    names no person."""
    index = {kind: {} for kind in KINDS}
    for record_id, values in records:
        person = (None, None) if record_id in companies else _person(values)
        _add(index, lead_keys(values, region), record_id, person)
    return index


def _add(index, keys, target, person):
    for kind, key in keys:
        held = index[kind].get(key)
        if held is None or (
            kind in _COMPANY_KINDS and any(held[1]) and not any(person)
        ):
            index[kind][key] = (target, person)


def find_duplicates(rows_values, existing, kinds=KINDS, region="ES"):
    """RowDuplicates of each row of ``rows_values`` (lead values dicts).

    ``existing`` is an index_records() result; only the ``kinds`` given count.
    A match of the same lead wins over one of the company only. The first row
    holding a key is the one later rows duplicate.
    """
    seen = {kind: {} for kind in kinds}
    results = []
    for index, values in enumerate(rows_values):
        keys = [(kind, key) for kind, key in lead_keys(values, region) if kind in seen]
        person = _person(values)
        results.append(
            RowDuplicates(
                _best_match(keys, person, existing), _best_match(keys, person, seen)
            )
        )
        _add(seen, keys, index, person)
    return results


def _best_match(keys, person, index):
    company_match = None
    for kind, key in keys:
        held = index.get(kind, {}).get(key)
        if held is None:
            continue
        target, other = held
        if kind in _COMPANY_KINDS:
            if not (any(person) or any(other)):
                return Match(kind, key, target)
            company_match = company_match or Match(kind, key, target, False)
        elif kind != "phone" or not _different_people(person, other):
            return Match(kind, key, target)
    return company_match
