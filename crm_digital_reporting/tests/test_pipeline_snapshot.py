# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_digital.tests.common import CrmDigitalCommon

PAST_ONLY = ("weighted_amount", "forecast_amount", "stuck_count", "activities_overdue")


@tagged("post_install", "-at_install")
class TestPipelineSnapshot(CrmDigitalCommon):
    """The nightly snapshot keeps today's pipeline: a later period shows it
    as its past figures, for each profile what the profile saw that day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["crm.lead"])
        # A month later, this month is the previous column.
        cls.next_month = cls.today + relativedelta(months=1)
        stage = cls.lead_own.stage_id
        stage.crm_digital_stuck_days = 10
        cls.lead_leader.sudo().crm_digital_stage_date = fields.Datetime.now() - (
            relativedelta(days=30)
        )
        cls.lead_own.probability = 40
        cls.lead_own.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=cls.today - relativedelta(days=2),
            user_id=cls.user_salesperson.id,
        )
        cls.users = (cls.user_manager, cls.user_leader, cls.user_salesperson)
        cls.Snapshot = cls.env["crm.digital.pipeline.snapshot"]

    def _board(self, user, day, **kwargs):
        report = self.env["crm.digital.kpi.report"].with_user(user)
        return report.get_dashboard(day=day, **kwargs)

    @staticmethod
    def _figures(board, column):
        return {
            kpi["key"]: kpi["values"][column]
            for kpi in board["kpis"]
            if kpi["key"] in PAST_ONLY
        }

    def test_a_past_period_shows_the_pipeline_of_its_last_snapshot(self):
        seen = {
            user: self._figures(self._board(user, self.today), "current")
            for user in self.users
        }
        for user in self.users:
            before = self._figures(self._board(user, self.next_month), "previous")
            self.assertEqual(set(before.values()), {False}, user.login)
        self.Snapshot._cron_crm_digital_snapshot()
        # What happens after the snapshot is not in it.
        self.lead_leader.action_set_lost()
        self.lead_own.expected_revenue = 99000
        for user in self.users:
            with self.subTest(user=user.login):
                kept = self._figures(self._board(user, self.next_month), "previous")
                for key in PAST_ONLY:
                    self.assertAlmostEqual(kept[key], seen[user][key], msg=key)
        own = seen[self.user_salesperson]
        self.assertEqual(own["stuck_count"], 0)
        self.assertEqual(own["activities_overdue"], 1)
        self.assertAlmostEqual(own["weighted_amount"], 12000 * 0.4)
        leader = seen[self.user_leader]
        self.assertEqual(leader["stuck_count"], 1)
        self.assertGreaterEqual(seen[self.user_manager]["stuck_count"], 1)
        # A year before there was no snapshot yet.
        board = self._board(self.user_manager, self.next_month)
        self.assertIs(self._figures(board, "year_before")["stuck_count"], False)

    def test_filters_leave_past_figures_empty(self):
        self.Snapshot._crm_digital_take(self.today)
        board = self._board(
            self.user_manager,
            self.next_month,
            filters=[("id", "in", self.lead_own.ids)],
        )
        self.assertEqual(set(self._figures(board, "previous").values()), {False})

    def test_the_past_figure_opens_the_rows_it_sums(self):
        self.Snapshot._crm_digital_take(self.today)
        board = self._board(self.user_leader, self.next_month)
        report = self.env["crm.digital.kpi.report"].with_user(self.user_leader)
        for key, measure in (
            ("weighted_amount", "weighted"),
            ("stuck_count", "count"),
            ("activities_overdue", "activities_overdue"),
        ):
            action = report.get_drilldown(key, day=self.next_month, column="previous")
            self.assertEqual(action["res_model"], self.Snapshot._name)
            rows = self.Snapshot.with_user(self.user_leader).search(action["domain"])
            self.assertTrue(rows)
            self.assertAlmostEqual(
                sum(rows.mapped(measure)), self._figures(board, "previous")[key]
            )

    def test_taking_the_same_day_again_replaces_it(self):
        first = self.Snapshot._crm_digital_take(self.today)
        second = self.Snapshot._crm_digital_take(self.today)
        self.assertFalse(first.exists())
        self.assertEqual(len(second), len(first))
        self.assertEqual(
            self.Snapshot.search_count([("date", "=", self.today)]), len(second)
        )

    def test_each_profile_reads_the_snapshots_of_its_own_pipeline(self):
        self.Snapshot._crm_digital_take(self.today)
        day = [("date", "=", self.today)]
        own = self.Snapshot.with_user(self.user_salesperson).search(day)
        self.assertEqual(own.user_id, self.user_salesperson)
        led = self.Snapshot.with_user(self.user_leader).search(day)
        self.assertEqual(led.user_id, self.user_salesperson | self.user_leader)
        self.assertIn(
            self.user_salesperson_other,
            self.Snapshot.with_user(self.user_manager).search(day).user_id,
        )
        with self.assertRaises(AccessError):
            own.with_user(self.user_manager).write({"count": 0})
