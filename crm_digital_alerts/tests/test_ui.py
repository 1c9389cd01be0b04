# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
import time

from odoo import SUPERUSER_ID, api
from odoo.tests import HttpCase, tagged

from odoo.addons.bus.models.bus import channel_with_db, dispatch, hashable
from odoo.addons.bus.tests.common import WebsocketCase
from odoo.addons.crm_digital.tests.test_ui import WIDTHS

from .common import AlertsCommon

# As in static/tests/tours/crm_digital_alerts_popup_tour.js.
SCRIPT_NAME = '<img src=x onerror=console.error("crm_digital_alerts_xss")>'


@tagged("post_install", "-at_install")
class TestAlertsUi(HttpCase, AlertsCommon):
    def _run_alerts_tour(self, device):
        for lead in (self.lead_own, self.lead_other):
            self._stick(lead, 20)
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

    def test_the_alerts_list_fits_a_phone(self):
        self.lead_own.partner_id = self.env["res.partner"].create(
            {"name": "Talleres Albufera, S.L.", "is_company": True}
        )
        self._stick(self.lead_own, 20)
        self.env["crm.digital.alert"]._cron_crm_digital_check()
        self.browser_size = WIDTHS["phone"]
        self.touch_enabled = True
        self.start_tour(
            "/odoo/action-crm_digital_alerts.crm_digital_alert_action",
            "crm_digital_alerts_screen",
            login="crmd_salesperson",
        )


@tagged("post_install", "-at_install")
class TestAlertsPopUpUi(WebsocketCase, AlertsCommon):
    """A real pop-up: raised on the server while the browser is open, carried
    by the bus's websocket (which WebsocketCase opens to tests), shown by
    web_notify."""

    def _raise_alerts_once_listening(self, user, errors):
        """Run the scheduled check once ``user``'s browser listens to the bus,
        then wake its websocket, as a commit's NOTIFY would outside tests
        (a test cursor never commits)."""
        channel = hashable(channel_with_db(self.env.cr.dbname, user.partner_id))

        def listening():
            return dispatch._channels_to_ws.get(channel, set())

        def raise_alerts():
            deadline = time.monotonic() + 60
            while not listening():
                if time.monotonic() > deadline:
                    errors.append("The browser never listened to the bus.")
                    return
                time.sleep(0.2)
            # A cursor like a request's, on the test's transaction; errors
            # are reported by the test.
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    env["crm.digital.alert"]._cron_crm_digital_check()
            except Exception as error:
                errors.append(error)
                return
            for websocket in list(listening()):
                websocket.trigger_notification_dispatching()

        thread = threading.Thread(target=raise_alerts, daemon=True)
        thread.start()
        return thread

    def test_team_leader_gets_a_pop_up_showing_a_script_as_text(self):
        # A salesperson names a lead of the team with a script; no one is on
        # it yet, so its alert goes to the team leader.
        lead = self._opportunity(SCRIPT_NAME, self.env["res.users"], self.team_led)
        self._stick(lead, 20)
        self.browser_size = WIDTHS["desktop"]
        errors = []
        thread = self._raise_alerts_once_listening(self.user_leader, errors)
        self.start_tour(
            "/odoo/action-crm.crm_lead_action_pipeline",
            "crm_digital_alerts_popup",
            login="crmd_leader",
        )
        thread.join(timeout=10)
        self.assertFalse(errors)
        alert = self.env["crm.digital.alert"].search([("lead_id", "=", lead.id)])
        self.assertEqual(alert.user_id, self.user_leader)
