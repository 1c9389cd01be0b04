# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Webhooks on a real server: deliveries go through queue_job's runner after
the change is committed, signed, to a system listening on 127.0.0.1; a
receiver that fails is retried until it answers."""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from conftest import URL, make_api_key

API = f"{URL}/crm_digital/api/v1"


def verify(secret, header, body, now):
    """A receiver's check, as the API documents it."""
    parts = dict(part.split("=", 1) for part in header.split(","))
    signed = f"{parts['t']}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return abs(now - int(parts["t"])) <= 300 and hmac.compare_digest(
        digest, parts["v1"]
    )


@pytest.fixture
def receiver():
    received, statuses = [], []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((dict(self.headers), body))
            self.send_response(statuses.pop(0) if statuses else 200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/hook", received, statuses
    server.shutdown()
    server.server_close()


def _wait_for(received, count, seconds=90):
    deadline = time.time() + seconds
    while len(received) < count and time.time() < deadline:
        time.sleep(0.5)
    return received


def test_a_lead_created_over_rest_reaches_the_receiver_signed(admin, company, receiver):
    url, received, statuses = receiver
    statuses.append(503)  # the first attempt fails: it is retried
    admin(
        "ir.config_parameter", "set_param", "crm_digital_api.webhook_retry_seconds", "1"
    )
    # The receiver listens on this machine: a host the consultant allows.
    admin(
        "ir.config_parameter",
        "set_param",
        "crm_digital_api.webhook_internal_hosts",
        "127.0.0.1",
    )
    key, _web = make_api_key(
        company["logins"]["salesperson"],
        ["webhooks:write", "leads:write"],
        name="hooks",
    )
    auth = {"Authorization": f"Bearer {key}"}
    webhook = requests.post(
        f"{API}/webhooks",
        headers=auth,
        json={"name": f"ERP {company['tag']}", "url": url, "events": ["lead.created"]},
        timeout=30,
    ).json()
    started = time.time()
    created = requests.post(
        f"{API}/leads",
        headers=auth,
        json={"name": f"Evento {company['tag']}"},
        timeout=30,
    )
    assert created.status_code == 201, created.text
    assert time.time() - started < 10
    _wait_for(received, 2)
    assert len(received) == 2, "the failed attempt, then the retry"
    headers, body = received[-1]
    assert verify(
        webhook["secret"], headers["X-CRM-Digital-Signature"], body, time.time()
    )
    assert json.loads(body)["data"]["id"] == created.json()["id"]
    assert received[0][0]["X-CRM-Digital-Delivery"] == headers["X-CRM-Digital-Delivery"]
    deliveries = requests.get(
        f"{API}/webhooks/{webhook['id']}/deliveries", headers=auth, timeout=30
    ).json()["data"]
    assert [(d["state"], d["attempts"]) for d in deliveries] == [("done", 2)]
