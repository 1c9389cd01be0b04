# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from pytz import utc

from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _crm_digital_available_now(self):
        """The users working right now by their resource calendar (or their
        company's), leaves and public holidays excluded."""
        start = utc.localize(fields.Datetime.now())
        end = start + timedelta(minutes=1)
        available = self.browse()
        for user in self:
            resource = user.resource_ids[:1]
            calendar = resource.calendar_id or user.company_id.resource_calendar_id
            if not calendar:
                available |= user
                continue
            intervals = calendar._work_intervals_batch(
                start, end, resources=resource or None
            )
            if intervals[resource.id]:
                available |= user
        return available
