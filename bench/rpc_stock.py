#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A salesperson's everyday JSON-RPC calls on stock Odoo and with our five
addons installed, side by side in one run: two servers with two workers each,
one on a stock crm + sale_crm database, one on a database that adds our
addons, each holding `--opportunities` opportunities (2,000) of the
salesperson.

    .venv/bin/python bench/rpc_stock.py [--opportunities 2000] [--seconds 20]
                                        [--without-task-rules]

Uses the databases crm_digital_bench_stock and crm_digital_bench_ours
(created on the first run, without demo data). Prints requests/s, p50 and p95
in ms of each call on each side, the ratios (ours / stock) and PASS or FAIL;
exits 1 when a target is missed:

- `create` of an opportunity: ratio >= 0.8 (at most 25% more cost);
- `write` of one field of an opportunity (its expected revenue): >= 0.8;
- `search_read` of 80 opportunities, the pipeline list's fields: printed.

Each pair is measured A B B A A B B A (each a quarter of the time), so that
the tables growing and whatever else the machine does weigh on both alike.

--without-task-rules switches our side's task rules off for the run (they are
on again after it): what the tasks planned automatically cost, the first call
of each new opportunity above all.
"""

import argparse
import os
import platform
import sys

import requests
from api import compare
from odoo_install import (
    bench_user,
    ensure_installed,
    jsonrpc,
    odoo_conf,
    start_server,
)

from odoo.tools import config

STOCK = "crm,sale_crm"
OURS = (
    "crm,sale_crm,crm_digital,crm_digital_reporting,crm_digital_documents,"
    "crm_digital_alerts,crm_digital_api"
)
SIDES = {
    "stock": ("crm_digital_bench_stock", STOCK, 8271),
    "ours": ("crm_digital_bench_ours", OURS, 8273),
}
LOGIN = "bench_rpc_sales"
LIST_FIELDS = [
    "name",
    "partner_id",
    "email_from",
    "user_id",
    "stage_id",
    "expected_revenue",
    "probability",
    "activity_date_deadline",
]


def prepare(conf, db, addons, opportunities):
    """The salesperson and their opportunities; returns their user id."""
    ensure_installed(conf, db, addons)
    import odoo
    from odoo.modules.registry import Registry

    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        user = bench_user(env, LOGIN, "Bench RPC", "sales_team.group_sale_salesman")
        team = env.ref("sales_team.team_sales_department")
        if user not in team.member_ids:
            team.member_ids |= user
        Lead = env["crm.lead"].with_user(user).with_context(tracking_disable=True)
        have = Lead.search_count([("user_id", "=", user.id)])
        if have < opportunities:
            print(f"Adding {opportunities - have} opportunities to {db}...", flush=True)
            Lead.create(
                [
                    {
                        "name": f"Oportunidad {n}",
                        "type": "opportunity",
                        "user_id": user.id,
                        "partner_name": f"Empresa {n} SL",
                        "email_from": f"contacto{n}@empresa{n}.es",
                        "expected_revenue": 1000 + n,
                    }
                    for n in range(have, opportunities)
                ]
            )
        return user.id


def switch_task_rules(db, ids=None):
    """Switches the active task rules off, or the rules `ids` on again;
    returns the ids switched off."""
    import odoo
    from odoo.modules.registry import Registry

    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Rule = env["crm.digital.task.rule"].with_context(active_test=False)
        if ids is None:
            rules = Rule.search([("active", "=", True)])
            rules.active = False
            return rules.ids
        Rule.browse(ids).active = True
        return ids


def client(db, port, uid, clients):
    session = requests.Session()
    session.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=clients))
    return jsonrpc(session, f"http://127.0.0.1:{port}", db, uid, LOGIN)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--opportunities", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--without-task-rules", action="store_true")
    args = parser.parse_args()
    sides = {}
    for side, (db, addons, port) in SIDES.items():
        conf = odoo_conf(db, f"bench-{db}.conf")
        if not sides:
            # Once: the configurations differ by their database only.
            config.parse_config(["-c", str(conf), "--log-level=warn"])
        uid = prepare(conf, db, addons, args.opportunities)
        sides[side] = (conf, db, port, uid)

    def creating(side):
        def create(n):
            calls[side](
                "crm.lead",
                "create",
                [
                    {
                        "name": f"Nueva {n}",
                        "type": "opportunity",
                        "partner_name": f"Cliente {n} SL",
                        "email_from": f"nuevo{n}@cliente.es",
                        "expected_revenue": 2500,
                    }
                ],
            )

        return create

    def writing(side):
        def write(n):
            lead = ids[side][n % len(ids[side])]
            calls[side]("crm.lead", "write", [[lead], {"expected_revenue": 3000 + n}])

        return write

    def listing(side):
        def search_read(_n):
            calls[side](
                "crm.lead",
                "search_read",
                [[("type", "=", "opportunity")]],
                {"fields": LIST_FIELDS, "limit": 80},
            )

        return search_read

    run = (args.seconds, args.clients)
    # Before the servers start: their workers read the rules once.
    switched_off = (
        switch_task_rules(SIDES["ours"][0]) if args.without_task_rules else []
    )
    servers = []
    try:
        servers += [
            start_server(conf, db, port) for conf, db, port, _uid in sides.values()
        ]
        calls = {
            side: client(db, port, uid, args.clients)
            for side, (_conf, db, port, uid) in sides.items()
        }
        ids = {
            side: call(
                "crm.lead", "search", [[("type", "=", "opportunity")]], {"limit": 500}
            )
            for side, call in calls.items()
        }
        print(
            f"{platform.node()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; {args.opportunities} opportunities, "
            f"2 workers per server, {args.clients} clients, {args.seconds} s each"
            + ("; our task rules off" if args.without_task_rules else ""),
            flush=True,
        )
        results = []
        for name, make, target in (
            ("create an opportunity", creating, 0.8),
            ("write one field", writing, 0.8),
            ("search_read 80", listing, None),
        ):
            stock, ours = compare(
                (f"stock: {name}", make("stock")),
                (f"ours:  {name}", make("ours")),
                *run,
            )
            results.append((name, ours[1] / stock[1], target))
    finally:
        for server in servers:
            server.terminate()
            server.wait()
        if switched_off:
            switch_task_rules(SIDES["ours"][0], switched_off)
    missed = False
    print(f"\n{'Throughput, ours / stock':<44} {'value':>7} {'target':>7}")
    for name, value, target in results:
        ok = target is None or value >= target
        missed |= not ok
        verdict = "" if target is None else ("PASS" if ok else "FAIL")
        shown = f"{target:7.2f}" if target else f"{'-':>7}"
        print(f"{name:<44} {value:7.2f} {shown}  {verdict}")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
