# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.crm_digital.tests.test_ui import WIDTHS

from .common import AlertsCommon


@tagged("post_install", "-at_install")
class TestAlertsUi(HttpCase, AlertsCommon):
    def _run_alerts_tour(self, device):
        for lead in (self.lead_own, self.lead_other):
            lead.stage_id.crm_digital_stuck_days = 10
            lead.date_last_stage_update = fields.Datetime.now() - timedelta(days=20)
        self.env["crm.digital.alert"]._cron_crm_digital_check()
        self.browser_size = WIDTHS[device]
        self.touch_enabled = device != "desktop"
        self.start_tour(
            "/odoo/action-crm.crm_lead_action_pipeline",
            "crm_digital_alerts",
            login="crmd_salesperson",
        )

    def test_salesperson_follows_an_alert_on_phone(self):
        self._run_alerts_tour("phone")

    def test_salesperson_follows_an_alert_on_desktop(self):
        self._run_alerts_tour("desktop")
