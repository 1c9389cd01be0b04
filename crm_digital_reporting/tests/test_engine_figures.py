# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.tests import BaseCase, tagged

from odoo.addons.crm_digital_reporting.engine.figures import (
    Buckets,
    LeadRow,
    kpi_values,
    lead_figures,
    total,
    within,
)
from odoo.addons.crm_digital_reporting.engine.periods import Period, month


def bucket_of(buckets, instant):
    """What PostgreSQL's width_bucket(instant, edges) returns."""
    return sum(1 for edge in buckets.instants if edge <= instant)


@tagged("post_install", "-at_install")
class TestEngineFigures(BaseCase):
    def setUp(self):
        super().setUp()
        self.may = month(date(2026, 5, 15))
        self.april = month(date(2026, 4, 1))
        self.buckets = Buckets([self.may, self.april], "Europe/Madrid")

    def test_edges_are_local_midnights_in_utc(self):
        self.assertEqual(
            self.buckets.instants,
            [
                datetime(2026, 3, 31, 22),
                datetime(2026, 4, 30, 22),
                datetime(2026, 5, 31, 22),
            ],
        )

    def test_a_period_spans_the_buckets_between_its_edges(self):
        span = self.buckets.span(self.may)
        late_april = bucket_of(self.buckets, datetime(2026, 4, 30, 21, 30))
        may_first = bucket_of(self.buckets, datetime(2026, 4, 30, 22))
        self.assertFalse(within(span, late_april))
        self.assertTrue(within(span, may_first))
        self.assertTrue(within(self.buckets.span(self.april), late_april))
        self.assertFalse(within(span, None))

    def test_figures_of_a_period_and_their_kpis(self):
        may = bucket_of(self.buckets, datetime(2026, 5, 10))
        april = bucket_of(self.buckets, datetime(2026, 4, 10))
        rows = [
            LeadRow(april, april, may, False, "opportunity", "won", 1, 2, 9000, 60),
            LeadRow(
                april, april, may, False, "opportunity", "cancelled", 1, 1, 3000, 0
            ),
            LeadRow(may, may, None, True, "opportunity", "open", 2, 1, 500, 0),
            LeadRow(may, None, None, False, "lead", "open", 2, 3, 0, 0),
        ]
        figures = lead_figures(rows, self.buckets.span(self.may))
        self.assertEqual(figures[1]["won_amount"], 9000)
        self.assertEqual(figures[2]["leads_created"], 4)
        values = kpi_values(total(figures))
        self.assertEqual(values["win_rate"], 2 / 3)
        self.assertEqual(values["average_deal"], 4500)
        self.assertEqual(values["sales_cycle"], 30)
        self.assertEqual(values["lead_conversion"], 1 / 4)
        # Open when May ended: only the one opened in May and never closed.
        self.assertEqual(values["open_count"], 1)
        april_values = kpi_values(
            total(lead_figures(rows, self.buckets.span(self.april)))
        )
        self.assertEqual(april_values["open_count"], 3)
        self.assertIsNone(april_values["win_rate"])

    def test_a_period_outside_the_edges_is_refused(self):
        with self.assertRaises(KeyError):
            self.buckets.span(Period(date(2025, 1, 1), date(2025, 2, 1)))
