# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common_analysis import AnalysisCommon

PIPELINE = "crm_digital_reporting.crm_lead_action_pipeline_by_role"
CLOSED = "crm_digital_reporting.crm_lead_action_closed_by_role"
# The cuts the issue asks every figure to have, on crm.lead.
CUTS = {
    "source_id",
    "medium_id",
    "campaign_id",
    "user_id",
    "team_id",
    "stage_id",
    "state_id",
    "industry_id",
    "date_deadline:month",
}


@tagged("post_install", "-at_install")
class TestPipelineByRole(AnalysisCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        own, leader, other = (
            cls.user_salesperson,
            cls.user_leader,
            cls.user_salesperson_other,
        )
        cls.valencia = cls.env.ref("base.state_es_v")
        cls.hospitality = cls.env["res.partner.industry"].create({"name": "Hostelería"})
        cls.lead_own.write(
            {"state_id": cls.valencia.id, "industry_id": cls.hospitality.id}
        )
        # name: salesperson, team, amount, outcome, closed (UTC)
        cls.closed = {}
        for name, user, team, amount, outcome, closed in [
            ("won_own", own, cls.team_led, 5000, "won", "2026-02-10 10:00"),
            ("cancelled_own", own, cls.team_led, 3000, "cancelled", "2026-03-01 10:00"),
            ("won_leader", leader, cls.team_led, 4000, "won", "2025-02-10 10:00"),
            ("won_other", other, cls.team_other, 9000, "won", "2026-01-20 10:00"),
            (
                "cancelled_other",
                other,
                cls.team_other,
                7000,
                "cancelled",
                "2025-06-01 10:00",
            ),
        ]:
            deal = cls._opportunity(name, user, team)
            deal.expected_revenue = amount
            if outcome == "won":
                deal.action_set_won()
            else:
                deal.action_set_lost()
            cls._backdate(deal, date_closed=closed)
            cls.closed[deal] = (user, team, amount, outcome, closed)
        cls.open = {
            cls.lead_own: (own, cls.team_led, 12000),
            cls.lead_leader: (leader, cls.team_led, 12000),
            cls.lead_other: (other, cls.team_other, 12000),
        }
        cls.fixtures = [
            ("id", "in", [lead.id for lead in (*cls.open, *cls.closed)]),
        ]
        # Who each role sees, by the owner of the deal.
        cls.visible = {
            own: {own},
            leader: {own, leader},
            cls.user_manager: {own, leader, other},
        }

    def test_pipeline_shows_open_opportunities_of_each_role(self):
        for user, owners in self.visible.items():
            with self.subTest(user=user.login):
                pivot = self._pivot(self._open(PIPELINE, user), self.fixtures)
                expected = {
                    (team.id, owner.id, lead.stage_id.id): amount
                    for lead, (owner, team, amount) in self.open.items()
                    if owner in owners
                }
                self.assertEqual(
                    {key: values["expected_revenue"] for key, values in pivot.items()},
                    expected,
                )

    def test_pipeline_leaves_won_and_cancelled_out(self):
        analysis = self._open(PIPELINE, self.user_manager)
        shown = analysis["model"].search(analysis["domain"] + self.fixtures)
        self.assertEqual(shown, self.lead_own | self.lead_leader | self.lead_other)
        self.assertEqual(
            analysis["groupby"], ["team_id", "user_id", "stage_id"], "the help's cuts"
        )

    def test_closed_deals_include_the_archived_cancelled_of_each_role(self):
        for user, owners in self.visible.items():
            with self.subTest(user=user.login):
                analysis = self._open(CLOSED, user)
                self.assertEqual(
                    analysis["groupby"], ["team_id", "user_id", "crm_digital_outcome"]
                )
                expected = {}
                for owner, team, amount, outcome, _closed in self.closed.values():
                    if owner in owners:
                        key = (team.id, owner.id, outcome)
                        expected[key] = expected.get(key, 0) + amount
                pivot = self._pivot(analysis, self.fixtures)
                self.assertEqual(
                    {key: values["expected_revenue"] for key, values in pivot.items()},
                    expected,
                )
        self.assertIn("cancelled", {key[2] for key in pivot})

    def test_closed_deals_compare_years_by_closing_date(self):
        analysis = self._open(CLOSED, self.user_leader)
        self.assertIn("date_closed", self._date_filters(analysis))
        # The default filter is one the search view has, or it is dropped.
        default = next(
            key for key in analysis["context"] if key.startswith("search_default_")
        )
        self.assertTrue(
            analysis["search"].xpath(
                f"//filter[@name='{default[15:]}' and @date='date_closed']"
            )
        )
        # What the pivot reads for "this year compared with the previous one".
        for year, expected in [
            ("2026", {("won", 5000), ("cancelled", 3000)}),
            ("2025", {("won", 4000)}),
        ]:
            period = [
                ("date_closed", ">=", f"{year}-01-01 00:00:00"),
                ("date_closed", "<", f"{int(year) + 1}-01-01 00:00:00"),
            ]
            pivot = self._pivot(analysis, self.fixtures + period)
            self.assertEqual(
                {(key[2], values["expected_revenue"]) for key, values in pivot.items()},
                expected,
            )

    def test_every_cut_groups_the_pipeline_for_each_role(self):
        for user, owners in self.visible.items():
            analysis = self._open(PIPELINE, user)
            self.assertLessEqual(CUTS, self._group_bys(analysis))
            self.assertTrue(
                {"create_date", "date_closed"} <= self._date_filters(analysis)
            )
            total = sum(
                amount for owner, _team, amount in self.open.values() if owner in owners
            )
            for cut in sorted(CUTS):
                with self.subTest(user=user.login, cut=cut):
                    pivot = self._pivot(analysis, self.fixtures, groupby=[cut])
                    self.assertEqual(
                        sum(values["expected_revenue"] for values in pivot.values()),
                        total,
                    )
        by_province = self._pivot(analysis, self.fixtures, groupby=["state_id"])
        self.assertEqual(by_province[(self.valencia.id,)]["expected_revenue"], 12000)
        by_sector = self._pivot(analysis, self.fixtures, groupby=["industry_id"])
        self.assertEqual(by_sector[(self.hospitality.id,)]["expected_revenue"], 12000)

    def test_report_menus_are_for_team_leaders_and_managers(self):
        menus = self.env["ir.ui.menu"]
        for xmlid in ("crm_lead_menu_pipeline_by_role", "crm_lead_menu_closed_by_role"):
            menu = self.env.ref(f"crm_digital_reporting.{xmlid}")
            with self.subTest(menu=xmlid):
                self.assertNotIn(
                    menu.id, menus.with_user(self.user_salesperson)._visible_menu_ids()
                )
                self.assertIn(
                    menu.id, menus.with_user(self.user_leader)._visible_menu_ids()
                )
                self.assertIn(
                    menu.id, menus.with_user(self.user_manager)._visible_menu_ids()
                )

    def test_stock_pipeline_analysis_still_opens_and_groups(self):
        stock_views = {
            "crm.crm_opportunity_report_view_pivot",
            "crm.crm_opportunity_report_view_graph",
        }
        for user, owners in self.visible.items():
            with self.subTest(user=user.login):
                analysis = self._open("crm.crm_opportunity_report_action", user)
                self.assertEqual(
                    {
                        self.env["ir.ui.view"].browse(view["id"]).xml_id
                        for kind, view in analysis["views"].items()
                        if kind in ("pivot", "graph")
                    },
                    stock_views,
                )
                # Its default "Opportunities" filter; archived deals hidden.
                domain = [("type", "=", "opportunity")]
                pivot = self._pivot(analysis, self.fixtures + domain)
                shown = [
                    lead
                    for lead in (*self.open, *self.closed)
                    if lead.active and lead.user_id in owners
                ]
                self.assertEqual(
                    sum(values["__count"] for values in pivot.values()), len(shown)
                )
                self.assertAlmostEqual(
                    sum(values["prorated_revenue"] for values in pivot.values()),
                    sum(lead.sudo().prorated_revenue for lead in shown),
                )
