#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The REST API against Odoo's JSON-RPC, in one run, on one server with two
workers and `--leads` leads (100,000): a salesperson's integration creating
leads one by one, listing pages of 80 and sending 1,000 leads at once, each
through both doors.

    .venv/bin/python bench/api.py [--leads 100000] [--seconds 20] [--clients 4]

Uses the database crm_digital_bench_api (created with crm_digital_api on the
first run; the leads are added until it holds `--leads`). Prints requests/s,
p50 and p95 in ms of each measure, the ratios and PASS or FAIL; exits 1 when
a target is missed:

- REST lead creation (ORM create with validation and assignment rules) at
  no less than JSON-RPC `create`'s throughput (ratio >= 1);
- REST listing of a page of 80 leads at 5x or more JSON-RPC `search_read` of
  80 leads (all fields, as an integrator reads them without `fields`; the same
  page with the API's fields is printed beside it);
- REST `POST /leads/bulk` of 1,000 leads at 0.9x or more the rows/s of the
  lead import of the same 1,000 rows as a CSV file (created and imported over
  JSON-RPC, as a user does in Leads > Imports).

Each pair of doors is measured A B B A A B B A (each a quarter of the time),
so that the database growing as the bench creates leads, and whatever else
the machine does, weighs on both alike.
"""

import argparse
import base64
import csv
import io
import itertools
import os
import platform
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from odoo_install import bench_user, ensure_installed, odoo_conf, start_server
from odoo_install import jsonrpc as odoo_rpc

DB = "crm_digital_bench_api"
PORT = 8269
LOGIN = "bench_api_sales"
# The fields the REST list gives, as search_read names them.
API_FIELDS = [
    "type",
    "name",
    "contact_name",
    "partner_name",
    "email_from",
    "phone",
    "mobile",
    "partner_id",
    "user_id",
    "team_id",
    "stage_id",
    "tag_ids",
    "expected_revenue",
    "probability",
    "date_deadline",
    "city",
    "country_id",
    "source_id",
    "medium_id",
    "campaign_id",
    "crm_digital_outcome",
    "lost_reason_id",
    "description",
    "create_date",
    "write_date",
]


def prepare(conf, leads):
    """The salesperson, their API key and the leads; returns the key."""
    ensure_installed(conf, DB, "crm_digital_api")
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", str(conf), "--log-level=warn"])
    with Registry(DB).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        user = bench_user(env, LOGIN, "Bench API", "sales_team.group_sale_manager")
        # Every request of the bench is counted, none refused.
        env["ir.config_parameter"].set_param("crm_digital_api.rate_limit", 0)
        env["res.users.apikeys"].search([("user_id", "=", user.id)]).unlink()
        key = (
            env["res.users.apikeys"]
            .with_user(user)
            .sudo()
            ._generate("crm_digital_api leads:write", "bench", None)
        )
        have = env["crm.lead"].search_count([])
        if have < leads:
            print(f"Adding {leads - have} leads...", flush=True)
            if not have:
                # A thousand through the import's bulk path (as the ORM makes
                # them), then copied by SQL: the rest takes seconds.
                env["crm.lead"].with_context(
                    tracking_disable=True, mail_create_nolog=True
                )._crm_digital_bulk_create(
                    [
                        {
                            "name": f"Lead bench {n}",
                            "type": "lead",
                            "user_id": user.id,
                            "contact_name": f"Contacto {n}",
                            "email_from": f"contacto{n}@ejemplo.es",
                            "expected_revenue": n,
                        }
                        for n in range(1000)
                    ]
                )
                have = 1000
            cr.execute(
                "SELECT string_agg(quote_ident(column_name), ', ') FROM "
                "information_schema.columns WHERE table_name = 'crm_lead' "
                "AND column_name NOT IN ('id', 'import_key')"
            )
            columns = cr.fetchone()[0]
            while have < leads:
                cr.execute(
                    f"INSERT INTO crm_lead ({columns}) SELECT {columns} FROM crm_lead "  # noqa: S608 - the table's own column names
                    "ORDER BY id LIMIT %s",
                    [min(have, leads - have)],
                )
                have += cr.rowcount
            cr.execute("ANALYZE crm_lead")
        cr.commit()
    return key


def timed(call, seconds, clients):
    """The times (ms) of `call` sent by `clients` at once for `seconds`, and
    the seconds it took."""
    times, counter, deadline = [], itertools.count(), time.time() + seconds

    def client(_n):
        while time.time() < deadline:
            started = time.perf_counter()
            call(next(counter))
            times.append((time.perf_counter() - started) * 1000)

    began = time.time()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    return times, time.time() - began


def report(name, times, elapsed, unit="req"):
    """requests/s, p50 and p95 (ms), printed."""
    times = sorted(times)
    row = (
        name,
        len(times) / elapsed,
        statistics.median(times),
        times[max(0, int(len(times) * 0.95) - 1)],
    )
    print(
        f"{row[0]:<44} {row[1]:8.1f} {unit}/s  p50 {row[2]:7.1f} ms  "
        f"p95 {row[3]:7.1f} ms",
        flush=True,
    )
    return row


def measure(name, call, seconds, clients):
    for _ in range(3):
        call(0)  # warm-up
    return report(name, *timed(call, seconds, clients))


def compare(first, second, seconds, clients):
    """Two (name, call) measured A B B A A B B A, a quarter of the time each
    round: the drift of a run (the table growing, the machine's other work)
    weighs on both alike."""
    for _name, call in (first, second):
        for _ in range(3):
            call(0)  # warm-up
    runs = {first[0]: ([], 0.0), second[0]: ([], 0.0)}
    for name, call in (first, second, second, first) * 2:
        times, elapsed = timed(call, seconds / 4, clients)
        runs[name][0].extend(times)
        runs[name] = (runs[name][0], runs[name][1] + elapsed)
    return [report(name, *runs[name]) for name in (first[0], second[0])]


def bulk_rows(tag):
    """1,000 leads of a company's trade fair list, new in each run."""
    return [
        {
            "name": f"Feria {tag} {n}",
            "partner_name": f"Empresa Feria {tag} {n}, S.L.",
            "contact_name": f"Contacto {tag} {n}",
            "email": f"feria{n}@empresa-{tag}-{n}.es",
            "city": "València",
            "expected_revenue": 1000 + n,
        }
        for n in range(1000)
    ]


# The same rows as a Spanish spreadsheet heads them.
HEADERS = {
    "name": "Oportunidad",
    "partner_name": "Empresa",
    "contact_name": "Contacto",
    "email": "Email",
    "city": "Ciudad",
    "expected_revenue": "Ingreso esperado",
}


def as_csv(rows):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADERS.values())
    writer.writerows([[row[name] for name in HEADERS] for row in rows])
    return out.getvalue().encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    conf = odoo_conf(DB, "bench-api.conf")
    key = prepare(conf, args.leads)
    server = start_server(conf, DB, PORT)
    url = f"http://127.0.0.1:{PORT}"
    session = requests.Session()
    session.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=args.clients))
    uid = session.post(
        f"{url}/jsonrpc",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "common",
                "method": "login",
                "args": [DB, LOGIN, LOGIN],
            },
        },
        timeout=30,
    ).json()["result"]
    auth = {"Authorization": f"Bearer {key}"}

    jsonrpc = odoo_rpc(session, url, DB, uid, LOGIN)

    def rest(method, path, **kwargs):
        kwargs.setdefault("headers", auth)
        response = session.request(
            method,
            f"{url}/crm_digital/api/v1{path}",
            timeout=120,
            **kwargs,
        )
        assert response.status_code < 300, response.text
        return response

    def rpc_create(n):
        # A lead, as the REST path creates (without type, a sales manager's
        # create would make an opportunity).
        jsonrpc(
            "crm.lead",
            "create",
            [{"name": f"RPC {n}", "email_from": f"r{n}@x.es", "type": "lead"}],
        )

    def rest_create(n):
        # Answered with its id only, as JSON-RPC's create answers.
        rest(
            "POST",
            "/leads",
            json={"name": f"REST {n}", "email": f"s{n}@x.es"},
            headers={**auth, "Prefer": "return=minimal"},
        )

    def rpc_list(_n, fields=None):
        # The first page, as the REST list below.
        kwargs = {"limit": 80}
        if fields:
            kwargs["fields"] = fields
        jsonrpc("crm.lead", "search_read", [[("type", "=", "lead")]], kwargs)

    def rest_list(_n):
        rest("GET", "/leads", params={"limit": 80})

    def rest_bulk(rows):
        done = rest("POST", "/leads/bulk", json={"rows": rows}).json()
        assert done["created"] == len(rows), done

    def import_file(rows):
        job = jsonrpc(
            "crm.digital.lead.import",
            "create",
            [
                {
                    "file_name": "feria.csv",
                    "file": base64.b64encode(as_csv(rows)).decode(),
                    "duplicate_policy": "skip",
                }
            ],
        )
        jsonrpc("crm.digital.lead.import", "action_import", [[job]])
        (done,) = jsonrpc(
            "crm.digital.lead.import", "read", [[job], ["state", "created_count"]]
        )
        assert done["created_count"] == len(rows), done

    try:
        print(
            f"{platform.node()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}; {args.leads} leads, 2 workers, "
            f"{args.clients} clients, {args.seconds} s each",
            flush=True,
        )
        run = (args.seconds, args.clients)
        created_rpc, created_rest = compare(
            ("JSON-RPC create", rpc_create), ("REST POST /leads", rest_create), *run
        )
        listed_rpc, listed_rest = compare(
            ("JSON-RPC search_read 80 (all fields)", rpc_list),
            ("REST GET /leads?limit=80", rest_list),
            *run,
        )
        measure(
            "JSON-RPC search_read 80 (the API's fields)",
            lambda n: rpc_list(n, API_FIELDS),
            *run,
        )
        bulk = {"import": [], "rest": []}
        for round_ in range(3):
            for door in ("import", "rest") if round_ % 2 else ("rest", "import"):
                rows = bulk_rows(f"{door}{round_}{int(time.time())}")
                started = time.perf_counter()
                (rest_bulk if door == "rest" else import_file)(rows)
                bulk[door].append(1000 / (time.perf_counter() - started))
        bulk_import = statistics.median(bulk["import"])
        bulk_rest = statistics.median(bulk["rest"])
        print(f"{'Lead import of a 1,000-row CSV':<44} {bulk_import:8.1f} rows/s")
        print(f"{'REST POST /leads/bulk, 1,000 rows':<44} {bulk_rest:8.1f} rows/s")
    finally:
        server.terminate()
        server.wait()
    results = [
        ("create: REST / JSON-RPC", created_rest[1] / created_rpc[1], 1.0),
        ("list 80: REST / JSON-RPC search_read", listed_rest[1] / listed_rpc[1], 5.0),
        ("1,000 leads: REST bulk / lead import", bulk_rest / bulk_import, 0.9),
    ]
    missed = False
    print(f"\n{'Ratio of throughputs':<44} {'value':>7} {'target':>7}")
    for name, value, target in results:
        ok = value >= target
        missed |= not ok
        print(f"{name:<44} {value:7.2f} {target:7.2f}  {'PASS' if ok else 'FAIL'}")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
