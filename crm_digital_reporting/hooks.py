# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL

from .models.crm_digital_stage_history import STAYS_INDEX


def uninstall_hook(env):
    # The index is on the core's table, which stays.
    env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(STAYS_INDEX)))
