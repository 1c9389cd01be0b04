# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bounds on the values of a lead, whatever path they come by (form, RPC,
REST, file import, mail gateway): a value past them is a mistake or an attack,
never a lead."""

import math
import re
from datetime import date, datetime

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# Characters of a text field: a page of text is no name nor address.
TEXT_MAX = 1000
TEXT_LIMITS = {
    # RFC 5321 caps an address at 254; a display name comes with it.
    "email_from": 320,
    "phone": 64,
    "mobile": 64,
}
# Amounts, in the company's currency: no SME's deal is worth more.
AMOUNT_MAX = 10**12
# Amounts that are a deal's worth, never below zero.
NON_NEGATIVE = frozenset({"expected_revenue", "recurring_revenue"})
YEAR_MIN, YEAR_MAX = 1900, 2199
# A line break in an address is a header injected into the emails sent to it.
_EMAIL_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
EMAIL_FIELDS = frozenset({"email_from", "email_cc"})


def text_limit(name):
    return TEXT_LIMITS.get(name, TEXT_MAX)


def clamp_text(name, value):
    """``value`` cut to the field's limit (for texts no one typed, such as an
    incoming email's subject, which must not be refused)."""
    if not isinstance(value, str):
        return value
    if name in EMAIL_FIELDS:
        value = _EMAIL_CONTROLS.sub(" ", value)
    return value[: text_limit(name)]


def text_problem(name, label, value):
    """The problem of text ``value`` of field ``name`` (shown as ``label``),
    or None."""
    if not isinstance(value, str):
        return None
    limit = text_limit(name)
    if len(value) > limit:
        return _lt(
            "%(field)s is %(length)s characters long; at most %(limit)s are allowed.",
            field=label,
            length=len(value),
            limit=limit,
        )
    if name in EMAIL_FIELDS and _EMAIL_CONTROLS.search(value):
        return _lt(
            "%(field)s holds a line break or another control character: write "
            "the address on one line.",
            field=label,
        )
    return None


def amount_problem(name, label, value):
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value) or abs(value) > AMOUNT_MAX:
        return _lt(
            "%(field)s must be a number between -%(max)s and %(max)s.",
            field=label,
            max=AMOUNT_MAX,
        )
    if name in NON_NEGATIVE and value < 0:
        return _lt("%(field)s cannot be negative.", field=label)
    return None


def date_problem(label, value):
    """The problem of ``value``, a date(time) or None when it is not one."""
    if isinstance(value, date | datetime) and not YEAR_MIN <= value.year <= YEAR_MAX:
        return date_range_error(label)
    return None


def date_range_error(label):
    return _lt(
        "%(field)s must be a date between the years %(min)s and %(max)s.",
        field=label,
        min=YEAR_MIN,
        max=YEAR_MAX,
    )
