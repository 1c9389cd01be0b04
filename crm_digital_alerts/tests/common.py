# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields

from odoo.addons.crm_digital.tests.common import CrmDigitalCommon


class AlertsCommon(CrmDigitalCommon):
    def _popups_of(self, user):
        """The pop-ups sent to the browser of a user (web_notify)."""
        return (
            self.env["bus.bus"]
            .sudo()
            .search([("channel", "like", f'"res.partner",{user.partner_id.id}]')])
            .filtered(lambda bus: '"web_notify"' in bus.message)
        )

    def _stick(self, lead, days):
        """Leave ``lead`` ``days`` in its stage, which a lead stays in for 10
        days at most before it is stuck."""
        lead.stage_id.crm_digital_stuck_days = 10
        since = fields.Datetime.now() - timedelta(days=days)
        lead.sudo().crm_digital_stage_date = since
