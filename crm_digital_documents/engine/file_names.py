# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Names of the files and folders dms keeps: whatever a customer's email or an
upload calls a file, the name it gets in its folder is a valid file name
(dms refuses one it could not create on disk) and unique in that folder (dms
refuses a second one)."""

import os
import re
import unicodedata

# What a file system or a download refuses in a name: path separators,
# control characters (NUL, line breaks) and the characters Windows reserves.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_SPACES = re.compile(r"\s+")
# " (2)" at the end of a name already made unique.
_SUFFIX = re.compile(r" \((\d+)\)$")
# Longer than this, what follows the last dot is not an extension to keep.
_MAX_EXTENSION = 16
# Most file systems limit a name to 255 bytes.
MAX_BYTES = 255
DEFAULT_NAME = "document"


def _split(name):
    stem, extension = os.path.splitext(name)
    if len(extension) > _MAX_EXTENSION or not extension[1:].strip():
        return name, ""
    return stem, extension


def _fit(stem, extension, suffix=""):
    """``stem + suffix + extension`` cut in the stem to MAX_BYTES, never in
    the middle of a character."""
    room = MAX_BYTES - len((suffix + extension).encode())
    stem = stem.encode()[:room].decode(errors="ignore").rstrip()
    return f"{stem or DEFAULT_NAME}{suffix}{extension}"


def clean_file_name(name):
    """A valid file name for ``name``: unsafe characters become "_", spaces
    are collapsed, a name left empty (or only dots) becomes "document", and a
    long one is cut in its stem, keeping the extension.

    >>> clean_file_name("Factura 2024/15.pdf")
    'Factura 2024_15.pdf'
    """
    name = unicodedata.normalize("NFC", name or "")
    name = _UNSAFE.sub("_", _SPACES.sub(" ", name)).strip()
    if not name.strip("."):
        return DEFAULT_NAME
    stem, extension = _split(name)
    return _fit(stem, extension)


def unique_name(name, taken):
    """``name``, or, if ``taken`` (a collection of names) has it already, the
    first free "stem (n).ext" from n = 2; a name that is already "stem (n)"
    goes on counting from n.

    >>> unique_name("image001.png", {"image001.png"})
    'image001 (2).png'
    """
    if name not in taken:
        return name
    stem, extension = _split(name)
    counter = 2
    if match := _SUFFIX.search(stem):
        stem, counter = stem[: match.start()], int(match.group(1)) + 1
    while True:
        candidate = _fit(stem, extension, f" ({counter})")
        if candidate not in taken:
            return candidate
        counter += 1


def fallback_file_name(number, name):
    """A name that holds no character of the original but its extension,
    for when dms refused the cleaned one: "document-<number>.<ext>"."""
    extension = _split(clean_file_name(name))[1]
    if not re.fullmatch(r"\.\w+", extension):
        extension = ""
    return f"{DEFAULT_NAME}-{number}{extension}"
