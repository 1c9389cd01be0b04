# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plain-Python engines (no ORM): periods of the commercial year and the KPI
formulas, tested without a database."""

from . import definitions
from . import figures
from . import kpis
from . import periods
