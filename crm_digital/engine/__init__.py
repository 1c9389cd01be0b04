# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plain-Python engines (no ORM): the models gather facts and call them, the
tests exercise them without a database."""

from . import assignment
from . import lead_duplicates
from . import lead_file
from . import lead_templates
from . import lead_values
