# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AlertsCommon


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
