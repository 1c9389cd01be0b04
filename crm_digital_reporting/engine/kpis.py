# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The formulas of the commercial KPIs, given the figures they are made of.
A ratio without a base (nothing to divide by) is None, never zero: "no
opportunity closed" is not "a 0 % win rate"."""


def ratio(part, whole):
    return part / whole if whole else None


def win_rate(won, cancelled):
    """Share of the closed opportunities that were won (by count or by value:
    give amounts for the latter)."""
    return ratio(won, won + cancelled)


def conversion(converted, total):
    """Share of ``total`` (leads, opportunities, quotations sent) that went
    on to the next step (opportunity, won, accepted)."""
    return ratio(converted, total)


def average(total, count):
    return ratio(total, count)


def sales_velocity(open_count, win_rate_, average_deal, cycle_days):
    """Amount the pipeline is expected to win per day: open opportunities *
    win rate * average deal / sales-cycle length in days. Deals won within
    hours of their creation count as a one-day cycle, not as a near-zero
    divisor."""
    if None in (win_rate_, average_deal, cycle_days):
        return None
    return open_count * win_rate_ * average_deal / max(cycle_days, 1)


def pace(achieved, target, elapsed_days, total_days):
    """Share of ``target`` reached by the end of the period at the rate so
    far ("at this rate, 84 % by month end")."""
    if not target or not elapsed_days:
        return None
    return achieved / elapsed_days * total_days / target
