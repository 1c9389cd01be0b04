# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
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
