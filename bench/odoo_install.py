# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The project's Odoo for the benches: a bench database's configuration, its
addons installed, its user, and a server started on it."""

import os
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]


def odoo_src():
    return os.environ.get("ODOO_SRC") or (
        Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        / "crm-digital"
        / "odoo-18.0"
    )


def odoo_bin(conf, db, *args):
    """The command line of the project's Odoo on `db`."""
    return [sys.executable, f"{odoo_src()}/odoo-bin", "-c", str(conf), "-d", db, *args]


def odoo_conf(db, name):
    """The project's Odoo configuration for `db`, written to .state/`name`."""
    conf = REPO / ".state" / name
    script = f'. "{REPO}/scripts/common.sh"; load_pg_env; write_odoo_conf {db} "{conf}"'
    subprocess.run(["bash", "-c", script], check=True)
    return conf


def ensure_installed(conf, db, addons):
    """Installs `addons` (comma-separated) in `db` unless they all are; the
    first run creates the database."""
    installed = subprocess.run(
        [
            "psql",
            "-X",
            "-d",
            db,
            "-tAc",
            "SELECT name FROM ir_module_module WHERE state = 'installed'",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if installed.returncode == 0 and set(addons.split(",")) <= set(
        installed.stdout.split()
    ):
        return
    print(f"Installing {addons} in {db} (a few minutes)...", flush=True)
    install(conf, db, addons)


def bench_user(env, login, name, group_xmlid):
    """The bench's user `login` (password: the login), created in `group_xmlid`
    on the first run."""
    Users = env["res.users"].with_context(no_reset_password=True)
    return Users.search([("login", "=", login)]) or Users.create(
        {
            "name": name,
            "login": login,
            "password": login,
            "groups_id": [(6, 0, env.ref(group_xmlid).ids)],
        }
    )


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


def start_server(conf, db, port, *args):
    """A server with two workers on `db`, as in production, once it answers;
    `args`: more of Odoo's options."""
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
            *args,
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
