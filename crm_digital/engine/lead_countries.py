# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The country a lead file names: its ISO 3166-1 alpha-2 code, found by exact
comparison of the folded text, never by prefix or likeness ("Narnia" is no
country, not Namibia)."""

import re

from babel import Locale

from .lead_file import column_key

# The languages a Spanish company's files are written in, by precedence.
_LANGUAGES = ("es", "ca", "en")
# CLDR regions with 2-letter keys that are no ISO 3166-1 country (nor one of
# Odoo's): the EU, the UN, pseudo-locales, and parts of other countries such
# as the Canary Islands or Ceuta and Melilla (Spain, see _VARIANTS).
_NOT_COUNTRIES = frozenset(
    ("AC", "CP", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ")
)
# What people in Spain type that CLDR does not name: short forms, parts of a
# country named for the whole, older names, a few ISO alpha-3 codes and the
# names of neighbours in their own language.
_VARIANTS = {
    "ES": (
        "ESP",
        "Reino de España",
        "Canarias",
        "Islas Canarias",
        "Canary Islands",
        "Ceuta",
        "Melilla",
    ),
    "US": (
        "EE.UU.",
        "USA",
        "Estados Unidos de América",
        "United States of America",
        "Estats Units d'Amèrica",
    ),
    "GB": (
        "UK",
        "GBR",
        "Gran Bretaña",
        "Gran Bretanya",
        "Great Britain",
        "Inglaterra",
        "Anglaterra",
        "England",
        "Escocia",
        "Escòcia",
        "Scotland",
        "Gales",
        "Gal·les",
        "Wales",
        "Irlanda del Norte",
        "Irlanda del Nord",
        "Northern Ireland",
    ),
    "NL": ("Holanda", "Holland", "The Netherlands", "Nederland"),
    "DE": ("DEU", "Deutschland"),
    "FR": ("FRA",),
    "IT": ("ITA",),
    "PT": ("PRT",),
    "BE": ("Belgique", "België"),
    "CH": ("Schweiz", "Suisse", "Svizzera"),
    "AT": ("Österreich",),
    "CZ": ("República Checa", "República Txeca", "Czech Republic"),
    "TR": ("Türkiye",),
    "AE": ("EAU", "UAE", "Emiratos Árabes"),
    "CI": ("Costa de Marfil", "Costa d'Ivori", "Ivory Coast"),
    "HK": ("Hong Kong",),
    "MO": ("Macao", "Macau"),
    "SZ": ("Suazilandia", "Swaziland"),
    "MK": ("Macedonia",),
    "VA": ("Vaticano",),
}
_PARENTHESES = re.compile(r"\s*\(.*?\)")


def _name_forms(name):
    """A CLDR name and the ways it is also written: "Myanmar (Burma)" as
    "Myanmar", "St. Kitts & Nevis" as "Saint Kitts and Nevis"."""
    forms = {name, _PARENTHESES.sub("", name)}
    for form in list(forms):
        forms.add(form.replace("&", "and").replace("St. ", "Saint "))
    return forms


def _build_index():
    index = {}
    for code, variants in _VARIANTS.items():
        for variant in variants:
            index[column_key(variant)] = code
    territories = [Locale.parse(lang).territories for lang in _LANGUAGES]
    codes = [
        code
        for code in territories[0]
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    for code in codes:
        index.setdefault(column_key(code), code)
    # The first language that names a country so keeps the name.
    for names in territories:
        for code in codes:
            for form in _name_forms(names[code]):
                index.setdefault(column_key(form), code)
    return index


# {name or code as column_key() folds it: alpha-2 code}. Case, accents, spaces
# and punctuation do not count ("EE. UU." is "EEUU"). Immutable reference
# data, built once at import.
_INDEX = _build_index()


def country_code(text):
    """ISO 3166-1 alpha-2 code (upper case) of the country ``text`` names in
    Spanish, Catalan or English, or writes as its code; None if none does.

    Only a whole name counts: "Alemania" is DE, "Alem" and "Narnia" None.
    """
    return _INDEX.get(column_key(text or ""))
