# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import AlertsCommon


@tagged("post_install", "-at_install")
class TestAlerts(AlertsCommon):
    """Alerts are raised once per cause, pop up for the person alerted, show
    as badges and in the customer's history, and close when the cause goes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Alert = cls.env["crm.digital.alert"]
        cls.customer = cls.env["res.partner"].create(
            {"name": "Talleres Albufera, S.L.", "is_company": True}
        )
        cls.lead_own.partner_id = cls.customer
        cls.lead_other.partner_id = cls.customer
        cls.stage = cls.env.ref("crm_digital.stage_analysis")
        cls.stage.crm_digital_stuck_days = 10
        cls.product = cls.env["product.product"].create(
            {
                "name": "Copia de seguridad en la nube",
                "type": "service",
                "list_price": 29,
                "crm_digital_recurrence": "month",
            }
        )

    def _check(self):
        self.env.flush_all()
        alerts = self.Alert._cron_crm_digital_check()
        self.env.cr.precommit.run()
        # What the user sees next comes from a new request.
        self.env.invalidate_all()
        return alerts

    def _stick(self, lead, days):
        lead.stage_id = self.stage
        lead.sudo().crm_digital_stage_date = fields.Datetime.now() - timedelta(
            days=days
        )

    def _order(self, **values):
        return self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.user_salesperson.id,
                "team_id": self.team_led.id,
                "order_line": [Command.create({"product_id": self.product.id})],
                **values,
            }
        )

    def test_a_stuck_opportunity_warns_then_becomes_urgent_without_a_new_alert(self):
        self._stick(self.lead_own, 12)
        (alert,) = self._check()
        self.assertEqual(alert.severity, "warning")
        self.assertIn("12 days in", alert.name)
        self._stick(self.lead_own, 21)
        popups = self._popups_of(self.user_salesperson)
        self.assertFalse(self._check())
        self.assertFalse(self._popups_of(self.user_salesperson) - popups)
        self.assertEqual(alert.severity, "danger")
        self.assertIn("21 days in", alert.name)
        self.assertTrue(alert.active)

    def test_a_stuck_opportunity_alerts_its_salesperson_once(self):
        self._stick(self.lead_own, 20)
        popups = self._popups_of(self.user_salesperson)
        (alert,) = self._check()
        self.assertEqual(alert.kind, "stuck")
        self.assertEqual(alert.severity, "danger")
        self.assertEqual(alert.user_id, self.user_salesperson)
        self.assertEqual(alert.partner_id, self.customer)
        self.assertEqual(alert.lead_id, self.lead_own)
        self.assertIn("20 days in", alert.name)
        (popup,) = self._popups_of(self.user_salesperson) - popups
        shown = json.loads(popup.message)["payload"]
        self.assertEqual(shown["message"], alert.name)
        self.assertEqual(shown["action"]["res_id"], self.lead_own.id)
        # Badges on the opportunity and the customer.
        lead = self.lead_own.with_user(self.user_salesperson)
        self.assertEqual(lead.crm_digital_alert_count, 1)
        self.assertEqual(
            self.customer.with_user(self.user_salesperson).crm_digital_alert_count, 1
        )
        # The next check raises nothing new and pops up nothing more.
        popups = self._popups_of(self.user_salesperson)
        self.assertFalse(self._check())
        self.assertFalse(self._popups_of(self.user_salesperson) - popups)
        self.assertEqual(self.Alert.search_count([("kind", "=", "stuck")]), 1)
        # Moving on closes it; the customer's history keeps it.
        self.lead_own.write(
            {
                "stage_id": self.env.ref("crm_digital.stage_offer").id,
                "date_deadline": "2027-01-31",
            }
        )
        self._check()
        self.assertFalse(alert.active)
        self.assertTrue(alert.date_closed)
        self.assertEqual(lead.crm_digital_alert_count, 0)
        history = self.env["crm.digital.customer.event"].with_user(
            self.user_salesperson
        )
        self.assertEqual(
            history.search(
                [("partner_id", "=", self.customer.id), ("kind", "=", "alert")]
            ).mapped("res_id"),
            [alert.id],
        )

    def test_a_deal_passed_on_alerts_its_new_salesperson(self):
        self._stick(self.lead_own, 20)
        (first,) = self._check()
        self.lead_own.user_id = self.user_leader
        popups = self._popups_of(self.user_leader)
        (second,) = self._check()
        self.assertFalse(first.active)
        self.assertEqual(second.user_id, self.user_leader)
        self.assertEqual(len(self._popups_of(self.user_leader) - popups), 1)

    def test_each_role_sees_the_alerts_of_the_deals_it_sees(self):
        self._stick(self.lead_own, 20)
        self._stick(self.lead_other, 20)
        self._check()

        def seen_by(user):
            return self.Alert.with_user(user).search([]).lead_id

        self.assertEqual(seen_by(self.user_salesperson), self.lead_own)
        self.assertEqual(seen_by(self.user_salesperson_other), self.lead_other)
        self.assertEqual(seen_by(self.user_leader), self.lead_own)
        self.assertEqual(seen_by(self.user_manager), self.lead_own | self.lead_other)

    def test_the_person_alerted_marks_an_alert_seen_until_it_grows_urgent(self):
        self._stick(self.lead_own, 12)
        (alert,) = self._check()
        lead = self.lead_own.with_user(self.user_salesperson)
        self.assertEqual(lead.crm_digital_alert_count, 1)
        # A colleague who sees the deal's alert may not mark it for its owner.
        colleague = alert.with_user(self.user_salesperson_other)
        with self.assertRaises(AccessError):
            colleague.action_acknowledge()
        mine = alert.with_user(self.user_salesperson)
        self.assertTrue(mine.can_acknowledge)
        mine.action_acknowledge()
        self.env.invalidate_all()
        self.assertEqual(alert.acknowledged_by_id, self.user_salesperson)
        self.assertTrue(alert.date_acknowledged)
        self.assertFalse(mine.can_acknowledge)
        self.assertEqual(lead.crm_digital_alert_count, 0)
        self.assertEqual(
            self.customer.with_user(self.user_salesperson).crm_digital_alert_count, 0
        )
        # Its team leader marking it again keeps who saw it first.
        alert.with_user(self.user_leader).action_acknowledge()
        self.assertEqual(alert.acknowledged_by_id, self.user_salesperson)
        # Twice the stage's limit makes it urgent: it counts again.
        self._stick(self.lead_own, 21)
        self._check()
        self.assertEqual(alert.severity, "danger")
        self.assertFalse(alert.acknowledged_by_id)
        self.assertEqual(lead.crm_digital_alert_count, 1)
        # A closed alert is past marking.
        self.lead_own.action_set_lost()
        self._check()
        self.assertFalse(alert.active)
        with self.assertRaises(AccessError):
            alert.with_user(self.user_manager).action_acknowledge()

    def test_quotations_and_renewals_alert_the_days_set(self):
        today = fields.Date.today()
        expiring = self._order(validity_date=today + timedelta(days=2))
        self._order(validity_date=today + timedelta(days=10))
        renewing = self._order()
        renewing.action_confirm()
        renewing.date_order = fields.Datetime.now() - timedelta(days=350)
        self.assertEqual(
            renewing.crm_digital_renewal_date,
            renewing.date_order.date() + relativedelta(years=1),
        )
        alerts = self._check()
        self.assertEqual(
            sorted(alerts.mapped(lambda a: (a.kind, a.order_id))),
            sorted([("quotation_expiring", expiring), ("renewal", renewing)]),
        )
        self.assertEqual(alerts.mapped("severity"), ["warning", "info"])
        # The consultant switches renewal alerts off: the open one closes.
        settings = self.env["res.config.settings"].with_user(self.user_consultant)
        settings.create({"crm_digital_alert_renewal_days": 0}).execute()
        self._check()
        self.assertEqual(self.Alert.search([]).mapped("kind"), ["quotation_expiring"])

    def test_a_customer_gone_inactive_alerts_its_salesperson_in_spanish(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_digital_alerts"], ["es_ES"]
        )
        self.user_salesperson.lang = "es_ES"
        self.customer.user_id = self.user_salesperson
        self.lead_own.action_set_lost()
        self.lead_other.action_set_lost()
        order = self._order()
        self.product.crm_digital_recurrence = False
        order.action_confirm()
        order.date_order = fields.Datetime.now() - relativedelta(months=14)
        self.env.cr.flush()  # the stage is worked out as the transaction ends
        self.assertEqual(self.customer.crm_digital_lifecycle, "lost")
        (alert,) = self._check()
        self.assertEqual(alert.kind, "inactive")
        self.assertEqual(alert.user_id, self.user_salesperson)
        self.assertIn("no ha cerrado ningún negocio desde", alert.name)

    def test_pop_ups_can_be_switched_off(self):
        self.env.company.crm_digital_alert_popup = False
        self._stick(self.lead_own, 20)
        popups = self._popups_of(self.user_salesperson)
        self.assertTrue(self._check())
        self.assertFalse(self._popups_of(self.user_salesperson) - popups)

    def test_the_justification_shows_the_alerts_set_and_raised(self):
        self.env.company.crm_digital_alert_renewal_days = 0
        self._stick(self.lead_own, 20)
        self._check()
        Report = self.env["report.crm_digital.report_justification"]
        lines = Report._crm_digital_evidence(self.env.company)["alerts"]
        installed = "Installed: customer alerts shown with icons, badges and pop-ups."
        self.assertIn(installed, lines)
        self.assertIn(
            "Alerts on stuck opportunities: on; days before a quotation expires: 3; "
            "days before a service renews: off; on customers gone inactive: on; "
            "pop-ups: on.",
            lines,
        )
        self.assertIn("Alerts raised: 1, 1 of them open.", lines)

    def test_alert_days_cannot_be_negative(self):
        with self.assertRaisesRegex(ValidationError, "Alert days"):
            self.env.company.crm_digital_alert_renewal_days = -5

    def test_the_consultant_sets_alerts_in_the_crm_digital_settings(self):
        settings = self.env["res.config.settings"].with_user(self.user_consultant)
        arch = settings.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="crm_digital_alerts"', arch)
        self.assertIn("crm_digital_alert_quotation_days", arch)
