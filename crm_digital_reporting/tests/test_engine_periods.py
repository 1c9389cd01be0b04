# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import BaseCase, tagged

from odoo.addons.crm_digital_reporting.engine.periods import (
    Period,
    commercial_year,
    month,
    months,
    previous,
    variation,
    year_before,
    year_label,
    year_to_date,
)

APRIL = 4


@tagged("post_install", "-at_install")
class TestEnginePeriods(BaseCase):
    """Months, years to date and commercial years, and what each is compared
    with, for a year starting in January and one starting in April."""

    def test_a_calendar_commercial_year(self):
        day = date(2026, 12, 2)
        self.assertEqual(
            commercial_year(day), Period(date(2026, 1, 1), date(2027, 1, 1))
        )
        self.assertEqual(year_to_date(day), Period(date(2026, 1, 1), date(2026, 12, 3)))
        self.assertEqual(year_label(day), "2026")

    def test_a_commercial_year_starting_in_april(self):
        february, may = date(2026, 2, 15), date(2026, 5, 10)
        self.assertEqual(
            commercial_year(february, APRIL), Period(date(2025, 4, 1), date(2026, 4, 1))
        )
        self.assertEqual(
            commercial_year(may, APRIL), Period(date(2026, 4, 1), date(2027, 4, 1))
        )
        self.assertEqual(year_label(february, APRIL), "2025/26")
        self.assertEqual(year_label(date(2099, 4, 1), APRIL), "2099/00")
        ytd = year_to_date(february, APRIL)
        self.assertEqual(ytd, Period(date(2025, 4, 1), date(2026, 2, 16)))
        self.assertIn(date(2026, 2, 15), ytd)
        self.assertNotIn(date(2026, 2, 16), ytd)
        self.assertNotIn(date(2025, 3, 31), ytd)

    def test_each_period_is_compared_with_the_one_before_and_last_year(self):
        feb = month(date(2026, 2, 15))
        self.assertEqual(feb, Period(date(2026, 2, 1), date(2026, 3, 1)))
        self.assertEqual(previous(feb), Period(date(2026, 1, 1), date(2026, 2, 1)))
        self.assertEqual(year_before(feb), Period(date(2025, 2, 1), date(2025, 3, 1)))
        year = commercial_year(date(2026, 2, 15), APRIL)
        self.assertEqual(previous(year), Period(date(2024, 4, 1), date(2025, 4, 1)))
        # A year to date goes against the same days of the year before.
        ytd = year_to_date(date(2026, 2, 15), APRIL)
        self.assertEqual(previous(ytd), Period(date(2024, 4, 1), date(2025, 2, 16)))
        self.assertEqual(year_before(ytd), previous(ytd))

    def test_a_leap_day_goes_against_the_end_of_february(self):
        ytd = year_to_date(date(2028, 2, 29))
        self.assertEqual(year_before(ytd), Period(date(2027, 1, 1), date(2027, 3, 1)))
        self.assertEqual(
            year_before(month(date(2028, 2, 29))),
            Period(date(2027, 2, 1), date(2027, 3, 1)),
        )

    def test_a_monthly_trend_has_a_period_per_month_cut_to_the_range(self):
        ytd = year_to_date(date(2026, 6, 10), APRIL)
        self.assertEqual(
            months(ytd),
            [
                Period(date(2026, 4, 1), date(2026, 5, 1)),
                Period(date(2026, 5, 1), date(2026, 6, 1)),
                Period(date(2026, 6, 1), date(2026, 6, 11)),
            ],
        )
        self.assertEqual(len(months(commercial_year(date(2026, 6, 10), APRIL))), 12)

    def test_variation_in_value_and_percent(self):
        self.assertEqual(variation(120, 100), (20, 20.0))
        self.assertEqual(variation(75, 100), (-25, -25.0))
        self.assertEqual(variation(-50, -100), (50, 50.0))
        # No base: a difference, no percent.
        self.assertEqual(variation(30, 0), (30, None))
