# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ast import literal_eval
from datetime import date, timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.mail.tests.common import MailCase

from .common import CrmDigitalCommon


@tagged("post_install", "-at_install")
class TestTaskRules(MailCase, CrmDigitalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["crm.digital.task.rule"].with_context(active_test=False)
        cls.Rule.search([("trigger", "!=", False)]).active = True
        cls.product = cls.env["product.product"].create(
            {"name": "Implantación CRM", "list_price": 1500}
        )

    def _tasks(self, record, rule_xmlid):
        summary = self.env.ref(rule_xmlid).summary
        return record.activity_ids.filtered(lambda a: a.summary == summary)

    def _deal(self, **values):
        return self.env["crm.lead"].create(
            {
                "name": "CRM para la clínica",
                "type": "opportunity",
                "user_id": self.user_salesperson.id,
                "team_id": self.team_led.id,
                **values,
            }
        )

    def test_default_rules_ship_and_switch_off_one_by_one(self):
        rules = self.Rule.search([("trigger", "!=", False)])
        self.assertGreaterEqual(len(rules), 6)
        self.assertTrue(all(rules.automation_id.mapped("active")))
        rule = self.env.ref("crm_digital.task_rule_new_lead_call")
        rule.active = False
        self.assertFalse(rule.automation_id.active)
        self.assertFalse(
            self._tasks(self._deal(), "crm_digital.task_rule_new_lead_call")
        )
        rule.active = True
        self.assertTrue(rule.automation_id.active)

    def test_an_assigned_lead_gets_a_call_for_its_salesperson(self):
        lead = self._deal()
        (call,) = self._tasks(lead, "crm_digital.task_rule_new_lead_call")
        self.assertEqual(call.user_id, self.user_salesperson)
        self.assertEqual(
            call.activity_type_id, self.env.ref("mail.mail_activity_data_call")
        )
        self.assertEqual(call.date_deadline, fields.Date.today() + timedelta(days=1))
        unassigned = self._deal(user_id=False)
        self.assertFalse(
            self._tasks(unassigned, "crm_digital.task_rule_new_lead_call"),
            "no salesperson, no call",
        )

    def test_leads_assigned_together_get_their_tasks_at_once_without_emails(self):
        leads = self._deal(user_id=False) | self._deal(user_id=False)
        leads |= self._deal(user_id=False)
        created = []
        Activity = self.registry["mail.activity"]
        origin = Activity.create

        def count_creations(records, vals_list):
            created.append(len(vals_list))
            return origin(records, vals_list)

        with (
            patch.object(Activity, "create", count_creations),
            self.mock_mail_gateway(),
            self.mock_mail_app(),
        ):
            leads.user_id = self.user_salesperson
        calls = self.env["mail.activity"].browse()
        for lead in leads:
            calls |= self._tasks(lead, "crm_digital.task_rule_new_lead_call")
        self.assertEqual(len(calls), 3)
        self.assertEqual(calls.user_id, self.user_salesperson)
        self.assertEqual(created, [3], "one creation for the three leads")
        # The calls are in the salesperson's activities; no e-mail each.
        self.assertFalse(self._new_mails)
        self.assertFalse(
            self._new_msgs.filtered(
                lambda msg: self.user_salesperson.partner_id in msg.partner_ids
            )
        )

    def test_entering_a_stage_plans_its_task(self):
        lead = self._deal(expected_revenue=1500, date_deadline="2026-12-31")
        rule = "crm_digital.task_rule_negotiation_meeting"
        lead.stage_id = self.env.ref("crm_digital.stage_offer")
        self.assertFalse(self._tasks(lead, rule))
        lead.stage_id = self.env.ref("crm_digital.stage_negotiation")
        (meeting,) = self._tasks(lead, rule)
        self.assertEqual(
            meeting.activity_type_id, self.env.ref("mail.mail_activity_data_meeting")
        )

    def test_a_lead_created_in_the_stage_gets_each_task_once(self):
        rule = "crm_digital.task_rule_negotiation_meeting"
        given = self._deal(
            stage_id=self.env.ref("crm_digital.stage_negotiation").id,
            expected_revenue=1500,
            date_deadline="2026-12-31",
        )
        self.assertEqual(len(self._tasks(given, rule)), 1)
        self.assertEqual(
            len(self._tasks(given, "crm_digital.task_rule_new_lead_call")), 1
        )
        # The stage a new lead starts in is computed while it is created.
        analysis = self.env.ref("crm_digital.stage_analysis")
        self.env.ref(rule).stage_id = analysis
        computed = self._deal()
        self.assertEqual(computed.stage_id, analysis)
        self.assertEqual(len(self._tasks(computed, rule)), 1)

    def test_a_rule_moved_to_another_stage_plans_its_task_there(self):
        rule = "crm_digital.task_rule_negotiation_meeting"
        self.env.ref(rule).stage_id = self.env.ref("crm_digital.stage_offer")
        lead = self._deal(expected_revenue=1500, date_deadline="2026-12-31")
        lead.stage_id = self.env.ref("crm_digital.stage_offer")
        self.assertEqual(len(self._tasks(lead, rule)), 1)
        lead.stage_id = self.env.ref("crm_digital.stage_negotiation")
        self.assertEqual(len(self._tasks(lead, rule)), 1)

    def test_a_quotation_sent_is_followed_up(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.user_salesperson_other.partner_id.id,
                "user_id": self.user_salesperson.id,
                "team_id": self.team_led.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        rule = "crm_digital.task_rule_quotation_follow_up"
        self.assertFalse(self._tasks(order, rule))
        order.action_quotation_sent()
        (follow_up,) = self._tasks(order, rule)
        self.assertEqual(follow_up.user_id, self.user_salesperson)

    def _run_timed_rules(self):
        # What the scheduled action of automated rules does.
        self.env["base.automation"]._check()

    def test_timed_rules_fire_on_what_is_due_only(self):
        now = fields.Datetime.now()
        stuck = self._deal(name="Atascada")
        stuck.sudo().crm_digital_stage_date = now - timedelta(days=16)
        fresh = self._deal(name="Reciente")
        won = self._deal(name="Ganada hace tiempo")
        won.action_set_won()
        won.sudo().crm_digital_stage_date = now - timedelta(days=40)
        forgotten = self._deal(name="Olvidada")
        forgotten.crm_digital_last_activity_date = now - timedelta(days=11)
        expiring = self.env["sale.order"].create(
            {
                "partner_id": self.user_salesperson_other.partner_id.id,
                "user_id": self.user_salesperson.id,
                "validity_date": fields.Date.today() + timedelta(days=2),
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        self.env.flush_all()
        self._run_timed_rules()
        (review,) = self._tasks(stuck, "crm_digital.task_rule_stuck")
        self.assertEqual(review.user_id, self.user_leader, "the team leader reviews")
        for lead in (fresh, won):
            self.assertFalse(self._tasks(lead, "crm_digital.task_rule_stuck"))
        self.assertTrue(self._tasks(forgotten, "crm_digital.task_rule_inactive"))
        self.assertFalse(self._tasks(fresh, "crm_digital.task_rule_inactive"))
        self.assertTrue(
            self._tasks(expiring, "crm_digital.task_rule_quotation_expiring")
        )

    def test_the_cron_writes_each_task_in_the_language_of_whom_it_is_for(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["crm_digital"], ["es_ES"])
        self.user_leader.lang = "es_ES"
        english_leader = new_test_user(
            self.env,
            "crmd_leader_en",
            groups="crm_digital.group_crm_digital_team_leader",
        )
        self.team_other.user_id = english_leader
        spanish = self._deal(name="Atascada")
        english = self._deal(name="Stuck", team_id=self.team_other.id)
        (spanish | english).sudo().crm_digital_stage_date = (
            fields.Datetime.now() - timedelta(days=16)
        )
        self.env.flush_all()
        # What the scheduled action of automated rules runs, as its user: the
        # superuser, in English (without the commit of its automatic mode).
        cron = self.env.ref("base_automation.ir_cron_data_base_automation_check")
        self.assertEqual(cron.user_id.lang, "en_US")
        self.env["base.automation"].with_user(cron.user_id).with_context(
            lang=cron.user_id.lang
        )._check()
        rule = self.env.ref("crm_digital.task_rule_stuck")
        titles = {
            lang: rule.with_context(lang=lang).summary for lang in ("es_ES", "en_US")
        }
        self.assertNotEqual(titles["es_ES"], titles["en_US"])
        for deal, leader, lang in (
            (spanish, self.user_leader, "es_ES"),
            (english, english_leader, "en_US"),
        ):
            (review,) = deal.activity_ids.filtered(
                lambda a: a.summary in titles.values()
            )
            self.assertEqual(review.user_id, leader)
            self.assertEqual(review.summary, titles[lang])

    def _signed(self, recurrence, days_ago):
        product = self.env["product.product"].create(
            {
                "name": f"Servicio {recurrence}",
                "type": "service",
                "list_price": 100,
                "crm_digital_recurrence": recurrence,
            }
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.user_salesperson_other.partner_id.id,
                "user_id": self.user_salesperson.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        order.action_confirm()
        order.date_order = fields.Datetime.now() - timedelta(days=days_ago)
        return order

    def test_recurring_services_renew_every_year_from_the_order(self):
        today = fields.Date.today()
        for recurrence in ("year", "month"):
            order = self._signed(recurrence, days_ago=0)
            self.assertEqual(
                order.crm_digital_renewal_date, today + relativedelta(years=1)
            )
        self.assertFalse(self._signed(False, days_ago=0).crm_digital_renewal_date)
        # Signed 13 months ago: the next renewal is next year's.
        older = self._signed("month", days_ago=395)
        self.assertEqual(
            older.crm_digital_renewal_date,
            older.date_order.date() + relativedelta(years=2),
        )
        # A renewal that passed moves on to the next anniversary.
        older.crm_digital_renewal_date = today - timedelta(days=1)
        self.env["sale.order"]._cron_crm_digital_next_renewal()
        self.assertEqual(
            older.crm_digital_renewal_date,
            older.date_order.date() + relativedelta(years=2),
        )
        # The customer ends the services: no renewal after that day.
        last_day = older.crm_digital_renewal_date - timedelta(days=1)
        older.crm_digital_services_end_date = last_day
        self.assertFalse(older.crm_digital_renewal_date)
        cancelled = self._signed("year", days_ago=0)
        cancelled._action_cancel()
        self.assertFalse(cancelled.crm_digital_renewal_date)

    def test_a_renewal_keeps_the_day_of_the_order(self):
        order = self._signed("year", days_ago=0)
        order.date_order = "2024-02-29 10:00:00"
        for today, renewal in (
            ("2027-02-01", date(2027, 2, 28)),
            ("2027-03-01", date(2028, 2, 29)),
        ):
            with freeze_time(today):
                order._compute_crm_digital_renewal_date()
                self.assertEqual(order.crm_digital_renewal_date, renewal, today)

    def test_a_renewal_is_prepared_days_before(self):
        rule = "crm_digital.task_rule_renewal"
        soon = self._signed("year", days_ago=365 - 20)
        later = self._signed("year", days_ago=365 - 60)
        self.env.flush_all()
        self._run_timed_rules()
        (call,) = self._tasks(soon, rule)
        self.assertEqual(call.user_id, self.user_salesperson)
        self.assertFalse(self._tasks(later, rule), "renews in 60 days, 30 are set")

    def test_a_done_activity_restarts_the_days_without_activity(self):
        lead = self._deal()
        lead.crm_digital_last_activity_date = fields.Datetime.now() - timedelta(days=11)
        lead.activity_ids[:1].action_feedback(feedback="Hablamos")
        self.assertGreater(
            lead.crm_digital_last_activity_date,
            fields.Datetime.now() - timedelta(minutes=5),
        )

    def test_rules_explain_what_is_missing(self):
        with self.assertRaisesRegex(ValidationError, "choose the stage"):
            self.Rule.create({"name": "Sin etapa", "trigger": "stage"})
        for trigger in ("stuck", "renewal"):
            with self.assertRaisesRegex(ValidationError, "give a number of days"):
                self.Rule.create({"name": "Sin días", "trigger": trigger})
        with self.assertRaisesRegex(ValidationError, "choose the user"):
            self.Rule.create({"name": "Sin usuario", "assignee": "user"})

    def test_planning_shows_each_person_the_tasks_they_may_see(self):
        mine = self._deal()
        theirs = self._deal(
            user_id=self.user_salesperson_other.id, team_id=self.team_other.id
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_digital.mail_activity_action_crm_digital"
        )
        Activity = self.env["mail.activity"]

        def leads_seen_by(user):
            domain = literal_eval(action["domain"])
            return Activity.with_user(user).search(domain).mapped("res_id")

        self.assertIn(mine.id, leads_seen_by(self.user_leader))
        self.assertNotIn(theirs.id, leads_seen_by(self.user_salesperson))
        self.assertIn(theirs.id, leads_seen_by(self.user_manager))
        views = Activity.get_views([(False, "list"), (False, "calendar")])
        self.assertIn("calendar", views["views"])
