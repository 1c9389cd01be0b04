# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.tests import tagged

from .common_analysis import AnalysisCommon

ACTION = "crm_digital_reporting.crm_digital_stage_history_action_time_in_stage"
CUTS = {
    "stage_id",
    "salesperson_id",
    "team_id",
    "source_id",
    "medium_id",
    "campaign_id",
    "state_id",
    "industry_id",
}


@tagged("post_install", "-at_install")
class TestStageTimeAnalysis(AnalysisCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        own, leader, other = (
            cls.user_salesperson,
            cls.user_leader,
            cls.user_salesperson_other,
        )
        cls.analysis = cls.env.ref("crm_digital.stage_analysis")
        cls.offer = cls.env.ref("crm_digital.stage_offer")
        cls.fair = cls.env["utm.source"].create({"name": "Feria Alimentaria"})
        cls.valencia = cls.env.ref("base.state_es_v")
        cls.lead_own.write({"source_id": cls.fair.id, "state_id": cls.valencia.id})
        # (lead, salesperson, stage, entered, days there; None: still there)
        cls.specs = [
            (cls.lead_own, own, cls.analysis, "2025-03-01 09:00", 2),
            (cls.lead_own, own, cls.analysis, "2026-03-01 09:00", 6),
            (cls.lead_own, own, cls.offer, "2026-03-07 09:00", None),
            (cls.lead_leader, leader, cls.analysis, "2026-02-01 09:00", 10),
            (cls.lead_leader, leader, cls.offer, "2026-02-11 09:00", 5),
            (cls.lead_other, other, cls.analysis, "2025-06-01 09:00", 1),
            (cls.lead_other, other, cls.offer, "2026-01-02 09:00", 3),
        ]
        History = cls.env["crm.digital.stage.history"]
        cls.stays = History
        for lead, user, stage, entered, days in cls.specs:
            stay = History.create(
                {
                    "lead_id": lead.id,
                    "stage_id": stage.id,
                    "salesperson_id": user.id,
                    "team_id": lead.team_id.id,
                    "company_id": lead.company_id.id,
                    "date_entered": entered,
                }
            )
            if days is not None:
                stay.date_left = stay.date_entered + timedelta(days=days)
            cls.stays |= stay
        cls.fixtures = [("id", "in", cls.stays.ids)]
        cls.visible = {
            own: {own},
            leader: {own, leader},
            cls.user_manager: {own, leader, other},
        }

    def _average_days(self, owners, key, since=None, until=None):
        """Average days of the stays that ended, by ``key``, worked out from
        the fixtures."""
        days = {}
        for spec in self.specs:
            _lead, user, _stage, entered, length = spec
            if user not in owners or length is None:
                continue
            if since and not since <= entered < until:
                continue
            days.setdefault(key(*spec), []).append(length)
        return {group: sum(lengths) / len(lengths) for group, lengths in days.items()}

    def test_average_days_by_stage_and_salesperson_for_each_role(self):
        for user, owners in self.visible.items():
            with self.subTest(user=user.login):
                analysis = self._open(ACTION, user)
                self.assertEqual(analysis["groupby"], ["stage_id", "salesperson_id"])
                # The action's default "Left" filter: stays still going have no length.
                left = self._default_filters(analysis)
                self.assertEqual(left, [("date_left", "!=", False)])
                pivot = self._pivot(analysis, self.fixtures + left)
                self.assertEqual(
                    {key: round(values["days"], 6) for key, values in pivot.items()},
                    self._average_days(
                        owners, lambda lead, owner, stage, *_: (stage.id, owner.id)
                    ),
                )

    def test_periods_compare_by_date_entered(self):
        analysis = self._open(ACTION, self.user_manager)
        self.assertIn("date_entered", self._date_filters(analysis))
        owners = self.visible[self.user_manager]
        for since, until in [
            ("2026-01-01", "2027-01-01"),
            ("2025-01-01", "2026-01-01"),
        ]:
            with self.subTest(since=since):
                # The action's "Left" filter, and the period picked.
                period = [
                    *self._default_filters(analysis),
                    ("date_entered", ">=", since),
                    ("date_entered", "<", until),
                ]
                pivot = self._pivot(
                    analysis, self.fixtures + period, groupby=["stage_id"]
                )
                self.assertEqual(
                    {key: round(values["days"], 6) for key, values in pivot.items()},
                    self._average_days(
                        owners, lambda lead, owner, stage, *_: (stage.id,), since, until
                    ),
                )

    def test_every_cut_groups_the_stays_for_each_role(self):
        for user, owners in self.visible.items():
            analysis = self._open(ACTION, user)
            self.assertLessEqual(
                CUTS | {"date_entered:month"}, self._group_bys(analysis)
            )
            count = sum(1 for spec in self.specs if spec[1] in owners)
            for cut in sorted(CUTS | {"date_entered:month"}):
                with self.subTest(user=user.login, cut=cut):
                    pivot = self._pivot(analysis, self.fixtures, groupby=[cut])
                    self.assertEqual(
                        sum(values["__count"] for values in pivot.values()), count
                    )
        by_source = self._pivot(analysis, self.fixtures, groupby=["source_id"])
        self.assertEqual(by_source[(self.fair.id,)]["__count"], 3)
        by_province = self._pivot(analysis, self.fixtures, groupby=["state_id"])
        self.assertEqual(by_province[(self.valencia.id,)]["__count"], 3)

    def test_menu_is_for_every_sales_role(self):
        menu = self.env.ref(
            "crm_digital_reporting.crm_digital_stage_history_menu_time_in_stage"
        )
        for user in self.visible:
            with self.subTest(user=user.login):
                self.assertIn(
                    menu.id, self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
                )
