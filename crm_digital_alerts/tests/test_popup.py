# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AlertsCommon

# A name that runs a script wherever it is taken for HTML.
SCRIPT_NAME = "<img src=x onerror=alert(1)>"


@tagged("post_install", "-at_install")
class TestPopup(AlertsCommon):
    """Pop-ups reach a salesperson's browser through the bus (web_notify)."""

    def test_salesperson_gets_a_popup_in_the_browser(self):
        before = self._popups_of(self.user_salesperson)
        self.user_salesperson.with_user(self.user_salesperson).notify_warning(
            message="Cliente con facturas vencidas", title="Alerta"
        )
        self.env.cr.precommit.run()
        popups = self._popups_of(self.user_salesperson) - before
        self.assertEqual(len(popups), 1)
        self.assertIn("Cliente con facturas vencidas", popups.message)

    def test_salesperson_cannot_push_popups_to_a_colleague(self):
        with self.assertRaises(UserError):
            self.user_salesperson_other.with_user(self.user_salesperson).notify_info(
                message="Spam"
            )

    def _alert_pop_up(self, lead, user):
        """The alert raised on ``lead`` stuck for 20 days, and the pop-up that
        ``user`` gets for it, as the bus carries it to the browser."""
        self._stick(lead, 20)
        before = self._popups_of(user)
        self.env.flush_all()
        alert = (
            self.env["crm.digital.alert"]
            ._cron_crm_digital_check()
            .filtered(lambda a: a.lead_id == lead)
        )
        self.env.cr.precommit.run()
        (popup,) = self._popups_of(user) - before
        return alert, json.loads(popup.message)["payload"]

    def test_a_script_in_a_lead_name_reaches_the_team_leader_as_text(self):
        # A salesperson names a lead of the team, with no one on it yet: its
        # alert goes to the team leader.
        lead = self._opportunity(SCRIPT_NAME, self.env["res.users"], self.team_led)
        alert, shown = self._alert_pop_up(lead, self.user_leader)
        self.assertEqual(alert.user_id, self.user_leader)
        # The alert itself keeps the name as typed: lists show it as text.
        self.assertTrue(alert.name.startswith(SCRIPT_NAME))
        # web_notify renders the message as HTML: the name goes escaped.
        self.assertNotIn("<", shown["message"])
        self.assertTrue(
            shown["message"].startswith("&lt;img src=x onerror=alert(1)&gt; has been")
        )
        self.assertEqual(shown["title"], "Customer alert")
        self.assertEqual(shown["action"]["res_model"], "crm.lead")
        self.assertEqual(shown["action"]["res_id"], lead.id)

    def test_the_pop_up_names_its_open_button_in_the_language_of_the_user(self):
        # Without a button name, web_notify's browser code calls env._t, which
        # Odoo 18 does not have, and shows an error instead of the pop-up.
        _alert, shown = self._alert_pop_up(self.lead_own, self.user_salesperson)
        self.assertEqual(
            shown["action"]["context"], {"params": {"button_name": "Open"}}
        )
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_digital_alerts"], ["es_ES"]
        )
        self.user_leader.lang = "es_ES"
        _alert, shown = self._alert_pop_up(self.lead_leader, self.user_leader)
        self.assertEqual(shown["title"], "Alerta de cliente")
        self.assertEqual(shown["action"]["context"]["params"]["button_name"], "Abrir")
