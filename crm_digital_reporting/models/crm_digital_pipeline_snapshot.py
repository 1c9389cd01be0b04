# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from ..engine import figures as engine


class CrmDigitalPipelineSnapshot(models.Model):
    """Today's pipeline as it was on a past day, kept by a nightly job:
    Odoo keeps no history of probabilities nor of the deadlines of done
    activities, so the weighted pipeline, the forecast, the stuck
    opportunities and the overdue activities of a past period come from
    here. One row per salesperson, team, stage and state, as the dashboard
    groups them (see crm.digital.kpi.queries)."""

    _name = "crm.digital.pipeline.snapshot"
    _description = "Pipeline Snapshot"
    _order = "date desc, team_id, user_id, stage_id"
    _rec_name = "date"

    date = fields.Date(required=True, index=True, readonly=True)
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    team_id = fields.Many2one("crm.team", "Sales Team", index=True, readonly=True)
    user_id = fields.Many2one("res.users", "Salesperson", index=True, readonly=True)
    stage_id = fields.Many2one("crm.stage", readonly=True)
    type = fields.Selection(
        [("lead", "Lead"), ("opportunity", "Opportunity")], readonly=True
    )
    outcome = fields.Selection(
        [("open", "Open"), ("won", "Won"), ("cancelled", "Cancelled")],
        readonly=True,
    )
    recent = fields.Boolean(
        "Closed in the Last 12 Months",
        readonly=True,
        help="Closed opportunities give each stage its historical win rate.",
    )
    stuck = fields.Boolean(readonly=True)
    count = fields.Integer("Opportunities", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary("Expected Revenue", readonly=True)
    weighted = fields.Monetary("Weighted Revenue", readonly=True)
    activities_overdue = fields.Integer("Overdue Activities", readonly=True)

    @api.model
    def _cron_crm_digital_snapshot(self):
        self._crm_digital_take(fields.Date.context_today(self))

    @api.model
    def _crm_digital_take(self, day):
        """Keep today's pipeline and overdue activities of every company as
        those of ``day`` (again the same day: replaced)."""
        snapshots = self.sudo()
        env = snapshots.env
        env.flush_all()
        snapshots.search([("date", "=", day)]).unlink()
        queries = env["crm.digital.kpi.queries"]
        leads = env["crm.lead"].with_context(active_test=False)._search([])
        lead = leads.table
        keys = SQL(
            "%s, %s, %s",
            *(
                SQL.identifier(lead, name)
                for name in ("company_id", "team_id", "user_id")
            ),
        )
        pipeline = queries._crm_digital_pipeline_columns(lead)
        env.cr.execute(
            SQL(
                """SELECT %(keys)s, %(type)s, %(outcome)s, %(active)s, %(stage)s,
                          %(recent)s, %(stuck)s, count(*),
                          sum(COALESCE(%(revenue)s, 0)),
                          sum(COALESCE(%(prorated)s, 0))
                     FROM %(from)s
                    WHERE %(where)s AND %(in_pipeline)s
                    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9""",
                keys=keys,
                type=SQL.identifier(lead, "type"),
                outcome=SQL.identifier(lead, "crm_digital_outcome"),
                active=SQL.identifier(lead, "active"),
                stage=pipeline["stage"],
                recent=pipeline["recent"],
                stuck=pipeline["stuck"],
                in_pipeline=pipeline["in_pipeline"],
                revenue=SQL.identifier(lead, "expected_revenue"),
                prorated=SQL.identifier(lead, "prorated_revenue"),
                **queries._crm_digital_from_where(leads),
            )
        )
        values = []
        for company, team, user, *row in env.cr.fetchall():
            type_, outcome, active, stage, recent, stuck, count, amount, weighted = row
            row = engine.PipelineRow(
                type_,
                outcome,
                active,
                stage,
                None,
                recent,
                stuck,
                None,
                count,
                amount,
                weighted,
            )
            if row.open or row.recent:
                values.append(
                    {
                        "date": day,
                        "company_id": company,
                        "team_id": team,
                        "user_id": user,
                        "stage_id": stage,
                        "type": type_,
                        "outcome": outcome,
                        "recent": bool(recent),
                        "stuck": bool(stuck),
                        "count": count,
                        "amount": amount,
                        "weighted": weighted,
                    }
                )
        env.cr.execute(
            SQL(
                """SELECT %(keys)s, count(*) FROM %(from)s
                     JOIN mail_activity a
                       ON a.res_model = 'crm.lead' AND a.res_id = %(lead_id)s
                    WHERE %(where)s AND a.active AND a.date_deadline < %(day)s
                    GROUP BY 1, 2, 3""",
                keys=keys,
                lead_id=SQL.identifier(lead, "id"),
                day=day,
                **queries._crm_digital_from_where(leads),
            )
        )
        values += [
            {
                "date": day,
                "company_id": company,
                "team_id": team,
                "user_id": user,
                "activities_overdue": count,
            }
            for company, team, user, count in env.cr.fetchall()
        ]
        return snapshots.create(values)

    @api.model
    def _crm_digital_last_date(self, start, end):
        """The day of the last snapshot from ``start`` to before ``end`` of
        the companies the user works in, or None."""
        last = self.sudo().search_fetch(
            [
                ("date", ">=", start),
                ("date", "<", end),
                ("company_id", "in", [*self.env.companies.ids, False]),
            ],
            ["date"],
            order="date desc",
            limit=1,
        )
        return last.date or None

    @api.model
    def _crm_digital_rows(self, domain):
        """The pipeline rows and overdue activities of the snapshots in
        ``domain``, as the dashboard's queries give today's."""
        groups = self._read_group(
            domain,
            ["type", "outcome", "stage_id", "recent", "stuck"],
            ["count:sum", "amount:sum", "weighted:sum", "activities_overdue:sum"],
        )
        rows, overdue = [], 0
        for (
            type_,
            outcome,
            stage,
            recent,
            stuck,
            count,
            amount,
            weighted,
            late,
        ) in groups:
            # The rows kept are open opportunities (active ones), or closed.
            rows.append(
                engine.PipelineRow(
                    type_,
                    outcome,
                    True,
                    stage.id,
                    None,
                    recent,
                    stuck,
                    None,
                    count or 0,
                    amount or 0,
                    weighted or 0,
                )
            )
            overdue += late or 0
        return rows, overdue
