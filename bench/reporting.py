#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reporting speed: the KPI dashboard and the reports' figures on a million
opportunities, against one hand-written scan of the table and stock's
read_group, with the plans of a salesperson's own dashboard.

    .venv/bin/python bench/reporting.py [--opportunities 1000000] [--runs 20]

Uses (and creates on first run) the database crm_digital_bench_reporting,
whose opportunities are all generated here by SQL (again when their number
changes). Prints the median and 95th percentile of each measure in ms, its
ratio to the scan and its target, and the machine. Exits 1 when a target is
missed, after the plan of the slowest query of the dashboard.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta
from functools import partial

from odoo_install import ensure_installed, odoo_conf

DB = "crm_digital_bench_reporting"
BASELINE_SQL = (
    "SELECT stage_id, user_id, count(*), sum(expected_revenue)"
    " FROM crm_lead GROUP BY 1, 2"
)
# Two stages besides crm_digital's four, for six: (name, sequence, days
# before stuck); and the probability of the opportunities open in each of the
# five open stages, in their order.
EXTRA_STAGES = [("Bench Qualified", 1, 20), ("Bench Contract Sent", 3, 20)]
PROBABILITIES = [10, 20, 40, 60, 80]
ONE_DAY = timedelta(days=1)
NO_FULL_SCAN = "no full scan"


def psql(sql):
    return subprocess.run(
        ["psql", "-X", "-d", DB, "-v", "ON_ERROR_STOP=1", "-tAc", sql],
        capture_output=True,
        text=True,
        check=False,
    )


def setup_people(env):
    """8 salespeople in 3 teams (led by the first three), a sales manager,
    6 stages. Returns (salespeople, manager, open stages in order, won stage)."""
    Users = env["res.users"].with_context(no_reset_password=True)
    users = Users.search([("login", "like", "bench_rep_%")], order="id")
    if not users:
        salesman = env.ref("sales_team.group_sale_salesman")
        leader = env.ref("crm_digital.group_crm_digital_team_leader")
        manager = env.ref("sales_team.group_sale_manager")
        users = Users.create(
            [
                {
                    "name": f"Bench Salesperson {i}",
                    "login": f"bench_rep_{i}",
                    "tz": "Europe/Madrid",
                    "groups_id": [(6, 0, (leader if i < 3 else salesman).ids)],
                }
                for i in range(8)
            ]
            + [
                {
                    "name": "Bench Sales Manager",
                    "login": "bench_rep_manager",
                    "tz": "Europe/Madrid",
                    "groups_id": [(6, 0, manager.ids)],
                }
            ]
        )
        env["crm.team"].create(
            [
                {
                    "name": f"Bench Team {i}",
                    "user_id": users[i].id,
                    "member_ids": users[i:8:3].ids,
                }
                for i in range(3)
            ]
        )
        env["crm.stage"].create(
            [
                {"name": name, "sequence": sequence, "crm_digital_stuck_days": days}
                for name, sequence, days in EXTRA_STAGES
            ]
        )
    stages = env["crm.stage"].search([], order="sequence, id")
    won = stages.filtered("is_won")
    return users[:8], users[8], stages - won, won[0]


def generate(env, count, salespeople, open_stages, won):
    """``count`` opportunities over the last 5 years and their stays in
    their stages, by SQL: 40% open, 27% won, 33% cancelled (lost)."""
    cr = env.cr
    started = time.perf_counter()
    print(f"Generating {count:,} opportunities...", flush=True)
    # The database is the bench's own: every lead in it is generated, and
    # what refers to them (stays, quotations, activities) goes with them.
    cr.execute("TRUNCATE crm_lead CASCADE")
    cr.execute("SELECT array_agg(id ORDER BY id) FROM utm_source")
    sources = cr.fetchone()[0] or []
    cr.execute("SELECT array_agg(id ORDER BY id) FROM utm_medium")
    mediums = cr.fetchone()[0] or []
    cr.execute("SELECT array_agg(id ORDER BY id) FROM crm_lost_reason")
    reasons = cr.fetchone()[0] or [None]
    teams = [user.sale_team_id.id for user in salespeople]
    cr.execute("SELECT setseed(0.2026)")
    # One row per opportunity with what decides it: its outcome, how many
    # stages it went through (depth) and the dates of its stays.
    cr.execute(
        """
        CREATE TEMP TABLE bench_plan ON COMMIT DROP AS
        SELECT nextval('crm_lead_id_seq') AS id, n, created, outcome, depth,
               stays, user_idx, r_source, r_medium, r_amount, r_converted,
               r_deadline, r_priority, cycle,
               CASE WHEN outcome = 'open' THEN NULL ELSE created + cycle END
                   AS closed,
               (LEAST(created + cycle, %(now)s) - created)
                   / CASE WHEN outcome = 'won' THEN stays - 1 ELSE stays END
                   AS step
          FROM (SELECT *,
                       CASE WHEN outcome = 'won' THEN depth + 1 ELSE depth END
                           AS stays
                  FROM (SELECT *,
                               CASE WHEN outcome = 'won' THEN 1 + floor(r_depth * 3)
                                    ELSE 1 + floor(r_depth * 5) END::int AS depth
                          FROM (SELECT *,
                                       CASE WHEN created + cycle > %(now)s THEN 'open'
                                            WHEN r_outcome < 0.28 THEN 'won'
                                            WHEN r_outcome < 0.62 THEN 'cancelled'
                                            ELSE 'open' END AS outcome
                                  FROM (SELECT n, random() AS r_outcome,
                                               random() AS r_depth,
                                               1 + floor(random() * 8)::int
                                                   AS user_idx,
                                               random() AS r_source,
                                               random() AS r_medium,
                                               random() AS r_amount,
                                               random() AS r_converted,
                                               random() AS r_deadline,
                                               random() AS r_priority,
                                               date_trunc('second', %(now)s
                                                   - random() * interval '1826 days')
                                                   AS created,
                                               interval '3 days' + random() ^ 2
                                                   * interval '150 days' AS cycle
                                          FROM generate_series(1, %(count)s) AS n
                                       ) AS drawn
                               ) AS decided
                       ) AS deep
               ) AS staged
        """,
        {"count": count, "now": cr.now()},
    )
    uid, company = env.uid, env.company.id
    cr.execute(
        """
        INSERT INTO crm_lead (
            id, name, type, active, stage_id, user_id, team_id, company_id,
            priority, probability, automated_probability, expected_revenue,
            prorated_revenue, recurring_revenue_monthly,
            recurring_revenue_monthly_prorated, source_id, medium_id,
            lost_reason_id, create_date, create_uid, write_date, write_uid,
            date_open, day_open, date_closed, day_close, date_conversion,
            date_deadline, date_last_stage_update, crm_digital_stage_date,
            crm_digital_last_activity_date, crm_digital_outcome)
        SELECT id, 'Bench opportunity ' || n, 'opportunity', active, stage_id,
               user_id, team_id, %(company)s, priority, probability, probability,
               amount, round(amount * probability / 100, 2), 0, 0,
               CASE WHEN r_source < 0.85
                    THEN (%(sources)s::int[])[1 + floor(r_source / 0.85
                         * cardinality(%(sources)s::int[]))::int] END,
               CASE WHEN r_medium < 0.85
                    THEN (%(mediums)s::int[])[1 + floor(r_medium / 0.85
                         * cardinality(%(mediums)s::int[]))::int] END,
               CASE WHEN outcome = 'cancelled'
                    THEN (%(reasons)s::int[])[1 + n %% cardinality(%(reasons)s::int[])]
                    END,
               created, %(uid)s, COALESCE(closed, stage_date), %(uid)s,
               created, 0, closed,
               EXTRACT(EPOCH FROM closed - created) / 86400,
               CASE WHEN r_converted < 0.4 THEN created + step / 4 END,
               CASE WHEN outcome != 'open' THEN closed::date
                    WHEN r_deadline < 0.85 THEN (created + cycle)::date END,
               stage_date, stage_date, stage_date, outcome
          FROM (SELECT *, outcome != 'cancelled' AS active,
                       CASE WHEN outcome = 'won' THEN %(won)s
                            ELSE (%(stages)s::int[])[depth] END AS stage_id,
                       CASE outcome WHEN 'won' THEN 100 WHEN 'cancelled' THEN 0
                            ELSE (%(probabilities)s::int[])[depth] END
                           AS probability,
                       (%(users)s::int[])[user_idx] AS user_id,
                       (%(teams)s::int[])[user_idx] AS team_id,
                       (floor(r_priority ^ 3 * 4))::int::text AS priority,
                       round((300 + r_amount ^ 3 * 60000)::numeric, 2) AS amount,
                       created + step * (stays - 1) AS stage_date
                  FROM bench_plan) AS plan
        """,
        {
            "company": company,
            "uid": uid,
            "sources": sources,
            "mediums": mediums,
            "reasons": reasons,
            "won": won.id,
            "stages": open_stages.ids,
            "probabilities": PROBABILITIES,
            "users": salespeople.ids,
            "teams": teams,
        },
    )
    # Stay i of an opportunity: the i-th of its stages (the won stage last
    # for a won one), left when the next one was entered; the last one is
    # still open (a lost opportunity stays in the stage it was lost in).
    cr.execute(
        """
        INSERT INTO crm_digital_stage_history (
            lead_id, stage_id, previous_stage_id, team_id, salesperson_id,
            user_id, company_id, date_entered, date_left, days, create_uid,
            create_date, write_uid, write_date)
        SELECT id, stage, previous, (%(teams)s::int[])[user_idx],
               (%(users)s::int[])[user_idx], %(uid)s, %(company)s, entered, left_at,
               round((EXTRACT(EPOCH FROM left_at - entered) / 86400)::numeric, 1),
               %(uid)s, entered, %(uid)s, COALESCE(left_at, entered)
          FROM (SELECT p.id, p.user_idx, created + step * (i - 1) AS entered,
                       CASE WHEN i < stays THEN created + step * i END AS left_at,
                       CASE WHEN outcome = 'won' AND i = stays THEN %(won)s
                            ELSE (%(stages)s::int[])[i] END AS stage,
                       CASE WHEN i > 1 THEN (%(stages)s::int[])[i - 1] END
                           AS previous
                  FROM bench_plan p, generate_series(1, p.stays) AS s(i)) AS stay
        """,
        {
            "company": company,
            "uid": uid,
            "won": won.id,
            "stages": open_stages.ids,
            "users": salespeople.ids,
            "teams": teams,
        },
    )
    cr.commit()
    for table in ("crm_lead", "crm_digital_stage_history"):
        vacuum = psql(f"VACUUM ANALYZE {table}")
        if vacuum.returncode:
            sys.exit(vacuum.stderr)
    print(f"Generated in {time.perf_counter() - started:.0f} s", flush=True)


def describe(env):
    cr = env.cr
    cr.execute(
        "SELECT crm_digital_outcome, count(*) FROM crm_lead GROUP BY 1 ORDER BY 1"
    )
    outcomes = cr.fetchall()
    cr.execute(
        "SELECT count(*), min(create_date)::date, max(create_date)::date,"
        " pg_size_pretty(pg_total_relation_size('crm_lead')) FROM crm_lead"
    )
    total, first, last, size = cr.fetchone()
    cr.execute("SELECT count(*) FROM crm_digital_stage_history")
    stays = cr.fetchone()[0]
    print(
        f"Opportunities: {total:,} ({size} with indexes), "
        + ", ".join(f"{outcome} {count:,}" for outcome, count in outcomes)
        + f"; created {first} to {last}; {stays:,} stays in stages",
        flush=True,
    )


def timed(env, function, runs):
    """Median and 95th percentile in ms of ``runs`` calls, after one to
    warm the caches, each with the ORM's cache emptied as a new request's."""
    function()
    samples = []
    for _ in range(runs):
        env.invalidate_all()
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), statistics.quantiles(
        samples, n=20, method="inclusive"
    )[-1]


def captured(cr, function):
    """The queries ``function`` runs, slowest first: [(ms, query, params,
    settings)], with the planner settings the code changed around it (such
    as ``set_config('jit', 'off', true)``), to plan it as it ran."""
    queries = []
    thread = threading.current_thread()
    cr.execute("SELECT name, setting FROM pg_settings")
    before = dict(cr.fetchall())

    def hook(cr, query, params, start, delay):
        # A cursor of its own: the query's rows are still to be fetched.
        with cr._cnx.cursor() as settings:
            settings.execute(
                "SELECT name, setting FROM pg_settings WHERE source = 'session'"
            )
            changed = {
                name: value
                for name, value in settings.fetchall()
                if before.get(name) != value
            }
        queries.append((delay * 1000, query, params, changed))

    thread.query_hooks = [hook]
    try:
        function()
    finally:
        del thread.query_hooks
    return sorted(queries, key=lambda item: -item[0])


def explain(cr, query, params, settings, options):
    """EXPLAIN (``options``) of ``query`` under ``settings``, undone after."""
    cr.execute("SAVEPOINT bench_explain")
    for name, value in settings.items():
        cr.execute("SELECT set_config(%s, %s, true)", [name, value])
    cr.execute(f"EXPLAIN ({options}) {query}", params)
    rows = cr.fetchall()
    cr.execute("ROLLBACK TO SAVEPOINT bench_explain")
    return rows


def index_names(plan):
    names = [plan["Index Name"]] if "Index Name" in plan else []
    for child in plan.get("Plans", ()):
        if child["Node Type"] in ("Bitmap Index Scan", "BitmapAnd", "BitmapOr"):
            names += index_names(child)
    return names


def scans(plan, table):
    """How ``plan`` reads ``table``: each node reading it, with its indexes."""
    found = []
    if plan.get("Relation Name") == table:
        indexes = ", ".join(sorted(set(index_names(plan))))
        found.append(plan["Node Type"] + (f" ({indexes})" if indexes else ""))
    for child in plan.get("Plans", ()):
        found += scans(child, table)
    return found


def lead_plans(cr, function):
    """The plans of the SELECTs on crm_lead ``function`` runs, slowest first:
    [(ms, top node, how crm_lead is read, query, params, settings)]."""
    plans = []
    for ms, query, params, settings in captured(cr, function):
        if "crm_lead" not in query or not query.lstrip().upper().startswith(
            ("SELECT", "WITH")
        ):
            continue
        plan = explain(cr, query, params, settings, "FORMAT JSON")[0][0][0]["Plan"]
        plans.append(
            (ms, plan["Node Type"], scans(plan, "crm_lead"), query, params, settings)
        )
    return plans


def one_line(query, width=110):
    text = " ".join(query.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def measure_all(su, as_manager, as_salesperson, runs):
    """[(measure, median, p95, target)]: the target a factor of the scan's
    median, NO_FULL_SCAN or None."""
    from odoo import fields

    cr = su.cr
    Kpi = as_manager["crm.digital.kpi.report"]
    Lead = as_manager["crm.lead"]
    Own = as_salesperson["crm.digital.kpi.report"]
    today = fields.Date.context_today(Kpi)
    # get_dashboard's arguments for each report of the report wizard; the
    # monthly one as the monthly email asks for it (the month just ended).
    reports = {
        "monthly": {"period": "month", "day": str(today.replace(day=1) - ONE_DAY)},
        "pipeline": {"period": "month"},
        "activity": {"period": "month", "cut": "user_id"},
    }
    calls = [
        (
            "(a) SQL scan, stage x salesperson",
            su,
            lambda: (cr.execute(BASELINE_SQL), cr.fetchall()),
            None,
        ),
        (
            "(b) stock read_group, stage x salesperson",
            as_manager,
            partial(
                Lead.read_group,
                [],
                ["expected_revenue:sum"],
                ["stage_id", "user_id"],
                lazy=False,
            ),
            None,
        ),
        *(
            (
                f"(c) dashboard, manager, {period}",
                as_manager,
                partial(Kpi.get_dashboard, period=period),
                2,
            )
            for period in ("month", "ytd", "year")
        ),
        *(
            (
                f"(d) {name} report data, manager",
                as_manager,
                partial(Kpi.get_dashboard, **kwargs),
                3,
            )
            for name, kwargs in reports.items()
        ),
        (
            "(e) own dashboard, salesperson, month",
            as_salesperson,
            partial(Own.get_dashboard, period="month"),
            NO_FULL_SCAN,
        ),
    ]
    results = []
    for label, env, function, factor in calls:
        median, p95 = timed(env, function, runs)
        print(f"  {label}: median {median:.0f} ms, p95 {p95:.0f} ms", flush=True)
        results.append((label, median, p95, factor))
    return results


def print_table(results, full_scans):
    """The figures side by side; whether every target is met."""
    baseline = results[0][1]
    print(
        f"\n{'Measure':<44}{'median ms':>10}{'p95 ms':>8}{'p95/scan':>10}"
        f"  {'Target':<18}Result"
    )
    passed = True
    for label, median, p95, target in results:
        ratio = p95 / baseline
        if target == NO_FULL_SCAN:
            met = not full_scans
        elif target:
            met = ratio < target
            target = f"p95 < {target}x scan"
        else:
            met, target = None, ""
        passed &= met is not False
        result = {True: "PASS", False: "FAIL", None: ""}[met]
        print(
            f"{label:<44}{median:>10.0f}{p95:>8.0f}{ratio:>10.1f}  {target:<18}{result}"
        )
    return passed


def own_dashboard_plans(cr, as_salesperson):
    """Print how a salesperson's own dashboard reads crm_lead; return the
    plans that read all of it."""
    Own = as_salesperson["crm.digital.kpi.report"]
    as_salesperson.invalidate_all()
    plans = lead_plans(cr, partial(Own.get_dashboard, period="month"))
    print("\nA salesperson's own dashboard: its queries on crm_lead, planned")
    for ms, top, lead_scans, query, _params, settings in plans:
        print(
            f"  {ms:6.1f} ms  {top} <- {'; '.join(lead_scans)}{with_settings(settings)}"
        )
        print(f"             {one_line(query)}")
    return [plan for plan in plans if any("Seq Scan" in scan for scan in plan[2])]


def dashboard_queries(as_manager):
    """Print the slowest queries of the manager's widest dashboard; return
    them, slowest first."""
    Kpi = as_manager["crm.digital.kpi.report"]
    as_manager.invalidate_all()
    started = time.perf_counter()
    queries = captured(as_manager.cr, partial(Kpi.get_dashboard, period="year"))
    total = (time.perf_counter() - started) * 1000
    print(
        f"\nThe manager's dashboard (year): {len(queries)} queries,"
        f" {sum(ms for ms, *_ in queries):.0f} ms in SQL of {total:.0f} ms; slowest:"
    )
    for ms, query, _params, settings in queries[:5]:
        print(f"  {ms:8.1f} ms  {one_line(query)}{with_settings(settings)}")
    return queries


def with_settings(settings):
    changed = ", ".join(f"{name}={value}" for name, value in settings.items())
    return f" [{changed}]" if changed else ""


def print_explain(cr, title, query, params, settings):
    print(f"\nEXPLAIN ANALYZE of {title}{with_settings(settings)}:\n{query.strip()}")
    plan = explain(cr, query, params, settings, "ANALYZE, BUFFERS")
    # Its lines repeat the periods' edges: each cut to what says what it does.
    for (line,) in plan:
        print(line if len(line) <= 200 else line[:197] + "...")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opportunities", type=int, default=1000000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    conf = odoo_conf(DB, "bench-reporting.conf")
    ensure_installed(conf, DB, "crm_digital_reporting")

    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", str(conf), "--log-level=warn"])
    with Registry(DB).cursor() as cr:
        cr.execute(
            "SELECT current_setting('server_version'), current_setting('work_mem'),"
            " current_setting('jit'),"
            " current_setting('max_parallel_workers_per_gather')"
        )
        version, work_mem, jit, workers = cr.fetchone()
        print(
            f"Machine: {platform.machine()}, {os.cpu_count()} cores,"
            f" Python {platform.python_version()}, PostgreSQL {version}"
            f" (work_mem {work_mem}, jit {jit}, {workers} parallel workers)",
            flush=True,
        )
        su = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        salespeople, manager, open_stages, won = setup_people(su)
        cr.commit()
        cr.execute("SELECT count(*) FROM crm_lead WHERE name LIKE 'Bench opp%%'")
        if cr.fetchone()[0] != args.opportunities:
            generate(su, args.opportunities, salespeople, open_stages, won)
        describe(su)
        context = {"lang": "en_US", "tz": "Europe/Madrid"}
        as_manager = su(user=manager, context=context)
        as_salesperson = su(user=salespeople[3], context=context)
        results = measure_all(su, as_manager, as_salesperson, args.runs)
        full_scans = own_dashboard_plans(cr, as_salesperson)
        passed = print_table(results, full_scans)
        queries = dashboard_queries(as_manager)
        if not passed:
            print_explain(cr, "the slowest", *queries[0][1:])
            for plan in full_scans:
                print_explain(cr, "the salesperson's full scan", *plan[3:])
        cr.rollback()
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
