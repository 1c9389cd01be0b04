# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Installs addons in a bench database with the project's Odoo."""

import os
import subprocess
import sys
from pathlib import Path


def install(conf, db, addons):
    src = os.environ.get("ODOO_SRC") or (
        Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        / "crm-digital"
        / "odoo-18.0"
    )
    subprocess.run(
        [
            sys.executable,
            f"{src}/odoo-bin",
            "-c",
            str(conf),
            "-d",
            db,
            "-i",
            addons,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )
