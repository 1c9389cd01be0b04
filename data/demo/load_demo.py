#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Spanish demo data for CRM Digital.

The story of one Valencian SME selling IT services and software: its sales staff
and teams, its customers and catalogue, and two commercial years (last calendar
year and this one up to today) of leads, opportunities, quotations and activities.

    .venv/bin/python data/demo/load_demo.py --config odoo.conf --database DB

``load(env)`` does the work inside the caller's transaction (the command line
commits). Every record gets an xmlid in the ``crm_digital_demo`` module and
existing ones are skipped, so running it again creates nothing.
"""

import argparse
import sys
import time
from collections import Counter

import in_use
from backdate import _backdate, _stage_history
from loaders import (
    _load_activities,
    _load_catalogue,
    _load_customers,
    _load_done_activities,
    _load_leads,
    _load_orders,
    _load_parametrisation,
    _load_snapshots,
    _load_targets,
    _load_teams,
    _load_users,
    _setup_company,
)
from plan import plan
from story import MODULE, QUIET

from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry
from odoo.tools import config


def _parser():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", help="Odoo configuration file")
    parser.add_argument("-d", "--database", help="database (default: db_name)")
    parser.add_argument("--addons-path", help="Odoo addons path")
    return parser


def load(env):
    """Load the demo story into ``env``'s database; return new records by model.

    ``env`` is a superuser environment; the caller commits.
    """
    env = env(context=dict(env.context, **QUIET))
    before = _xmlid_counts(env)
    now, today = fields.Datetime.now(), fields.Date.today()
    customers, leads = plan(today, now)
    company = _setup_company(env)
    users = _load_users(env, company)
    teams = _load_teams(env, company, users)
    refs = _load_catalogue(env, today)
    _load_customers(env, customers, refs, users)
    leads_new = _load_leads(env, leads, refs, users, teams)
    orders_new = _load_orders(env, leads, leads_new, refs)
    activities_new = _load_activities(env, leads, leads_new, users)
    _backdate(env, now, leads, leads_new, orders_new, activities_new)
    _stage_history(env, now, leads, leads_new)
    _load_done_activities(env, now, leads, leads_new, users)
    _load_targets(env, teams, users, today)
    _load_snapshots(env, today)
    _load_parametrisation(env, company, today)
    in_use.load(env, company, users, teams)
    return _xmlid_counts(env) - before


def _xmlid_counts(env):
    data = env["ir.model.data"].search_read([("module", "=", MODULE)], ["model"])
    return Counter(d["model"] for d in data)


def _demo(env, model):
    ids = env["ir.model.data"].search([("module", "=", MODULE), ("model", "=", model)])
    return env[model].with_context(active_test=False).browse(ids.mapped("res_id"))


def _counts(records, *groupby):
    groups = records._read_group([("id", "in", records.ids)], groupby, ["__count"])
    return {tuple(g[:-1]) if len(g) > 2 else g[0]: g[-1] for g in groups}


def summary(env):
    """Describe the demo records present in the database, as text lines."""
    today = fields.Date.today()
    users = _demo(env, "res.users")
    teams = _demo(env, "crm.team")
    partners = _demo(env, "res.partner")
    leads = _demo(env, "crm.lead")
    orders = _demo(env, "sale.order")
    activities = _demo(env, "mail.activity")
    active = _counts(leads, "active")
    lines = [
        f"Users: {len(users)} ({', '.join(users.mapped('login'))})",
        *(
            f"Team {t.name}: leader {t.user_id.login}, "
            f"members {', '.join(t.member_ids.mapped('login'))}"
            for t in teams
        ),
        f"Customers: {len(partners.filtered('is_company'))} companies, "
        f"{len(partners.filtered('parent_id'))} contacts; "
        f"products: {len(_demo(env, 'product.template'))}",
        f"Leads: {len(leads)} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(_counts(leads, "type").items()))
        + f"); active {active.get(True, 0)}, archived {active.get(False, 0)}",
        "Leads by year created: "
        + ", ".join(
            f"{k.year} {v}"
            for k, v in sorted(_counts(leads, "create_date:year").items())
        ),
        f"Won {len(leads.filtered(lambda r: r.stage_id.is_won and r.active))}, "
        f"lost {len(leads.filtered(lambda r: not r.active))}, "
        f"unassigned {len(leads.filtered(lambda r: not r.user_id))}",
    ]
    by_stage = _counts(leads.filtered("active"), "team_id", "stage_id")
    for team in teams:
        stages = {s: n for (t, s), n in by_stage.items() if t == team}
        lines.append(
            f"  {team.name} (active, by stage): "
            + ", ".join(
                f"{s.name} {n}"
                for s, n in sorted(stages.items(), key=lambda i: i[0].sequence)
            )
        )
    lines.append(
        "Orders by state: "
        + ", ".join(f"{k} {v}" for k, v in sorted(_counts(orders, "state").items()))
    )
    due = Counter(
        "overdue"
        if a.date_deadline < today
        else "today"
        if a.date_deadline == today
        else "planned"
        for a in activities
    )
    lines.append(
        f"Activities: {len(activities)} ("
        + ", ".join(f"{k} {due[k]}" for k in ("overdue", "today", "planned"))
        + ")"
    )
    return lines


def main():
    args = _parser().parse_args()
    cli = ["--log-level", "warn"]
    cli += ["-c", args.config] if args.config else []
    cli += ["--addons-path", args.addons_path] if args.addons_path else []
    cli += ["-d", args.database] if args.database else []
    config.parse_config(cli)
    database = args.database or config["db_name"]
    if not database:
        sys.exit("No database: give --database or db_name in the configuration.")
    started = time.monotonic()
    with Registry(database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        created = load(env)
        lines = summary(env)
    print(
        "Created: " + (", ".join(f"{k} {v}" for k, v in created.items()) or "nothing")
    )
    print("\n".join(lines))
    print(f"Done in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
