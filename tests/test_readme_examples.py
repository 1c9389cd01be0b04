# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The README's integration examples, run as they are written (Python,
Node.js, curl) against the test server, as a salesperson."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DB, URL, make_api_key, new_salesperson

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(
    r"```(python|bash|javascript)\n((?:#|//) example: ([\w-]+)\n.*?)```", re.S
)
RUNNERS = {
    "python": [sys.executable, "-c"],
    "bash": ["bash", "-euo", "pipefail", "-c"],
    "javascript": ["node", "--input-type=module", "-e"],
}
# Each example creates the lead named so.
LEADS = {
    "rest-curl": "REST",
    "xmlrpc": "XML-RPC",
    "jsonrpc-requests": "JSON-RPC",
    "odoorpc": "odoorpc",
    "jsonrpc-fetch": "fetch",
    "jsonrpc-curl": "curl",
}
EXAMPLES = {
    name: (language, code) for language, code, name in BLOCK.findall(README.read_text())
}


def test_the_readme_has_every_example():
    assert set(EXAMPLES) == set(LEADS)


@pytest.fixture(scope="module")
def integrator(admin, company):
    login, uid = new_salesperson(admin, company["tag"], "integrator")
    key, _web = make_api_key(login, ["leads:write"])
    return {
        **os.environ,
        "ODOO_URL": URL,
        "ODOO_DB": DB,
        "ODOO_USER": login,
        "ODOO_PASSWORD": login,
        "ODOO_UID": str(uid),
        "ODOO_API_KEY": key,
    }


@pytest.mark.parametrize("name", sorted(LEADS))
def test_a_readme_example_runs_as_written(admin, integrator, name):
    language, code = EXAMPLES[name]
    done = subprocess.run(
        [*RUNNERS[language], code],
        env=integrator,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    leads = admin(
        "crm.lead",
        "search_read",
        [("name", "=", f"Reforma oficina Alicante ({LEADS[name]})")],
        fields=["create_uid"],
    )
    assert [lead["create_uid"][0] for lead in leads] == [int(integrator["ODOO_UID"])], (
        done.stdout
    )
