#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Lead import speed: stock Odoo's Import (base_import, 2,000-row batches) on
the first rows of a generated CSV, against CRM Digital's lead import (with
validation, duplicate checks and rule assignment) on the whole file, run in
process and then as a user starts it: over XML-RPC on a server with 2 workers
and queue_job's runner, from pressing Import to the import being done.

    .venv/bin/python bench/lead_import.py [--rows 100000] [--stock-rows 10000]

Uses the database crm_digital_bench (see bench/assignment.py, which creates it
and its 20 assignment rules). Each side runs in a process of its own, which
prints rows/s and its peak memory. Exits 1 when ours is not 10 times stock.
"""

import argparse
import base64
import csv
import io
import os
import platform
import random
import resource
import subprocess
import sys
import time
import xmlrpc.client
from pathlib import Path

from odoo_install import start_server
from stdnum.es import nif

REPO = Path(__file__).resolve().parents[1]
DB = "crm_digital_bench"
HEADER = [
    "Oportunidad", "Empresa", "Contacto", "Email", "Teléfono", "NIF",
    "Código postal", "Ciudad", "Provincia", "Ingreso esperado",
]  # fmt: skip
PROVINCES = ["Valencia", "Madrid", "Barcelona", "Alicante", "Sevilla", "Murcia"]


def make_csv(rows):
    rng = random.Random(2026)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    for n in range(rows):
        number = f"{10000000 + n:08d}"
        writer.writerow(
            [
                f"Kit Digital {n}",
                f"Empresa Bench {n}, S.L.",
                f"Contacto {n}",
                f"contacto{n}@empresa{n}.es",
                f"+34 6{rng.randrange(10**7, 10**8)}",
                number + nif.dni.calc_check_digit(number),
                f"{46000 + n % 999:05d}",
                "València",
                PROVINCES[n % len(PROVINCES)],
                f"{rng.randrange(1000, 90000)},00",
            ]
        )
    return out.getvalue().encode()


def env_for(conf):
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", str(conf), "--log-level=warn"])
    cr = Registry(DB).cursor()
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    # Both sides run as a user clicking Import in the web client does: as the
    # administrator (access rules apply), with mail tracking on.
    # Task rules would add an activity per lead: a different job, off for both.
    env["crm.digital.task.rule"].search([("active", "=", True)]).active = False
    env.cr.commit()
    admin = env.ref("base.user_admin")
    return env(
        user=admin, context={"lang": "en_US", "tz": "Europe/Madrid", "uid": admin.id}
    )


def run_stock(conf, data, rows):
    env = env_for(conf)
    head = b"\n".join(data.split(b"\n")[: rows + 1])
    fields = ["name", "partner_name", "contact_name", "email_from", "phone", "vat",
              "zip", "city", "state_id", "expected_revenue"]  # fmt: skip
    wizard = env["base_import.import"].create(
        {"res_model": "crm.lead", "file": head, "file_type": "text/csv"}
    )
    options = {"quoting": '"', "separator": ";", "has_headers": True,
               "encoding": "utf-8", "limit": 2000, "float_decimal_separator": ",",
               "float_thousand_separator": "."}  # fmt: skip
    started = time.perf_counter()
    skip = 0
    while skip is not None and skip < rows:
        result = wizard.execute_import(fields, HEADER, dict(options, skip=skip))
        env.cr.commit()
        skip = result.get("nextrow") or None
    return time.perf_counter() - started


def remove_bench_leads(env):
    env.cr.execute("DELETE FROM crm_lead WHERE partner_name LIKE 'Empresa Bench %'")
    # What unlink() would also remove: the deleted leads' followers.
    env.cr.execute(
        "DELETE FROM mail_followers f WHERE res_model = 'crm.lead' "
        "AND NOT EXISTS (SELECT FROM crm_lead l WHERE l.id = f.res_id)"
    )
    env.cr.commit()


def run_ours(conf, data, rows):
    env = env_for(conf)
    remove_bench_leads(env)
    template = env["crm.digital.import.template"].search([("code", "=", "crm_digital")])
    job = env["crm.digital.lead.import"].create(
        {
            "file_name": "bench.csv",
            "file": base64.b64encode(data),
            "template_id": template.id,
            "duplicate_policy": "flag",
        }
    )
    started = time.perf_counter()
    job._run(job._parse())
    env.cr.commit()
    elapsed = time.perf_counter() - started
    assigned = env["crm.lead"].search_count(
        [("import_id", "=", job.id), ("assignment_rule_id", "!=", False)]
    )
    print(f"  created {job.created_count}, flagged {job.flagged_count}, "
          f"rejected {job.rejected_count}, assigned by rules {assigned}")  # fmt: skip
    return elapsed


def run_background(conf, data, rows):
    """As the administrator in the web client: create the import, press
    Import, wait for the job that the runner hands to a worker to end."""
    env = env_for(conf)
    remove_bench_leads(env)
    env.cr.close()
    port = int(os.environ.get("CRM_DIGITAL_BENCH_PORT", "8269"))
    server = start_server(
        conf,
        DB,
        port,
        "--limit-time-real",
        "3600",
        "--limit-memory-hard",
        str(4 << 30),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        uid = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").authenticate(
            DB, "admin", "admin", {}
        )
        models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

        def call(method, *args, **kwargs):
            return models.execute_kw(
                DB, uid, "admin", "crm.digital.lead.import", method, list(args), kwargs
            )

        upload = base64.b64encode(data).decode()
        job = call(
            "create",
            {"file_name": "bench.csv", "file": upload, "duplicate_policy": "flag"},
        )
        started = time.perf_counter()
        call("action_import", [job])
        deadline = started + 3600
        while True:
            state = call("read", [job], fields=["state"])[0]["state"]
            if state != "queued" or time.perf_counter() > deadline:
                break
            time.sleep(0.5)
        elapsed = time.perf_counter() - started
        counts = ["created_count", "flagged_count", "rejected_count", "error_message"]
        figures = call("read", [job], fields=counts)[0]
        error = figures["error_message"] or ""
        print(f"  {state}: created {figures['created_count']}, flagged "
              f"{figures['flagged_count']}, rejected {figures['rejected_count']} "
              f"{error}")  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=60)
    return elapsed


RUNS = {"stock": run_stock, "ours": run_ours, "background": run_background}
LABELS = {
    "stock": "Stock base_import",
    "ours": "CRM Digital import",
    "background": "CRM Digital import, background job as a user starts it",
}


def child(mode, conf, path, rows):
    data = Path(path).read_bytes()
    elapsed = RUNS[mode](conf, data, rows)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{rows / elapsed:.1f} {elapsed:.1f} {peak:.0f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100000)
    parser.add_argument("--stock-rows", type=int, default=10000)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, conf, path, rows = args.child
        child(mode, conf, path, int(rows))
        return
    conf = REPO / ".state" / "bench.conf"
    if not conf.exists():
        sys.exit("Run bench/assignment.py first: it creates the bench database.")
    path = REPO / ".state" / f"bench-leads-{args.rows}.csv"
    if not path.exists():
        path.write_bytes(make_csv(args.rows))
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}; "
          f"file: {args.rows} rows", flush=True)  # fmt: skip
    results = {}
    for mode, rows in (
        ("stock", args.stock_rows),
        ("ours", args.rows),
        ("background", args.rows),
    ):
        command = [sys.executable, __file__, "--child", mode, str(conf), str(path)]
        out = subprocess.run(
            [*command, str(rows)], check=True, capture_output=True, text=True
        )
        *lines, figures = out.stdout.strip().splitlines()
        rate, elapsed, peak = map(float, figures.split())
        results[mode] = rate
        # The server's workers hold the background run's memory, not the client.
        memory = f", peak memory {peak:.0f} MB" if mode != "background" else ""
        print(f"{LABELS[mode]}: {rows} rows in {elapsed:.0f} s = {rate:,.0f} rows/s"
              f"{memory}", *lines, sep="\n", flush=True)  # fmt: skip
    ratios = {mode: results[mode] / results["stock"] for mode in ("ours", "background")}
    print(f"Ratio: {ratios['ours']:.1f}x stock in process, {ratios['background']:.1f}x "
          "as a user starts it (target: 10x)")  # fmt: skip
    sys.exit(0 if min(ratios.values()) >= 10 else 1)


if __name__ == "__main__":
    main()
