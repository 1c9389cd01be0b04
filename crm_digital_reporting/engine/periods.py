# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Periods of a commercial year, which starts in the month a company chooses
(January by default): the month, the year to date and the whole year, and
the periods they are compared with."""

from datetime import date, timedelta
from typing import NamedTuple

from dateutil.relativedelta import relativedelta


class Period(NamedTuple):
    """Days from ``start`` (included) to ``end`` (excluded)."""

    start: date
    end: date

    def __contains__(self, day):
        return self.start <= day < self.end

    def shifted(self, months):
        """The same period ``months`` later (earlier when negative); a last
        day of February stays the last one."""
        return Period(
            self.start + relativedelta(months=months),
            self.end + relativedelta(months=months),
        )


def year_start(day, first_month=1):
    """The first day of the commercial year ``day`` falls in."""
    year = day.year if day.month >= first_month else day.year - 1
    return date(year, first_month, 1)


def commercial_year(day, first_month=1):
    start = year_start(day, first_month)
    return Period(start, start + relativedelta(years=1))


def year_label(day, first_month=1):
    """How people name the commercial year: "2026", or "2025/26" when it
    does not start in January."""
    start = year_start(day, first_month)
    if first_month == 1:
        return str(start.year)
    return f"{start.year}/{(start.year + 1) % 100:02d}"


def month(day):
    start = day.replace(day=1)
    return Period(start, start + relativedelta(months=1))


def year_to_date(day, first_month=1):
    """From the start of the commercial year to ``day``, included."""
    return Period(year_start(day, first_month), day + timedelta(days=1))


def previous(period):
    """The period just before, as long in months: the month before a month,
    the year before a commercial year."""
    delta = relativedelta(period.end, period.start)
    months = delta.years * 12 + delta.months
    if not months or delta.days:
        # Not whole months (a year to date): the same days a year before.
        return year_before(period)
    return period.shifted(-months)


def year_before(period):
    """The same period of the commercial year before."""
    return period.shifted(-12)


def months(period):
    """The months ``period`` spans, each cut to it (a monthly trend)."""
    result, start = [], period.start
    while start < period.end:
        end = min(month(start).end, period.end)
        result.append(Period(start, end))
        start = end
    return result


def variation(current, before):
    """(difference, percent) of ``current`` against ``before``; percent is
    None when ``before`` is zero (no base to compare with)."""
    difference = current - before
    percent = difference * 100 / abs(before) if before else None
    return difference, percent
