# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plain-Python engines (no ORM): the models gather facts and call them, the
tests exercise them without a database."""

from . import file_names
