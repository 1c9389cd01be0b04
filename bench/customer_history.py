#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Customer history speed: how long the History of a customer with thousands
of records takes to open (its first page, and the count on its button), as
the web client asks for them, among many other customers, with the entries the
documents and alerts addons add.

    .venv/bin/python bench/customer_history.py [--deals 3000] [--orders 1000]
        [--documents 1000]

Uses the database crm_digital_bench (see bench/assignment.py, which creates
it) and installs the documents and alerts addons in it. Creates the big
customer once; prints the milliseconds of each request.
"""

import argparse
import base64
import platform
import statistics
import sys
import time
from pathlib import Path

from odoo_install import ensure_installed

REPO = Path(__file__).resolve().parents[1]
DB = "crm_digital_bench"
NAME = "Cliente Grande Bench, S.A."


def env_for(conf):
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", str(conf), "--log-level=warn"])
    cr = Registry(DB).cursor()
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    admin = env.ref("base.user_admin")
    return env(user=admin, context={"lang": "en_US", "tz": "Europe/Madrid"})


def big_customer(env, deals, orders, documents):
    Partner = env["res.partner"]
    customer = Partner.search([("name", "=", NAME)], limit=1)
    if customer:
        return customer
    print(f"Creating {NAME}: {deals} deals, {orders} orders...", flush=True)
    env["crm.digital.task.rule"].search([("active", "=", True)]).active = False
    customer = Partner.create({"name": NAME, "is_company": True})
    contacts = Partner.create(
        [{"name": f"Contacto {n}", "parent_id": customer.id} for n in range(20)]
    )
    Lead = env["crm.lead"].with_context(
        tracking_disable=True, mail_create_nolog=True, crm_digital_no_assign=True
    )
    leads = Lead.create(
        [
            {
                "name": f"Oportunidad {n}",
                "type": "opportunity",
                "partner_id": contacts[n % len(contacts)].id,
                "expected_revenue": 1000 + n,
            }
            for n in range(deals)
        ]
    )
    negotiation = env.ref("crm_digital.stage_negotiation")
    leads[: deals // 3].write({"stage_id": negotiation.id})
    product = env["product.product"].create({"name": "Bench", "list_price": 100})
    env["sale.order"].with_context(tracking_disable=True).create(
        [
            {
                "partner_id": contacts[n % len(contacts)].id,
                "opportunity_id": leads[n].id,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
            for n in range(orders)
        ]
    )
    # Files attached to its opportunities (filed in dms) and stuck ones.
    env["ir.attachment"].create(
        [
            {
                "name": f"documento-{n}.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 bench"),
                "res_model": "crm.lead",
                "res_id": leads[n % deals].id,
            }
            for n in range(documents)
        ]
    )
    negotiation.crm_digital_stuck_days = 1
    leads[: deals // 3].date_last_stage_update = "2020-01-01"
    env["crm.digital.alert"]._cron_crm_digital_check()
    env.cr.commit()
    return customer


def timed(function, runs=20):
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=3000)
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    conf = REPO / ".state" / "bench.conf"
    if not conf.exists():
        sys.exit("Run bench/assignment.py first: it creates the bench database.")
    # The history is read with every addon that extends it.
    ensure_installed(conf, DB, "crm_digital_documents,crm_digital_alerts")
    env = env_for(conf)
    customer = big_customer(env, args.deals, args.orders, args.documents)
    # Fresh planner statistics, as autovacuum keeps them on a live database
    # (the bench database churns through hundreds of thousands of leads).
    for table in ("crm_lead", "crm_digital_stage_history", "sale_order",
                  "res_partner", "mail_activity", "mail_message", "dms_file",
                  "dms_directory", "crm_digital_alert"):  # fmt: skip
        env.cr.execute(f"ANALYZE {table}")
    Event = env["crm.digital.customer.event"]
    domain = [("partner_id", "=", customer.id)]
    total = Event.search_count(domain)
    everyone = Event.search_count([])

    def first_page():
        env.invalidate_all()
        Event.web_search_read(
            domain,
            {"date": {}, "kind": {}, "name": {}, "amount": {}, "user_id": {}},
            limit=80,
            count_limit=10001,
        )

    def button_count():
        env.invalidate_all()
        customer.invalidate_recordset(["crm_digital_event_count"])
        return customer.crm_digital_event_count

    print(f"Machine: {platform.machine()}, Python {platform.python_version()}")
    kinds = dict(Event._read_group(domain, ["kind"], ["__count"]))
    print(f"{NAME}: {total:,} history entries, of {everyone:,} in the database")
    print("  by kind: " + ", ".join(f"{k} {n:,}" for k, n in sorted(kinds.items())))
    print(f"History, first page of 80 with its count: {timed(first_page):.0f} ms")
    print(f"History button count: {timed(button_count):.0f} ms")
    env.cr.rollback()
    env.cr.close()


if __name__ == "__main__":
    main()
