# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CrmDigitalCommon


@tagged("post_install", "-at_install")
class TestAssignment(CrmDigitalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = cls.env["res.users"]
        for index in range(3):
            cls.members |= new_test_user(
                cls.env, f"crmd_rr_{index}", groups="sales_team.group_sale_salesman"
            )
        cls.team_rr = cls.env["crm.team"].create(
            {"name": "Ventas Levante", "member_ids": cls.members.ids}
        )
        cls.valencia = cls.env.ref("base.state_es_v")
        cls.web = cls.env["utm.source"].create({"name": "Formulario web"})
        cls.Rule = cls.env["crm.digital.assignment.rule"]

    def _leads(self, count, **values):
        return self.env["crm.lead"].create(
            [
                {"name": f"Lead {index}", "user_id": False, **values}
                for index in range(count)
            ]
        )

    def _rule(self, **values):
        return self.Rule.create(
            {"name": "Levante", "team_id": self.team_rr.id, **values}
        )

    def test_new_lead_goes_by_the_first_matching_rule(self):
        self._rule(name="Web de Valencia", state_ids=self.valencia.ids, sequence=1)
        fallback = self._rule(
            name="Resto", strategy="fixed", user_id=self.user_leader.id, team_id=False
        )
        lead_valencia, lead_madrid = self.env["crm.lead"].create(
            [
                {
                    "name": "Bodega Utiel",
                    "user_id": False,
                    "state_id": self.valencia.id,
                },
                {
                    "name": "Gestoría Chamberí",
                    "user_id": False,
                    "state_id": self.env.ref("base.state_es_m").id,
                },
            ]
        )
        self.assertIn(lead_valencia.user_id, self.members)
        self.assertEqual(lead_valencia.team_id, self.team_rr)
        self.assertEqual(lead_valencia.assignment_rule_id.name, "Web de Valencia")
        self.assertEqual(lead_valencia.assignment_strategy, "round_robin")
        self.assertTrue(lead_valencia.assignment_date)
        self.assertEqual(lead_madrid.user_id, self.user_leader)
        self.assertEqual(lead_madrid.assignment_rule_id, fallback)

    def test_a_lead_created_with_a_salesperson_keeps_it(self):
        self._rule()
        lead = self.env["crm.lead"].create(
            {"name": "Propia", "user_id": self.user_salesperson.id}
        )
        self.assertEqual(lead.user_id, self.user_salesperson)
        self.assertFalse(lead.assignment_rule_id)

    def test_no_assignment_on_creation_when_the_company_turns_it_off(self):
        self._rule()
        self.env.company.crm_digital_assign_on_create = False
        self.assertFalse(self._leads(2).user_id)

    def test_round_robin_is_fair_and_remembers_whose_turn_it_is(self):
        self._rule()
        first = self._leads(4)
        second = self._leads(5)
        counts = Counter(lead.user_id.id for lead in first | second)
        self.assertEqual(sorted(counts.values()), [3, 3, 3])
        # The second batch starts with the member after the last of the first.
        self.assertEqual(
            [lead.user_id for lead in first + second][:6],
            [self.members[i % 3] for i in range(6)],
        )

    def test_least_loaded_goes_to_who_has_fewest_open_opportunities(self):
        busy, free, half = self.members
        self.env["crm.lead"].create(
            [
                {"name": f"Open {n}", "type": "opportunity", "user_id": user.id}
                for user, count in ((busy, 4), (half, 1))
                for n in range(count)
            ]
        )
        self._rule(strategy="least_loaded")
        leads = self._leads(3)
        self.assertEqual(leads.mapped("user_id"), free | half)
        self.assertEqual(
            Counter(lead.user_id.id for lead in leads), {free.id: 2, half.id: 1}
        )

    def test_available_now_skips_people_on_leave(self):
        on_leave = self.members[0]
        calendar = self.env.company.resource_calendar_id
        now = fields.Datetime.now()
        # Everyone works all day, every day, so only the leave matters.
        calendar.attendance_ids = [
            (5, 0, 0),
            *[
                (
                    0,
                    0,
                    {
                        "name": str(day),
                        "dayofweek": str(day),
                        "hour_from": 0,
                        "hour_to": 23.99,
                    },
                )
                for day in range(7)
            ],
        ]
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Vacaciones",
                "calendar_id": calendar.id,
                "resource_id": on_leave.resource_ids[:1].id
                or self.env["resource.resource"]
                .create(
                    {
                        "name": on_leave.name,
                        "user_id": on_leave.id,
                        "calendar_id": calendar.id,
                    }
                )
                .id,
                "date_from": now - timedelta(days=1),
                "date_to": now + timedelta(days=1),
            }
        )
        self._rule(strategy="available")
        leads = self._leads(4)
        self.assertNotIn(on_leave, leads.user_id)
        self.assertEqual(leads.user_id, self.members[1:])

    def test_free_domain_condition(self):
        self._rule(domain="[('expected_revenue', '>=', 50000)]")
        big, small = self.env["crm.lead"].create(
            [
                {"name": "Grande", "user_id": False, "expected_revenue": 80000},
                {"name": "Pequeño", "user_id": False, "expected_revenue": 900},
            ]
        )
        self.assertTrue(big.user_id)
        self.assertFalse(small.user_id)

    def test_dry_run_shows_what_the_real_run_does_and_changes_nothing(self):
        self._rule(strategy="round_robin", state_ids=self.valencia.ids)
        self.env.company.crm_digital_assign_on_create = False
        leads = self._leads(5, state_id=self.valencia.id) | self._leads(2)
        preview = self.env["crm.digital.assignment.preview"].create(
            {"lead_ids": [(6, 0, leads.ids)]}
        )
        planned = {
            (line.lead_id, line.user_id, line.rule_id) for line in preview.line_ids
        }
        self.assertEqual(len(planned), 5)
        self.assertEqual(preview.unmatched_count, 2)
        self.assertFalse(leads.user_id, "a dry run assigns nobody")
        # The dry run took no turn: running it again proposes the same.
        again = self.env["crm.digital.assignment.preview"].create(
            {"lead_ids": [(6, 0, leads.ids)]}
        )
        self.assertEqual(
            planned,
            {(line.lead_id, line.user_id, line.rule_id) for line in again.line_ids},
        )
        preview.action_assign()
        self.assertEqual(
            planned,
            {
                (lead, lead.user_id, lead.assignment_rule_id)
                for lead in leads
                if lead.user_id
            },
        )

    def test_new_owner_gets_an_activity_when_configured(self):
        self.env.company.crm_digital_assignment_notify = "activity"
        self._rule(strategy="fixed", user_id=self.user_salesperson.id)
        lead = self._leads(1)
        self.assertEqual(lead.activity_ids.user_id, self.user_salesperson)

    def _notifications_of(self, user):
        return self.env["mail.notification"].search(
            [("res_partner_id", "=", user.partner_id.id)]
        )

    def test_new_owner_is_notified_once_per_batch(self):
        self.env.company.crm_digital_assignment_notify = "notification"
        self._rule(strategy="fixed", user_id=self.user_salesperson.id)
        before = self._notifications_of(self.user_salesperson)
        lead = self._leads(1)
        single = self._notifications_of(self.user_salesperson) - before
        self.assertEqual(single.mail_message_id.model, "crm.lead")
        self.assertEqual(single.mail_message_id.res_id, lead.id)
        self.assertFalse(lead.activity_ids)
        self._leads(30)
        batch = self._notifications_of(self.user_salesperson) - before - single
        self.assertEqual(len(batch), 1)
        self.assertIn("30 new lead(s)", batch.mail_message_id.body)

    def test_query_count_does_not_grow_with_the_batch(self):
        self._rule(name="Valencia", state_ids=self.valencia.ids, sequence=1)
        self._rule(name="Web", source_ids=self.web.ids, strategy="least_loaded")
        self._rule(
            name="Resto", strategy="fixed", user_id=self.user_leader.id, team_id=False
        )
        self.env.company.crm_digital_assign_on_create = False

        def batch(count):
            leads = self._leads(count, state_id=self.valencia.id)
            leads |= self._leads(count, source_id=self.web.id)
            leads |= self._leads(count)
            self.env.flush_all()
            self.env.invalidate_all()
            return leads

        batch(3)._crm_digital_assign()  # warm the caches (views, parameters)
        # The same bound for 30 and for 120 leads: 3 rules cost the same
        # whatever the number of leads (stock needs 5 to 7 queries per lead,
        # 600 or more for 120). The other CRM Digital addons add a few.
        for count in (10, 40):
            leads = batch(count)
            with self.assertQueryCount(160):
                leads._crm_digital_assign()
                self.env.flush_all()
            self.assertTrue(all(leads.mapped("user_id")))

    def test_salesperson_cannot_edit_rules_but_the_consultant_can(self):
        rule = self._rule()
        with self.assertRaises(AccessError):
            rule.with_user(self.user_salesperson).name = "Mía"
        rule.with_user(self.user_consultant).name = "Levante y Murcia"
        self.assertEqual(rule.name, "Levante y Murcia")

    def test_rules_explain_what_to_fix(self):
        with self.assertRaisesRegex(ValidationError, "choose the salesperson"):
            self._rule(strategy="fixed", team_id=False)
        with self.assertRaisesRegex(ValidationError, "sales team or the people"):
            self._rule(team_id=False)
        with self.assertRaisesRegex(ValidationError, "postal code range is reversed"):
            self._rule(zip_from="46999", zip_to="46000")
        with self.assertRaisesRegex(ValidationError, "not a valid domain.*no_such"):
            self._rule(domain="[('no_such_field', '=', 1)]")
        with self.assertRaisesRegex(ValidationError, "not a valid domain"):
            self._rule(domain="[('name', '=', ")
        # A value PostgreSQL refuses: said, and the transaction goes on.
        with self.assertRaisesRegex(ValidationError, "not a valid domain.*mucho"):
            self._rule(domain="[('expected_revenue', '>', 'mucho')]")
        self.assertTrue(self._rule(domain="[('expected_revenue', '>', 1000)]"))
