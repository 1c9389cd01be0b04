#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Lead assignment speed: stock crm.team assignment against CRM Digital's rules
on the same leads and teams, then ours alone on many more leads.

    .venv/bin/python bench/assignment.py [--leads 10000] [--big 100000]

Uses (and creates on first run) the database crm_digital_bench; prints leads/s,
the ratio and the machine. Exits 1 when ours is not 10 times stock.
"""

import argparse
import os
import platform
import sys
import time

from odoo_install import ensure_installed, odoo_conf

DB = "crm_digital_bench"


def setup(env, leads_count):
    """8 salespeople in 3 teams, 20 rules, `leads_count` unassigned leads."""
    Users = env["res.users"].with_context(no_reset_password=True)
    users = Users.search([("login", "like", "bench_%")])
    if not users:
        group = env.ref("sales_team.group_sale_salesman")
        users = Users.create(
            [
                {
                    "name": f"Bench {i}",
                    "login": f"bench_{i}",
                    "groups_id": [(6, 0, group.ids)],
                }
                for i in range(8)
            ]
        )
    teams = env["crm.team"].search([("name", "like", "Bench team")])
    if not teams:
        teams = env["crm.team"].create(
            [
                {
                    "name": f"Bench team {i}",
                    "member_ids": users[i::3].ids,
                    "assignment_domain": "[]",
                }
                for i in range(3)
            ]
        )
    env["crm.team.member"].search([("crm_team_id", "in", teams.ids)]).write(
        {"assignment_max": 100000}
    )
    env["crm.digital.assignment.rule"].search([]).unlink()
    states = env["res.country.state"].search([("country_id.code", "=", "ES")], limit=19)
    strategies = ["round_robin", "least_loaded", "round_robin", "fixed"]
    env["crm.digital.assignment.rule"].create(
        [
            {
                "name": f"Bench rule {i}",
                "sequence": i,
                "team_id": teams[i % 3].id,
                "strategy": strategies[i % 4],
                "user_id": teams[i % 3].member_ids[:1].id,
                "state_ids": [(6, 0, state.ids)],
            }
            for i, state in enumerate(states)
        ]
        + [{"name": "Bench rest", "sequence": 99, "team_id": teams[0].id}]
    )
    env.cr.execute("DELETE FROM crm_lead WHERE name LIKE 'Bench lead%'")
    Lead = env["crm.lead"].with_context(
        crm_digital_no_assign=True, tracking_disable=True, mail_create_nolog=True
    )
    batch = 5000
    for start in range(0, leads_count, batch):
        Lead.create(
            [
                {
                    "name": f"Bench lead {n}",
                    "type": "lead",
                    "user_id": False,
                    "team_id": False,
                    "state_id": states[n % 25].id if n % 25 < len(states) else False,
                    "email_from": f"lead{n}@bench.example.com",
                }
                for n in range(start, min(start + batch, leads_count))
            ]
        )
        env.cr.commit()
    return env["crm.lead"].search([("name", "like", "Bench lead%")]), teams


def unassign(env, leads):
    env.cr.execute(
        "UPDATE crm_lead SET user_id = NULL, team_id = NULL, assignment_rule_id = NULL,"
        " create_date = now() WHERE id = ANY(%s)",
        [leads.ids],
    )
    env.cr.commit()
    env.invalidate_all()


def time_it(label, count, func):
    started = time.perf_counter()
    func()
    elapsed = time.perf_counter() - started
    rate = count / elapsed
    print(
        f"{label}: {count} leads in {elapsed:.1f} s = {rate:,.0f} leads/s", flush=True
    )
    return rate


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=10000)
    parser.add_argument("--big", type=int, default=100000)
    args = parser.parse_args()
    conf = odoo_conf(DB, "bench.conf")
    ensure_installed(conf, DB, "crm_digital")

    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", str(conf), "--log-level=warn"])
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}",
        flush=True,
    )
    with Registry(DB).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env.company.crm_digital_assignment_notify = "none"
        # Task rules would add an activity per assigned lead: off for both.
        env["crm.digital.task.rule"].search([("active", "=", True)]).active = False
        leads, teams = setup(env, args.leads)
        unassign(env, leads)
        stock = time_it(
            "Stock crm.team assignment",
            len(leads),
            lambda: (
                teams.with_context(tracking_disable=True)._action_assign_leads(
                    force_quota=True
                ),
                cr.commit(),
            ),
        )
        unassign(env, leads)
        ours = time_it(
            "CRM Digital rules, 20 rules",
            len(leads),
            lambda: (
                leads.with_context(tracking_disable=True)._crm_digital_assign(),
                cr.commit(),
            ),
        )
        print(f"Ratio: {ours / stock:.1f}x stock (target: 10x)", flush=True)
        if args.big:
            big, _teams = setup(env, args.big)
            unassign(env, big)
            time_it(
                "CRM Digital rules, 20 rules",
                len(big),
                lambda: (
                    big.with_context(tracking_disable=True)._crm_digital_assign(),
                    cr.commit(),
                ),
            )
    sys.exit(0 if ours >= 10 * stock else 1)


if __name__ == "__main__":
    main()
