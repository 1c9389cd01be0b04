# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from psycopg2.extensions import TRANSACTION_STATUS_INERROR

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

from ..engine import figures as engine
from ..engine.definitions import CUTS, MULTIPLE_CUTS


class CrmDigitalKpiQueries(models.AbstractModel):
    """The queries of the commercial KPIs: one scan of each table, every
    period at once (see engine/figures.py)."""

    _name = "crm.digital.kpi.queries"
    _description = "Commercial KPI Queries"

    @staticmethod
    def _crm_digital_from_where(query, cut=False):
        """FROM and WHERE of the leads in ``query``, joined to the products
        their quotations hold when cut by product."""
        from_clause = query.from_clause
        if cut in MULTIPLE_CUTS:
            value = {
                "product_id": SQL("l.product_id"),
                "product_categ_id": SQL("t.categ_id"),
            }[cut]
            from_clause = SQL(
                """%s LEFT JOIN LATERAL (
                    SELECT DISTINCT %s AS value
                      FROM sale_order o
                      JOIN sale_order_line l ON l.order_id = o.id
                      JOIN product_product p ON p.id = l.product_id
                      JOIN product_template t ON t.id = p.product_tmpl_id
                     WHERE o.opportunity_id = %s AND o.state != 'cancel'
                ) AS cut_product ON TRUE""",
                from_clause,
                value,
                SQL.identifier(query.table, "id"),
            )
        return {"from": from_clause, "where": query.where_clause or SQL("TRUE")}

    def _crm_digital_cut_sql(self, cut, alias):
        if not cut:
            return SQL("NULL::int")
        if cut == "role":
            roles = self._crm_digital_role_users()
            return SQL(
                "CASE WHEN %(user)s = ANY(%(managers)s) THEN 'manager' "
                "WHEN %(user)s = ANY(%(leaders)s) THEN 'team_leader' "
                "WHEN %(user)s IS NOT NULL THEN 'salesperson' END",
                user=SQL.identifier(alias, "user_id"),
                managers=roles["manager"],
                leaders=roles["team_leader"],
            )
        if cut not in dict(CUTS):
            raise UserError(self.env._("The figures cannot be cut by %s.", cut))
        if cut in MULTIPLE_CUTS:
            return SQL.identifier("cut_product", "value")
        return SQL.identifier(alias, cut)

    def _crm_digital_role_users(self):
        """{role: ids of the internal users in it}, the highest role winning."""
        groups = self.env["res.groups"].sudo()
        managers = groups.env.ref("sales_team.group_sale_salesman_all_leads")
        leaders = groups.env.ref("crm_digital.group_crm_digital_team_leader")
        return {
            "manager": managers.users.ids,
            "team_leader": (leaders.users - managers.users).ids,
        }

    def _crm_digital_stuck_sql(self, alias):
        """Whether an open opportunity is stuck, as the core's Stuck filter
        says (the stage's days without moving)."""
        now = self.env.cr.now()
        stages = self.env["crm.stage"].search_fetch(
            [("crm_digital_stuck_days", ">", 0)], ["crm_digital_stuck_days"]
        )
        if not stages:
            return SQL("FALSE")
        return SQL(
            "CASE %s %s ELSE FALSE END",
            SQL.identifier(alias, "stage_id"),
            SQL(" ").join(
                SQL(
                    "WHEN %s THEN %s < %s",
                    stage.id,
                    SQL.identifier(alias, "crm_digital_stage_date"),
                    now - timedelta(days=stage.crm_digital_stuck_days),
                )
                for stage in stages
            ),
        )

    def _crm_digital_pipeline_columns(self, lead):
        """How a lead counts in today's pipeline, as SQL on ``lead``: open,
        its stage (open, or closed in the last 12 months for the stages' win
        rates), whether it is such a recent one, and stuck (open ones)."""
        is_open = SQL("%s = 'open'", SQL.identifier(lead, "crm_digital_outcome"))
        recent_since = self.env.cr.now() - relativedelta(years=1)
        recent = SQL("%s >= %s", SQL.identifier(lead, "date_closed"), recent_since)
        return {
            "is_open": is_open,
            "recent_since": recent_since,
            "in_pipeline": SQL("(%s OR %s)", is_open, recent),
            "stage": SQL(
                "CASE WHEN %s OR %s THEN %s END",
                is_open,
                recent,
                SQL.identifier(lead, "stage_id"),
            ),
            "recent": SQL("CASE WHEN %s THEN FALSE ELSE %s END", is_open, recent),
            "stuck": SQL(
                "CASE WHEN %s THEN %s END", is_open, self._crm_digital_stuck_sql(lead)
            ),
        }

    def _crm_digital_lead_rows(self, query, buckets, cut):
        """One scan, one grouping: leads by the buckets of their dates
        (volume and efficiency) and, for the open and the recently closed
        ones only, by what today's pipeline needs (stage, expected closing
        month, stuck), so that the groups stay few."""
        lead = query.table
        edges = buckets.instants
        today = fields.Date.context_today(self).replace(day=1)
        months = [today + relativedelta(months=n) for n in range(13)]

        def bucket(column):
            return SQL("width_bucket(%s, %s::timestamp[])", column, edges)

        def col(name):
            return SQL.identifier(lead, name)

        pipeline = self._crm_digital_pipeline_columns(lead)
        is_open, recent_since = pipeline["is_open"], pipeline["recent_since"]
        # A lead created, opened and closed before the first edge, and
        # closed over a year ago, is in no bucket and no pipeline: skipped.
        since = min(edges[0], recent_since)
        relevant = SQL(
            "(%(open)s OR %(closed)s IS NULL OR %(closed)s >= %(since)s "
            "OR %(created)s >= %(first)s OR %(converted)s >= %(first)s)",
            open=is_open,
            closed=col("date_closed"),
            created=col("create_date"),
            converted=col("date_conversion"),
            since=since,
            first=edges[0],
        )
        self.env.cr.execute(
            SQL(
                """
            SELECT %(created)s, %(opened)s, %(closed)s,
                   %(conversion)s IS NOT NULL, %(type)s, %(outcome)s,
                   %(active)s,
                   %(stage)s,
                   CASE WHEN %(open)s
                        THEN width_bucket(%(deadline)s, %(months)s::date[]) END,
                   %(recent)s, %(stuck)s,
                   %(cut)s,
                   count(*), sum(COALESCE(%(revenue)s, 0)),
                   sum(COALESCE(%(prorated)s, 0)),
                   EXTRACT(EPOCH FROM sum(%(date_closed)s - %(create_date)s))
                       / 86400
              FROM %(from)s
             WHERE %(where)s AND %(relevant)s
             GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
            """,
                created=bucket(col("create_date")),
                opened=bucket(
                    SQL(
                        "COALESCE(%s, %s)",
                        col("date_conversion"),
                        col("create_date"),
                    )
                ),
                closed=bucket(col("date_closed")),
                conversion=col("date_conversion"),
                type=col("type"),
                outcome=col("crm_digital_outcome"),
                active=col("active"),
                open=is_open,
                stage=pipeline["stage"],
                recent=pipeline["recent"],
                stuck=pipeline["stuck"],
                deadline=col("date_deadline"),
                months=months,
                date_closed=col("date_closed"),
                create_date=col("create_date"),
                cut=self._crm_digital_cut_sql(cut, lead),
                revenue=col("expected_revenue"),
                prorated=col("prorated_revenue"),
                relevant=relevant,
                **self._crm_digital_from_where(query, cut),
            )
        )
        rows = self.env.cr.fetchall()

        def month_key(index):
            if index is None:
                return "none"
            if index == 0:
                return "overdue"
            if index > 12:
                return "later"
            return months[index - 1].strftime("%Y-%m")

        leads, pipeline = [], []
        for row in rows:
            (created, opened, closed, converted, type_, outcome, active) = row[:7]
            (stage, deadline, recent, stuck, cut_value) = row[7:12]
            count, amount, weighted, cycle_days = row[12:]
            leads.append(
                engine.LeadRow(
                    created,
                    opened,
                    closed,
                    converted,
                    type_,
                    outcome,
                    cut_value,
                    count,
                    amount,
                    cycle_days or 0,
                )
            )
            if outcome == "open" or recent:
                pipeline.append(
                    engine.PipelineRow(
                        type_,
                        outcome,
                        active,
                        stage,
                        month_key(deadline) if outcome == "open" else None,
                        recent,
                        stuck,
                        cut_value,
                        count,
                        amount,
                        weighted,
                    )
                )
        return leads, pipeline

    @contextmanager
    def _crm_digital_planner(self):
        """The planner misjudges how few groups the dashboard's GROUP BYs
        give (it multiplies the distinct values of each key): it would sort
        a million rows on disk, spend seconds compiling them (JIT) and,
        expecting a million groups back, read the table in one process.
        Grouped by hashing, without JIT, the rows read and bucketed by
        parallel workers, for the dashboard's queries only."""
        settings = {
            "jit": "off",
            "enable_sort": "off",
            "parallel_setup_cost": "0",
            "parallel_tuple_cost": "0",
        }
        cr = self.env.cr
        # The settings before are read in the same statement, first.
        cr.execute(
            SQL(
                "SELECT %s, %s",
                SQL(", ").join(SQL("current_setting(%s)", name) for name in settings),
                self._crm_digital_set_config(settings),
            )
        )
        before = dict(zip(settings, cr.fetchone(), strict=False))
        restore = SQL("SELECT %s", self._crm_digital_set_config(before))
        try:
            yield
        except Exception:
            # After a failed query the rollback undoes the settings (they are
            # local to the transaction): restoring them would hide the error.
            if cr._cnx.get_transaction_status() != TRANSACTION_STATUS_INERROR:
                cr.execute(restore)
            raise
        cr.execute(restore)

    @staticmethod
    def _crm_digital_set_config(settings):
        return SQL(", ").join(
            SQL("set_config(%s, %s, true)", name, value)
            for name, value in settings.items()
        )

    def _crm_digital_quotation_rows(self, query, buckets, cut):
        lead = query.table
        edges = buckets.instants
        self.env.cr.execute(
            SQL(
                """
            SELECT width_bucket(o.create_date, %(edges)s::timestamp[]),
                   width_bucket(o.date_order, %(edges)s::timestamp[]),
                   o.state, %(cut)s, count(*),
                   sum(o.amount_untaxed / COALESCE(NULLIF(o.currency_rate, 0), 1))
              FROM %(from)s
              JOIN sale_order o ON o.opportunity_id = %(lead_id)s
             WHERE %(where)s
               AND (o.create_date >= %(since)s OR o.date_order >= %(since)s)
             GROUP BY 1, 2, 3, 4
            """,
                edges=edges,
                since=edges[0],
                cut=self._crm_digital_cut_sql(cut, lead),
                lead_id=SQL.identifier(lead, "id"),
                **self._crm_digital_from_where(query, cut),
            )
        )
        return [engine.QuotationRow(*row) for row in self.env.cr.fetchall()]

    def _crm_digital_activity_rows(self, query, buckets, cut):
        """Activities done (by the buckets of their date), and leads assigned
        with the hours to their first activity done after it."""
        lead = query.table
        edges = buckets.instants
        done = SQL(
            "m.model = 'crm.lead' AND m.res_id = %s "
            "AND m.mail_activity_type_id IS NOT NULL AND m.subtype_id = %s",
            SQL.identifier(lead, "id"),
            self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_activities"),
        )
        params = {
            "edges": edges,
            "since": edges[0],
            "done": done,
            "cut": self._crm_digital_cut_sql(cut, lead),
            "lead_id": SQL.identifier(lead, "id"),
            "date_open": SQL.identifier(lead, "date_open"),
            **self._crm_digital_from_where(query, cut),
        }
        self.env.cr.execute(
            SQL(
                """
            SELECT width_bucket(m.date, %(edges)s::timestamp[]), %(cut)s, count(*), 0
              FROM %(from)s JOIN mail_message m ON %(done)s
             WHERE %(where)s AND m.date >= %(since)s
             GROUP BY 1, 2
            """,
                **params,
            )
        )
        done_rows = [engine.DatedRow(*row) for row in self.env.cr.fetchall()]
        self.env.cr.execute(
            SQL(
                """
            SELECT width_bucket(assigned, %(edges)s::timestamp[]), cut, count(*),
                   sum(EXTRACT(EPOCH FROM first_done - assigned) / 3600)
              FROM (SELECT %(date_open)s AS assigned, %(cut)s AS cut,
                           min(m.date) AS first_done
                      FROM %(from)s JOIN mail_message m ON %(done)s
                     WHERE %(where)s AND %(date_open)s >= %(since)s
                       AND m.date >= %(date_open)s
                     GROUP BY %(lead_id)s, 2) AS assigned
             GROUP BY 1, 2
            """,
                **params,
            )
        )
        response_rows = [engine.DatedRow(*row) for row in self.env.cr.fetchall()]
        self.env.cr.execute(
            SQL(
                """
            SELECT %(cut)s, count(*)
              FROM %(from)s
              JOIN mail_activity a
                ON a.res_model = 'crm.lead' AND a.res_id = %(lead_id)s
             WHERE %(where)s AND a.active AND a.date_deadline < %(today)s
             GROUP BY 1
            """,
                today=fields.Date.context_today(self),
                **params,
            )
        )
        overdue = dict(self.env.cr.fetchall())
        return done_rows, response_rows, overdue

    def _crm_digital_stage_rows(self, lead_domain, period, buckets):
        """Stays entered in ``period`` by stage: distinct opportunities, and
        the average days of those that left."""
        start, end = (buckets.instants[i] for i in buckets.span(period))
        domain = [("date_entered", ">=", start), ("date_entered", "<", end)]
        # The stays' own record rules are their leads' (the whole company for
        # a manager): the leads are joined only to narrow further.
        if expression.normalize_domain(lead_domain) != expression.TRUE_DOMAIN:
            domain.append(("lead_id", "any", lead_domain))
        History = self.env["crm.digital.stage.history"].with_context(active_test=False)
        query = History._search(domain)
        self.env.cr.execute(
            SQL(
                "SELECT %(stage)s, count(DISTINCT %(lead)s), "
                "avg(%(days)s) FILTER (WHERE %(left)s IS NOT NULL) "
                "FROM %(from)s WHERE %(where)s GROUP BY 1",
                stage=SQL.identifier(query.table, "stage_id"),
                lead=SQL.identifier(query.table, "lead_id"),
                days=SQL.identifier(query.table, "days"),
                left=SQL.identifier(query.table, "date_left"),
                **self._crm_digital_from_where(query),
            )
        )
        return {stage: (count, days) for stage, count, days in self.env.cr.fetchall()}
