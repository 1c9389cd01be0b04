# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""From the rows the dashboard's queries group, to the figures of a period.

The queries do not filter by period: each date is put in a bucket between
two edges (PostgreSQL's ``width_bucket``), once for every period the
dashboard shows, and each period adds up the buckets it spans. One scan of
the table serves the month, the year to date, the periods they are compared
with and the monthly trend."""

from collections import defaultdict
from datetime import datetime, time
from typing import NamedTuple

import pytz

from . import kpis


class Buckets:
    """The edges of ``periods`` (local days), as the UTC instants the
    database compares with. Bucket ``b`` holds the instants from edge ``b - 1``
    (included) to edge ``b``; a period spans the buckets after the edge of its
    start up to the edge of its end."""

    def __init__(self, periods, tz):
        self.days = sorted({day for period in periods for day in period})
        self._index = {day: i for i, day in enumerate(self.days)}
        zone = pytz.timezone(tz or "UTC")
        self.instants = [self.instant(day, zone) for day in self.days]

    @staticmethod
    def instant(day, zone):
        local = zone.localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def span(self, period):
        return self._index[period.start], self._index[period.end]


def within(span, bucket):
    low, high = span
    return bucket is not None and low < bucket <= high


class LeadRow(NamedTuple):
    """Leads and opportunities grouped by the buckets of their dates."""

    created: int
    opened: int  # converted, or created as an opportunity
    closed: int
    converted: bool  # has a conversion date: it was a lead first
    type: str
    outcome: str
    cut: object
    count: int
    amount: float
    cycle_days: float  # summed from creation to closing


class PipelineRow(NamedTuple):
    """Leads and opportunities as they are today, by stage and expected
    closing month (``recent``: closed in the last 12 months)."""

    type: str
    outcome: str
    active: bool
    stage: int
    deadline: object  # first day of the expected closing month
    recent: bool
    stuck: bool
    cut: object
    count: int
    amount: float
    weighted: float

    @property
    def open(self):
        return self.type == "opportunity" and self.outcome == "open" and self.active


class QuotationRow(NamedTuple):
    created: int
    ordered: int  # the confirmation date once accepted
    state: str
    cut: object
    count: int
    amount: float


class DatedRow(NamedTuple):
    """Activities done (count), or leads assigned with the hours to their
    first activity done (count, hours)."""

    date: int
    cut: object
    count: int
    hours: float


def _add(figures, cut, **values):
    for name, value in values.items():
        figures[cut][name] += value or 0


def lead_figures(rows, span):
    """{cut: {figure: value}} of the leads and opportunities in ``span``."""
    figures = defaultdict(lambda: defaultdict(float))
    for row in rows:
        opportunity = row.type == "opportunity"
        if within(span, row.created):
            _add(figures, row.cut, leads_created=row.count)
            if row.type == "lead" or row.converted:
                _add(figures, row.cut, lead_base=row.count)
                if opportunity and row.converted:
                    _add(figures, row.cut, lead_converted=row.count)
        if opportunity and within(span, row.opened):
            _add(figures, row.cut, opportunities_opened=row.count)
            if row.outcome == "won":
                _add(figures, row.cut, opened_won=row.count)
        if within(span, row.closed):
            if row.outcome == "won":
                _add(
                    figures,
                    row.cut,
                    won_count=row.count,
                    won_amount=row.amount,
                    cycle_days=row.cycle_days,
                )
            elif row.outcome == "cancelled" and opportunity:
                _add(
                    figures,
                    row.cut,
                    cancelled_count=row.count,
                    cancelled_amount=row.amount,
                )
        # Open when the period ended: opened by then, not closed by then.
        if (
            opportunity
            and row.opened is not None
            and row.opened <= span[1]
            and (row.closed is None or row.closed > span[1])
        ):
            _add(figures, row.cut, open_count=row.count, open_amount=row.amount)
    return figures


def quotation_figures(rows, span):
    figures = defaultdict(lambda: defaultdict(float))
    for row in rows:
        if within(span, row.created) and row.state in ("sent", "sale"):
            _add(figures, row.cut, quotations_sent=row.count, sent_amount=row.amount)
            if row.state == "sale":
                _add(figures, row.cut, sent_accepted=row.count)
        if within(span, row.ordered) and row.state == "sale":
            _add(
                figures,
                row.cut,
                quotations_accepted=row.count,
                accepted_amount=row.amount,
            )
    return figures


def dated_figures(rows, span, count_name, hours_name=None):
    figures = defaultdict(lambda: defaultdict(float))
    for row in rows:
        if within(span, row.date):
            _add(figures, row.cut, **{count_name: row.count})
            if hours_name:
                _add(figures, row.cut, **{hours_name: row.hours})
    return figures


def merge(*parts):
    """One {cut: {figure: value}} of several."""
    merged = defaultdict(lambda: defaultdict(float))
    for part in parts:
        for cut, values in part.items():
            for name, value in values.items():
                merged[cut][name] += value
    return merged


def total(figures):
    result = defaultdict(float)
    for values in figures.values():
        for name, value in values.items():
            result[name] += value
    return result


def kpi_values(f):
    """The KPIs of one period from its figures (a mapping, missing = 0)."""
    won, cancelled = f["won_count"], f["cancelled_count"]
    win_rate = kpis.win_rate(won, cancelled)
    average_deal = kpis.average(f["won_amount"], won)
    cycle = kpis.average(f["cycle_days"], won)
    return {
        "leads_created": f["leads_created"],
        "opportunities_opened": f["opportunities_opened"],
        "quotations_sent": f["quotations_sent"],
        "quotations_accepted": f["quotations_accepted"],
        "won_count": won,
        "won_amount": f["won_amount"],
        "cancelled_count": cancelled,
        "cancelled_amount": f["cancelled_amount"],
        "lead_conversion": kpis.conversion(f["lead_converted"], f["lead_base"]),
        "opportunity_conversion": kpis.conversion(
            f["opened_won"], f["opportunities_opened"]
        ),
        "win_rate": win_rate,
        "win_rate_value": kpis.win_rate(f["won_amount"], f["cancelled_amount"]),
        "average_deal": average_deal,
        "sales_cycle": cycle,
        "quotation_acceptance": kpis.conversion(
            f["sent_accepted"], f["quotations_sent"]
        ),
        "activities_done": f["activities_done"],
        "response_time": kpis.average(f["response_hours"], f["responded"]),
        "open_count": f["open_count"],
        "open_amount": f["open_amount"],
        "sales_velocity": kpis.sales_velocity(
            f["open_count"], win_rate, average_deal, cycle
        ),
    }
