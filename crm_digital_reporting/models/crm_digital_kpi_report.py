# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from babel.dates import format_date

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.misc import babel_locale_parse

from ..engine import figures as engine
from ..engine import kpis, periods
from ..engine.definitions import (
    COLUMNS,
    CUTS,
    KPIS,
    LOWER_IS_BETTER,
    MULTIPLE_CUTS,
    ROLES,
    SNAPSHOT,
    TARGETS,
    TODAY,
    TREND,
)

# Overdue first, then the months in order, later and no date last.
MONTH_ORDER = {"overdue": (0, ""), "later": (2, ""), "none": (3, "")}


class CrmDigitalKpiReport(models.AbstractModel):
    """The commercial KPIs of whoever asks, for a period, the one before and
    the same one of the commercial year before: each figure with the
    domain of the records behind it (see the drilldown)."""

    _name = "crm.digital.kpi.report"
    _inherit = ["crm.digital.kpi.queries", "crm.digital.kpi.drilldown"]
    _description = "Commercial KPIs"

    # ------------------------------------------------------------------
    # Who, when
    # ------------------------------------------------------------------

    @api.model
    def _crm_digital_profile(self):
        user = self.env.user
        if user.has_group("sales_team.group_sale_salesman_all_leads"):
            return "manager"
        if user.has_group("crm_digital.group_crm_digital_team_leader"):
            return "team_leader"
        return "salesperson"

    @api.model
    def _crm_digital_scope(self, profile, filters=None):
        """The leads a profile's figures count: the queries narrow to them on
        top of the record rules the search applies."""
        uid = self.env.uid
        scope = {
            "salesperson": [("user_id", "=", uid)],
            "team_leader": ["|", ("user_id", "=", uid), ("team_id.user_id", "=", uid)],
            "manager": [],
        }[profile]
        return expression.AND([scope, list(filters or [])])

    @api.model
    def _crm_digital_periods(self, period, day):
        first_month = int(self.env.company.crm_digital_year_first_month)
        if period == "month":
            current = periods.month(day)
        elif period == "ytd":
            current = periods.year_to_date(day, first_month)
        elif period == "year":
            current = periods.commercial_year(day, first_month)
        else:
            raise UserError(
                self.env._("Choose the month, the year to date or the commercial year.")
            )
        return first_month, {
            "current": current,
            "previous": periods.previous(current),
            "year_before": periods.year_before(current),
        }

    @api.model
    def _crm_digital_day(self, day):
        try:
            return fields.Date.to_date(day) if day else fields.Date.context_today(self)
        except ValueError as error:
            raise UserError(
                self.env._("%(day)s is not a date (YYYY-MM-DD).", day=day)
            ) from error

    def _crm_digital_locale(self):
        return babel_locale_parse(self.env.lang or "en_US")

    def _crm_digital_period_label(self, period_key, period, first_month, locale):
        last = period.end - timedelta(days=1)
        if period_key == "month":
            return format_date(period.start, "LLLL y", locale=locale).capitalize()
        year = periods.year_label(period.start, first_month)
        if period_key == "ytd":
            return self.env._(
                "%(year)s to %(day)s",
                year=year,
                day=format_date(last, "d MMM", locale=locale),
            )
        return year

    # ------------------------------------------------------------------
    # The dashboard
    # ------------------------------------------------------------------

    @api.model
    def get_dashboard(self, period="month", day=False, cut=False, filters=False):
        """Every figure of the dashboard, for ``period`` ("month", "ytd",
        "year") around ``day``, cut by ``cut`` and narrowed by ``filters``
        (a crm.lead domain); the shape is in the addon's readme. A figure
        without a value (a ratio with nothing to divide by) is False, as
        Odoo's RPC gives empty values: XML-RPC cannot carry None."""
        return self._crm_digital_without_none(
            self._crm_digital_dashboard(period, day, cut, filters)
        )

    @classmethod
    def _crm_digital_without_none(cls, value):
        if value is None:
            return False
        if isinstance(value, dict):
            return {key: cls._crm_digital_without_none(v) for key, v in value.items()}
        if isinstance(value, list | tuple):
            return [cls._crm_digital_without_none(v) for v in value]
        return value

    def _crm_digital_dashboard(
        self, period="month", day=False, cut=False, filters=False
    ):
        """get_dashboard's figures, None where there is no value."""
        # The queries read the tables: pending writes first, as a search does.
        self.env.flush_all()
        profile = self._crm_digital_profile()
        cut = cut or {"team_leader": "user_id", "manager": "team_id"}.get(profile)
        day = self._crm_digital_day(day)
        first_month, columns = self._crm_digital_periods(period, day)
        year = periods.commercial_year(day, first_month)
        trend = periods.months(year)
        trend_before = [periods.year_before(month) for month in trend]
        tz = self.env.context.get("tz") or self.env.user.tz or "UTC"
        buckets = engine.Buckets([*columns.values(), *trend, *trend_before], tz)
        spans = {key: buckets.span(period_) for key, period_ in columns.items()}

        lead_domain = self._crm_digital_scope(profile, filters)
        query = (
            self.env["crm.lead"].with_context(active_test=False)._search(lead_domain)
        )
        stages = self.env["crm.stage"].search_fetch([], ["name", "sequence"])
        # An opportunity quotes several products: cut by product, it counts
        # once in each, so the totals come from a pass without the cut.
        multiple = cut in MULTIPLE_CUTS
        with self._crm_digital_planner():
            stays = self._crm_digital_stage_rows(
                lead_domain, columns["current"], buckets
            )
            by_column, leads, pipeline = self._crm_digital_figures(
                query, buckets, spans, False if multiple else cut, stages
            )
            by_cut = (
                self._crm_digital_figures(query, buckets, spans, cut, stages)[0]
                if multiple
                else by_column
            )
        today = self._crm_digital_snapshot_figures(profile, filters, columns, stages)
        values = {}
        for key, cuts in by_column.items():
            figures = engine.total(cuts)
            values[key] = self._crm_digital_kpi_values(
                figures, figures if key == "current" else today.get(key)
            )
        locale = self._crm_digital_locale()
        return {
            "profile": profile,
            "profile_label": self.env._(ROLES[profile]),
            "period": period,
            "day": fields.Date.to_string(day),
            "first_month": first_month,
            "currency": self._crm_digital_currency(),
            "columns": [
                {
                    "key": key,
                    "label": self._crm_digital_period_label(
                        period, columns[key], first_month, locale
                    ),
                    "start": fields.Date.to_string(columns[key].start),
                    "end": fields.Date.to_string(columns[key].end - timedelta(days=1)),
                }
                for key in COLUMNS
            ],
            "cuts": [{"key": key, "label": self.env._(label)} for key, label in CUTS],
            "kpis": [
                {
                    "key": key,
                    "label": self.env._(label),
                    "help": self.env._(definition),
                    "group": group,
                    "unit": unit,
                    "lower_is_better": key in LOWER_IS_BETTER,
                    "values": {column: values[column][key] for column in COLUMNS},
                    "variation": {
                        column: self._crm_digital_variation(
                            values["current"][key], values[column][key]
                        )
                        for column in COLUMNS[1:]
                    },
                    "drill": key != "sales_velocity",
                }
                for key, group, unit, label, definition in KPIS
            ],
            "funnel": self._crm_digital_funnel(stays, stages),
            "pipeline": self._crm_digital_pipeline(pipeline, stages, locale),
            "trend": self._crm_digital_trend(leads, buckets, trend, locale),
            "targets": self._crm_digital_targets(
                profile, columns["current"], values["current"], day
            ),
            "breakdown": self._crm_digital_breakdown(cut, by_cut["current"]),
        }

    def _crm_digital_figures(self, query, buckets, spans, cut, stages):
        """({column: {cut value: figures}}, lead rows, pipeline rows)."""
        leads, pipeline = self._crm_digital_lead_rows(query, buckets, cut)
        quotations = self._crm_digital_quotation_rows(query, buckets, cut)
        done, responses, overdue = self._crm_digital_activity_rows(query, buckets, cut)
        by_column = {
            key: engine.merge(
                engine.lead_figures(leads, span),
                engine.quotation_figures(quotations, span),
                engine.dated_figures(done, span, "activities_done"),
                engine.dated_figures(responses, span, "responded", "response_hours"),
            )
            for key, span in spans.items()
        }
        # Today's pipeline is known exactly: it replaces the current column's
        # "open at the end of the period" (the end may be weeks away).
        today = self._crm_digital_today_figures(pipeline, overdue, stages)
        current = by_column["current"]
        for cut_value in set(current) | set(today):
            current[cut_value].update(today.get(cut_value, dict.fromkeys(TODAY, 0)))
        return by_column, leads, pipeline

    def _crm_digital_kpi_values(self, figures, today):
        """The KPIs of ``figures``; those of today's pipeline and activities
        from ``today`` (for a past column, a snapshot's: None if none)."""
        values = engine.kpi_values(figures)
        for name in SNAPSHOT:
            values[name] = None if today is None else today[name]
        units = {key: unit for key, _group, unit, _label, _help in KPIS}
        return {
            key: int(value) if units[key] == "count" and value is not None else value
            for key, value in values.items()
        }

    def _crm_digital_snapshot_figures(self, profile, filters, columns, stages):
        """{past column: today's figures at the last snapshot of its period}.
        Snapshots keep who and which stage only: none under ``filters``."""
        if filters:
            return {}
        Snapshot = self.env["crm.digital.pipeline.snapshot"]
        result = {}
        for key in COLUMNS[1:]:
            day = Snapshot._crm_digital_last_date(columns[key].start, columns[key].end)
            if day:
                rows, overdue = Snapshot._crm_digital_rows(
                    expression.AND(
                        [self._crm_digital_scope(profile), [("date", "=", day)]]
                    )
                )
                result[key] = engine.total(
                    self._crm_digital_today_figures(rows, {None: overdue}, stages)
                )
        return result

    @staticmethod
    def _crm_digital_variation(current, before):
        if current is None or before is None:
            return {"difference": None, "percent": None}
        difference, percent = periods.variation(current, before)
        return {"difference": difference, "percent": percent}

    def _crm_digital_currency(self):
        currency = self.env.company.currency_id
        return {
            "symbol": currency.symbol,
            "position": currency.position,
            "digits": currency.decimal_places,
        }

    def _crm_digital_stage_win_rates(self, pipeline, stages):
        """{stage id: historical win rate}: of the opportunities closed in the
        last 12 months that reached the stage, the share won. A lost one
        reached the stages up to the one it was lost in; a won one all."""
        sequence = {stage.id: stage.sequence for stage in stages}
        won, lost_at = 0, []
        for row in pipeline:
            if not row.recent:
                continue
            if row.outcome == "won":
                won += row.count
            elif row.outcome == "cancelled" and row.type == "opportunity":
                lost_at.append((sequence.get(row.stage, 0), row.count))
        rates = {}
        for stage in stages:
            lost = sum(count for seq, count in lost_at if seq >= stage.sequence)
            rates[stage.id] = kpis.win_rate(won, lost)
        return rates

    def _crm_digital_today_figures(self, pipeline, overdue, stages):
        rates = self._crm_digital_stage_win_rates(pipeline, stages)
        today = {}
        for cut_value, count in overdue.items():
            today.setdefault(cut_value, dict.fromkeys(TODAY, 0))
            today[cut_value]["activities_overdue"] = count
        for row in pipeline:
            if not row.open:
                continue
            values = today.setdefault(row.cut, dict.fromkeys(TODAY, 0))
            rate = rates.get(row.stage)
            values["open_count"] += row.count
            values["open_amount"] += row.amount
            values["weighted_amount"] += row.weighted
            values["forecast_amount"] += (
                row.weighted if rate is None else row.amount * rate
            )
            values["stuck_count"] += row.count if row.stuck else 0
        return today

    def _crm_digital_funnel(self, stays, stages):
        reached = [(stage, *stays[stage.id]) for stage in stages if stays.get(stage.id)]
        funnel = []
        for index, (stage, count, days) in enumerate(reached):
            following = reached[index + 1][1] if index + 1 < len(reached) else None
            funnel.append(
                {
                    "stage_id": stage.id,
                    "name": stage.name,
                    "count": count,
                    "conversion": kpis.conversion(following, count)
                    if following is not None
                    else None,
                    "days": days,
                }
            )
        return funnel

    def _crm_digital_pipeline(self, pipeline, stages, locale):
        rates = self._crm_digital_stage_win_rates(pipeline, stages)
        by_stage, by_month = {}, {}
        for row in pipeline:
            if not row.open:
                continue
            rate = rates.get(row.stage)
            line = by_stage.setdefault(row.stage, [0, 0.0, 0.0, 0.0])
            line[0] += row.count
            line[1] += row.amount
            line[2] += row.weighted
            line[3] += row.weighted if rate is None else row.amount * rate
            month_line = by_month.setdefault(row.deadline, [0, 0.0, 0.0])
            month_line[0] += row.count
            month_line[1] += row.amount
            month_line[2] += row.weighted
        return {
            "stages": [
                {
                    "stage_id": stage.id,
                    "name": stage.name,
                    "count": by_stage[stage.id][0],
                    "amount": by_stage[stage.id][1],
                    "weighted": by_stage[stage.id][2],
                    "forecast": by_stage[stage.id][3],
                }
                for stage in stages
                if stage.id in by_stage
            ],
            "months": [
                {
                    "key": key,
                    "label": self._crm_digital_month_label(key, locale),
                    "count": line[0],
                    "amount": line[1],
                    "weighted": line[2],
                }
                for key, line in sorted(
                    by_month.items(),
                    key=lambda item: MONTH_ORDER.get(item[0], (1, item[0])),
                )
            ],
        }

    def _crm_digital_month_label(self, key, locale):
        """Expected closing months: the next twelve one by one, the rest as
        overdue (before this month), later, or without a date."""
        named = {
            "overdue": self.env._("Overdue"),
            "later": self.env._("Later"),
            "none": self.env._("No Closing Date"),
        }
        if key in named:
            return named[key]
        day = fields.Date.to_date(f"{key}-01")
        return format_date(day, "LLLL y", locale=locale).capitalize()

    def _crm_digital_trend(self, leads, buckets, trend, locale):
        """Won and created by month of this commercial year and the one
        before, in one pass over the rows."""
        month_of = {}
        for index, month in enumerate(trend):
            for key, period in (
                ("current", month),
                ("year_before", periods.year_before(month)),
            ):
                low, high = buckets.span(period)
                for bucket in range(low + 1, high + 1):
                    month_of[bucket] = (index, key)
        sums = [
            {key: dict.fromkeys(TREND, 0) for key in ("current", "year_before")}
            for _month in trend
        ]
        for row in leads:
            if row.created in month_of:
                index, key = month_of[row.created]
                sums[index][key]["leads_created"] += row.count
            if row.closed in month_of and row.outcome == "won":
                index, key = month_of[row.closed]
                sums[index][key]["won_count"] += row.count
                sums[index][key]["won_amount"] += row.amount
        return [
            {
                "key": month.start.strftime("%Y-%m"),
                "label": format_date(month.start, "LLL", locale=locale),
                **sums[index],
            }
            for index, month in enumerate(trend)
        ]

    def _crm_digital_targets(self, profile, period, values, day):
        """Targets of the months of ``period`` for the profile: the teams'
        (the salesperson's own), else the sum of their people's."""
        uid = self.env.uid
        months = [("month", ">=", period.start), ("month", "<", period.end)]
        whose = {
            "salesperson": [("user_id", "=", uid)],
            "team_leader": [
                "|",
                ("team_id.user_id", "=", uid),
                ("user_id.crm_team_ids.user_id", "=", uid),
            ],
            "manager": [],
        }[profile]
        targets = self.env["crm.digital.sales.target"].search_fetch(
            expression.AND([months, whose]),
            ["user_id", "team_id", *(kind for kind, *_rest in TARGETS)],
        )
        if profile != "salesperson":
            teams = targets.filtered(lambda target: not target.user_id)
            targets = teams or targets.filtered("user_id")
        if not targets:
            return []
        today = fields.Date.context_today(self)
        total_days = (period.end - period.start).days
        elapsed = min(max((today - period.start).days + 1, 0), total_days)
        result = []
        for kind, kpi, unit, label in TARGETS:
            target = sum(targets.mapped(kind))
            if not target:
                continue
            achieved = values[kpi] or 0
            result.append(
                {
                    "kind": kind,
                    "label": self.env._(label),
                    "unit": unit,
                    "target": target,
                    "achieved": achieved,
                    "achievement": kpis.ratio(achieved, target),
                    "pace": kpis.pace(achieved, target, elapsed, total_days),
                }
            )
        return result

    def _crm_digital_breakdown(self, cut, figures):
        if not cut:
            return {"cut": False, "label": "", "rows": []}
        names = self._crm_digital_cut_names(cut, [key for key in figures if key])
        rows = [
            {
                "id": key or False,
                "name": names.get(key) or self.env._("None"),
                "values": self._crm_digital_kpi_values(values, values),
            }
            for key, values in figures.items()
        ]
        rows.sort(key=lambda row: -(row["values"]["won_amount"] or 0))
        return {"cut": cut, "label": self.env._(dict(CUTS)[cut]), "rows": rows}

    def _crm_digital_cut_names(self, cut, keys):
        if cut == "role":
            return {key: self.env._(ROLES[key]) for key in keys}
        comodel = (
            MULTIPLE_CUTS.get(cut) or self.env["crm.lead"]._fields[cut].comodel_name
        )
        # Names of what the figures the user may see are cut by.
        records = self.env[comodel].sudo().browse(keys).with_context(active_test=False)
        return {record.id: record.display_name for record in records}
