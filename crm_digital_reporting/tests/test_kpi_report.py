# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import tagged, users, warmup
from odoo.tools import mute_logger

from odoo.addons.crm_digital.tests.common import CrmDigitalCommon

# Madrid is UTC+2 in summer: local midnight of 1 May is 30 April 22:00 UTC.
DAY = "2026-05-15"


@tagged("post_install", "-at_install")
class TestKpiReport(CrmDigitalCommon):
    """A commercial year starting in April, deals closed around its edges:
    each KPI against figures worked out by hand from the fixtures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.crm_digital_year_first_month = "4"
        (cls.user_salesperson | cls.user_leader | cls.user_manager).tz = "Europe/Madrid"
        cls.won_stage = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        cls.first_stage = cls.env["crm.stage"].search(
            [("is_won", "=", False)], order="sequence", limit=1
        )
        own, leader, other = (
            cls.user_salesperson,
            cls.user_leader,
            cls.user_salesperson_other,
        )
        cls.deals = cls.env["crm.lead"]
        # name: (salesperson, team, amount, outcome, created, closed) in UTC
        for name, user, team, amount, outcome, created, closed in [
            # This May: won and lost (archived).
            (
                "w_may",
                own,
                cls.team_led,
                10000,
                "won",
                "2026-03-20 10:00",
                "2026-05-10 10:00",
            ),
            (
                "c_may",
                other,
                cls.team_other,
                3000,
                "lost",
                "2026-04-05 10:00",
                "2026-05-12 10:00",
            ),
            # April, late in the evening in Madrid (still April there).
            (
                "w_april",
                leader,
                cls.team_led,
                5000,
                "won",
                "2026-04-02 10:00",
                "2026-04-30 21:30",
            ),
            # May of the commercial year before, and its end (March 2026).
            (
                "w_may_before",
                own,
                cls.team_led,
                8000,
                "won",
                "2025-04-10 10:00",
                "2025-05-05 10:00",
            ),
            (
                "c_may_before",
                other,
                cls.team_other,
                4000,
                "lost",
                "2025-04-11 10:00",
                "2025-05-20 10:00",
            ),
            (
                "w_march",
                other,
                cls.team_other,
                2000,
                "won",
                "2026-01-10 10:00",
                "2026-03-31 10:00",
            ),
        ]:
            deal = cls.env["crm.lead"].create(
                {
                    "name": name,
                    "type": "opportunity",
                    "user_id": user.id,
                    "team_id": team.id,
                    "expected_revenue": amount,
                }
            )
            if outcome == "won":
                deal.stage_id = cls.won_stage
            else:
                deal.action_set_lost()
            cls._dates(deal, created, closed)
            cls.deals |= deal
        # A lead created in May and converted, one still a lead, one open deal.
        cls.lead_converted = cls.env["crm.lead"].create(
            {
                "name": "converted",
                "type": "lead",
                "user_id": own.id,
                "team_id": cls.team_led.id,
            }
        )
        cls.lead_converted.convert_opportunity(False)
        cls._dates(cls.lead_converted, "2026-05-02 10:00", None, "2026-05-03 10:00")
        cls.lead_kept = cls.env["crm.lead"].create(
            {
                "name": "kept",
                "type": "lead",
                "user_id": own.id,
                "team_id": cls.team_led.id,
            }
        )
        cls._dates(cls.lead_kept, "2026-05-04 10:00", None)
        cls.deals |= cls.lead_converted | cls.lead_kept | cls.lead_own | cls.lead_leader
        cls.deals |= cls.lead_other
        cls.filters = [("id", "in", cls.deals.ids)]

    @classmethod
    def _dates(cls, lead, created, closed, converted=None):
        cls._backdate(
            lead, create_date=created, date_closed=closed, date_conversion=converted
        )

    def _dashboard(self, user=None, **kwargs):
        report = self.env["crm.digital.kpi.report"].with_user(user or self.user_manager)
        kwargs.setdefault("filters", self.filters)
        return report.get_dashboard(day=DAY, **kwargs)

    @staticmethod
    def _kpi(dashboard, key):
        return next(kpi for kpi in dashboard["kpis"] if kpi["key"] == key)

    def _values(self, dashboard, key):
        values = self._kpi(dashboard, key)["values"]
        return values["current"], values["previous"], values["year_before"]

    def test_month_against_the_month_before_and_the_same_month_a_year_before(self):
        board = self._dashboard()
        self.assertEqual(
            [column["label"] for column in board["columns"]],
            ["May 2026", "April 2026", "May 2025"],
        )
        self.assertEqual(self._values(board, "won_amount"), (10000, 5000, 8000))
        self.assertEqual(self._values(board, "won_count"), (1, 1, 1))
        # Lost deals are archived: still counted as cancelled.
        self.assertEqual(self._values(board, "cancelled_count"), (1, 0, 1))
        self.assertEqual(self._values(board, "cancelled_amount"), (3000, 0, 4000))
        self.assertEqual(self._values(board, "win_rate"), (0.5, 1.0, 0.5))
        self.assertEqual(
            self._values(board, "win_rate_value"), (10000 / 13000, 1.0, 8000 / 12000)
        )
        self.assertEqual(self._values(board, "average_deal"), (10000, 5000, 8000))
        # 51 days from 20 March to 10 May; 28.48 from 2 April to 30 April 21:30.
        current, previous, before = self._values(board, "sales_cycle")
        self.assertAlmostEqual(current, 51)
        self.assertAlmostEqual(previous, 28 + 11.5 / 24)
        self.assertAlmostEqual(before, 25)
        variation = self._kpi(board, "won_amount")["variation"]
        self.assertEqual(variation["year_before"], {"difference": 2000, "percent": 25})
        self.assertEqual(variation["previous"], {"difference": 5000, "percent": 100})

    def test_year_to_date_counts_from_the_first_month_of_the_commercial_year(self):
        board = self._dashboard(period="ytd")
        self.assertEqual(board["columns"][0]["start"], "2026-04-01")
        self.assertEqual(board["columns"][2]["end"], "2025-05-15")
        # 1 April to 15 May: this May and the April evening; a year before
        # only 5 May 2025 (20 May is after the 15th).
        self.assertEqual(self._values(board, "won_amount")[::2], (15000, 8000))
        self.assertEqual(self._values(board, "cancelled_count")[::2], (1, 0))

    def test_commercial_year_against_the_one_before(self):
        board = self._dashboard(period="year")
        self.assertEqual(board["columns"][0]["label"], "2026/27")
        self.assertEqual(board["columns"][2]["label"], "2025/26")
        # 2025/26 ends on 31 March 2026: the March deal is in it.
        self.assertEqual(self._values(board, "won_amount")[::2], (15000, 10000))
        trend = board["trend"]
        self.assertEqual([month["key"] for month in trend][:2], ["2026-04", "2026-05"])
        self.assertEqual(trend[0]["current"]["won_amount"], 5000)
        self.assertEqual(trend[1]["current"]["won_amount"], 10000)
        self.assertEqual(trend[1]["year_before"]["won_amount"], 8000)
        self.assertEqual(trend[11]["year_before"]["won_amount"], 2000)

    def test_leads_opportunities_and_conversion(self):
        board = self._dashboard()
        # Created in May: the converted lead and the one kept as a lead.
        self.assertEqual(self._values(board, "leads_created")[0], 2)
        self.assertEqual(self._values(board, "lead_conversion")[0], 0.5)
        self.assertEqual(self._values(board, "opportunities_opened")[0], 1)
        # None of May's new opportunities is won yet: 0 %, not "no base".
        self.assertEqual(self._values(board, "opportunity_conversion")[0], 0)

    def test_open_pipeline_today_and_at_the_end_of_past_periods(self):
        board = self._dashboard()
        # Today: the three open deals of the common fixtures and the converted lead.
        self.assertEqual(self._values(board, "open_count")[0], 4)
        self.assertEqual(self._values(board, "open_amount")[0], 36000)
        # At the end of April 2026: the deals created before and closed after
        # (this May's two), the common fixtures did not exist yet.
        self.assertEqual(self._values(board, "open_count")[1], 2)
        self.assertEqual(self._values(board, "open_amount")[1], 13000)
        self.assertIs(self._values(board, "weighted_amount")[1], False)

    def test_each_profile_counts_what_it_may_see(self):
        own = self._dashboard(self.user_salesperson)
        self.assertEqual(own["profile"], "salesperson")
        self.assertEqual(self._values(own, "won_amount"), (10000, 0, 8000))
        self.assertEqual(self._values(own, "cancelled_count"), (0, 0, 0))
        self.assertFalse(own["breakdown"]["rows"])
        leader = self._dashboard(self.user_leader)
        self.assertEqual(leader["profile"], "team_leader")
        self.assertEqual(self._values(leader, "won_amount"), (10000, 5000, 8000))
        self.assertEqual(self._values(leader, "cancelled_count"), (0, 0, 0))
        members = {row["name"]: row["values"] for row in leader["breakdown"]["rows"]}
        self.assertEqual(leader["breakdown"]["cut"], "user_id")
        self.assertEqual(members[self.user_salesperson.name]["won_amount"], 10000)
        self.assertNotIn(self.user_salesperson_other.name, members)
        manager = self._dashboard(self.user_manager)
        self.assertEqual(manager["profile"], "manager")
        teams = {row["name"]: row["values"] for row in manager["breakdown"]["rows"]}
        self.assertEqual(teams["Canal Partners"]["cancelled_count"], 1)
        self.assertEqual(teams["Ventas Directas"]["won_amount"], 10000)

    def test_a_salesperson_cannot_widen_the_scope_with_filters(self):
        board = self._dashboard(
            self.user_salesperson,
            filters=[("user_id", "=", self.user_salesperson_other.id)],
        )
        self.assertEqual(self._values(board, "won_amount")[::2], (0, 0))

    def test_every_figure_opens_exactly_its_records(self):
        report = self.env["crm.digital.kpi.report"].with_user(self.user_manager)
        for period in ("month", "ytd", "year"):
            board = self._dashboard(period=period)
            for kpi in board["kpis"]:
                if not kpi["drill"] or kpi["unit"] not in ("count", "amount"):
                    continue
                for column, value in kpi["values"].items():
                    if value is False:
                        continue
                    action = report.get_drilldown(
                        kpi["key"],
                        period=period,
                        day=DAY,
                        column=column,
                        filters=self.filters,
                    )
                    records = self.env[action["res_model"]].with_user(self.user_manager)
                    records = records.with_context(active_test=False).search(
                        action["domain"]
                    )
                    with self.subTest(kpi=kpi["key"], period=period, column=column):
                        if kpi["unit"] == "count":
                            self.assertEqual(len(records), value)
                        elif kpi["key"] in (
                            "won_amount",
                            "cancelled_amount",
                            "open_amount",
                        ):
                            self.assertAlmostEqual(
                                sum(records.mapped("expected_revenue")), value
                            )

    def test_targets_achievement_and_pace(self):
        self.env["crm.digital.sales.target"].create(
            [
                {
                    "month": "2026-05-01",
                    "team_id": self.team_led.id,
                    "amount_won": 20000,
                },
                {
                    "month": "2026-05-01",
                    "team_id": self.team_other.id,
                    "amount_won": 20000,
                },
                {
                    "month": "2026-05-20",
                    "user_id": self.user_salesperson.id,
                    "amount_won": 8000,
                    "opportunities_won": 2,
                },
            ]
        )
        own = self._dashboard(self.user_salesperson)
        targets = {target["kind"]: target for target in own["targets"]}
        self.assertEqual(targets["amount_won"]["target"], 8000)
        self.assertEqual(targets["amount_won"]["achievement"], 1.25)
        self.assertEqual(targets["opportunities_won"]["achievement"], 0.5)
        # May is over (today is later): the pace is the achievement.
        self.assertEqual(targets["opportunities_won"]["pace"], 0.5)
        manager = self._dashboard()
        amount = next(t for t in manager["targets"] if t["kind"] == "amount_won")
        self.assertEqual(amount["target"], 40000)
        self.assertEqual(amount["achievement"], 0.25)

    def test_stage_funnel_and_forecast(self):
        self.env["crm.digital.stage.history"].search(
            [("lead_id", "in", self.deals.ids)]
        ).unlink()
        self.env["crm.digital.stage.history"].create(
            [
                {
                    "lead_id": self.lead_own.id,
                    "stage_id": self.first_stage.id,
                    "date_entered": datetime(2026, 5, 3, 10),
                    "date_left": datetime(2026, 5, 5, 10),
                },
                {
                    "lead_id": self.lead_leader.id,
                    "stage_id": self.first_stage.id,
                    "date_entered": datetime(2026, 5, 4, 10),
                },
                {
                    "lead_id": self.lead_own.id,
                    "stage_id": self.won_stage.id,
                    "date_entered": datetime(2026, 5, 5, 10),
                },
            ]
        )
        funnel = {stage["stage_id"]: stage for stage in self._dashboard()["funnel"]}
        self.assertEqual(funnel[self.first_stage.id]["count"], 2)
        self.assertEqual(funnel[self.first_stage.id]["conversion"], 0.5)
        self.assertEqual(funnel[self.first_stage.id]["days"], 2)
        self.assertEqual(funnel[self.won_stage.id]["count"], 1)

    @users("crmd_manager")
    @warmup
    def test_dashboard_query_count_does_not_grow_with_the_data(self):
        report = self.env["crm.digital.kpi.report"]
        # The past columns read their periods' snapshots: 2 queries each.
        snapshots = self.env["crm.digital.pipeline.snapshot"]
        for day in ("2026-04-30", "2025-05-31"):
            snapshots._crm_digital_take(fields.Date.to_date(day))
        with self.assertQueryCount(crmd_manager=19):
            report.get_dashboard(day=DAY)
        self.env["crm.lead"].create(
            [
                {
                    "name": f"more {n}",
                    "type": "opportunity",
                    "user_id": self.user_salesperson.id,
                }
                for n in range(30)
            ]
        )
        snapshots._crm_digital_take(fields.Date.to_date("2026-04-30"))
        self.env.invalidate_all()
        with self.assertQueryCount(crmd_manager=19):
            report.get_dashboard(day=DAY)

    def test_the_planner_settings_end_with_the_dashboard_and_keep_errors(self):
        cr = self.env.cr

        def settings():
            cr.execute(
                "SELECT current_setting('enable_sort'), current_setting('jit'), "
                "current_setting('parallel_tuple_cost')"
            )
            return cr.fetchone()

        before = settings()
        self._dashboard()
        self.assertEqual(settings(), before)
        queries = self.env["crm.digital.kpi.queries"]
        with self.assertRaises(ValueError), queries._crm_digital_planner():
            self.assertEqual(settings()[:2], ("off", "off"))
            raise ValueError("not a query")
        self.assertEqual(settings(), before)
        # A failed query raises its own error, not "transaction aborted".
        with (
            self.assertRaises(psycopg2.errors.DivisionByZero),
            mute_logger("odoo.sql_db"),
            cr.savepoint(),
            queries._crm_digital_planner(),
        ):
            cr.execute("SELECT 1 / 0")
        self.assertEqual(settings(), before)

    def test_cut_by_product_counts_a_deal_under_each_product_it_quotes(self):
        licence, service = self.env["product.product"].create(
            [{"name": "Licencia CRM"}, {"name": "Implantación"}]
        )
        w_may = self.deals.filtered(lambda deal: deal.name == "w_may")
        self.env["sale.order"].create(
            {
                "partner_id": self.env.ref("base.res_partner_2").id,
                "opportunity_id": w_may.id,
                "order_line": [
                    Command.create({"product_id": licence.id, "price_unit": 100}),
                    Command.create({"product_id": service.id, "price_unit": 50}),
                ],
            }
        )
        board = self._dashboard(cut="product_id")
        rows = {row["name"]: row for row in board["breakdown"]["rows"]}
        self.assertEqual(rows["Licencia CRM"]["values"]["won_amount"], 10000)
        self.assertEqual(rows["Implantación"]["values"]["won_amount"], 10000)
        # The cards do not count the deal twice.
        self.assertEqual(self._values(board, "won_amount")[0], 10000)
        report = self.env["crm.digital.kpi.report"].with_user(self.user_manager)
        for row in board["breakdown"]["rows"]:
            action = report.get_drilldown(
                "won_count",
                day=DAY,
                cut="product_id",
                cut_value=row["id"],
                filters=self.filters,
            )
            leads = self.env["crm.lead"].with_context(active_test=False)
            with self.subTest(product=row["name"]):
                self.assertEqual(
                    leads.search_count(action["domain"]), row["values"]["won_count"]
                )

    def test_pipeline_by_stage_and_closing_month_with_its_forecast(self):
        self.first_stage.crm_digital_stuck_days = 10
        closing = fields.Date.today().replace(day=15) + relativedelta(months=1)
        self.lead_own.date_deadline = closing
        self.lead_leader.sudo().crm_digital_stage_date = "2026-01-01 10:00:00"
        open_deals = self.lead_own | self.lead_leader | self.lead_other
        self.assertEqual(open_deals.stage_id, self.first_stage)
        board = self._dashboard()
        stages = {line["stage_id"]: line for line in board["pipeline"]["stages"]}
        first = stages[self.first_stage.id]
        self.assertEqual(first["amount"], 36000)
        self.assertAlmostEqual(
            first["weighted"],
            sum((open_deals | self.lead_converted).mapped("prorated_revenue")),
        )
        # Closed in the last 12 months: 3 won, 1 lost in the first stage.
        self.assertAlmostEqual(first["forecast"], 36000 * 3 / 4)
        self.assertAlmostEqual(self._values(board, "forecast_amount")[0], 27000)
        months = {line["key"]: line for line in board["pipeline"]["months"]}
        self.assertEqual(months[closing.strftime("%Y-%m")]["amount"], 12000)
        self.assertEqual(months["none"]["count"], 3)
        self.assertEqual(self._values(board, "stuck_count")[0], 1)
        report = self.env["crm.digital.kpi.report"].with_user(self.user_manager)
        action = report.get_drilldown(
            "pipeline_month",
            day=DAY,
            month=closing.strftime("%Y-%m"),
            filters=self.filters,
        )
        self.assertEqual(self.env["crm.lead"].search(action["domain"]), self.lead_own)
        action = report.get_drilldown(
            "pipeline_stage",
            day=DAY,
            stage_id=self.first_stage.id,
            filters=self.filters,
        )
        self.assertEqual(len(self.env["crm.lead"].search(action["domain"])), 4)
