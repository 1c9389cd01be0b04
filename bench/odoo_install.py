# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The project's Odoo for the benches: addons installed in a bench database,
and a server started on one."""

import os
import subprocess
import sys
import time
from pathlib import Path

import requests


def odoo_src():
    return os.environ.get("ODOO_SRC") or (
        Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        / "crm-digital"
        / "odoo-18.0"
    )


def odoo_bin(conf, db, *args):
    """The command line of the project's Odoo on `db`."""
    return [sys.executable, f"{odoo_src()}/odoo-bin", "-c", str(conf), "-d", db, *args]


def install(conf, db, addons):
    subprocess.run(
        odoo_bin(
            conf,
            db,
            "-i",
            addons,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ),
        check=True,
    )


def start_server(conf, db, port):
    """A server with two workers on `db`, as in production, once it answers."""
    server = subprocess.Popen(
        odoo_bin(
            conf,
            db,
            "--http-port",
            str(port),
            "--gevent-port",
            str(port + 1),
            "--workers",
            "2",
            "--max-cron-threads",
            "0",
            "--log-level=warn",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            requests.get(f"http://127.0.0.1:{port}/web/login", timeout=2)
            return server
        except requests.RequestException:
            time.sleep(1)
    server.kill()
    raise SystemExit(f"The server of {db} did not start")


def jsonrpc(session, url, db, uid, password):
    """A call of a model's method through Odoo's /jsonrpc, as `uid`."""

    def call(model, method, args, kwargs=None):
        answer = session.post(
            f"{url}/jsonrpc",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "service": "object",
                    "method": "execute_kw",
                    "args": [db, uid, password, model, method, args, kwargs or {}],
                },
            },
            timeout=120,
        ).json()
        assert "error" not in answer, answer
        return answer["result"]

    return call
