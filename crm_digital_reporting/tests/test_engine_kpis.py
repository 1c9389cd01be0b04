# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, tagged

from odoo.addons.crm_digital_reporting.engine.kpis import (
    average,
    conversion,
    pace,
    sales_velocity,
    win_rate,
)


@tagged("post_install", "-at_install")
class TestEngineKpis(BaseCase):
    def test_win_rate_by_count_and_by_value(self):
        # 3 won of 8 closed; by value 45,000 won of 60,000 closed.
        self.assertEqual(win_rate(3, 5), 0.375)
        self.assertEqual(win_rate(45_000, 15_000), 0.75)
        self.assertIsNone(win_rate(0, 0))
        self.assertEqual(win_rate(0, 4), 0)

    def test_conversion_and_average(self):
        self.assertEqual(conversion(12, 48), 0.25)
        self.assertIsNone(conversion(0, 0))
        self.assertEqual(average(45_000, 3), 15_000)
        self.assertIsNone(average(0, 0))

    def test_sales_velocity_is_what_the_pipeline_wins_per_day(self):
        # 20 open * 25 % * 8,000 € / 40 days = 1,000 € a day.
        self.assertEqual(sales_velocity(20, 0.25, 8000, 40), 1000)
        self.assertIsNone(sales_velocity(20, None, 8000, 40))
        self.assertIsNone(sales_velocity(20, 0.25, 8000, None))
        # Won the day they came in: a one-day cycle, not a division by ~0.
        self.assertEqual(sales_velocity(20, 0.25, 8000, 0.02), 40000)
        self.assertEqual(sales_velocity(20, 0.25, 8000, 0), 40000)

    def test_pace_projects_the_rate_so_far_to_the_period_end(self):
        # 8,400 € of a 30,000 € target in 9 of 30 days: 93,3 % at month end.
        self.assertAlmostEqual(pace(8400, 30_000, 9, 30), 0.9333, places=4)
        self.assertIsNone(pace(8400, 0, 9, 30))
        self.assertIsNone(pace(0, 30_000, 0, 30))
