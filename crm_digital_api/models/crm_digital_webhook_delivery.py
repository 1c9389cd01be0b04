# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
import time
import uuid

import requests

from odoo import api, fields, models
from odoo.exceptions import AccessError, MissingError

from ..payloads import payload
from ..signature import HEADER, sign

_logger = logging.getLogger(__name__)

TIMEOUT = 10
MAX_WAIT = 3600
USER_AGENT = "CRM-Digital-Webhooks/1"


class CrmDigitalWebhookDelivery(models.Model):
    """One event sent, or to send, to one webhook."""

    _name = "crm.digital.webhook.delivery"
    _description = "Webhook Delivery"
    _order = "id desc"
    _rec_name = "event"

    uuid = fields.Char(
        "Delivery ID",
        required=True,
        default=lambda self: str(uuid.uuid4()),
        readonly=True,
        help="Sent as the X-CRM-Digital-Delivery header: the same on every "
        "retry, for the receiver to skip what it already has.",
    )
    webhook_id = fields.Many2one(
        "crm.digital.webhook", required=True, ondelete="cascade", index=True
    )
    event = fields.Char(required=True, readonly=True)
    res_model = fields.Char("Model", required=True, readonly=True)
    res_id = fields.Integer("Record", required=True, readonly=True)
    extra = fields.Json(readonly=True)
    occurred_at = fields.Datetime(
        required=True, default=fields.Datetime.now, readonly=True
    )
    state = fields.Selection(
        [
            ("pending", "To Send"),
            ("done", "Delivered"),
            ("failed", "Failed"),
            ("skipped", "Not Sent"),
        ],
        default="pending",
        required=True,
        readonly=True,
    )
    attempts = fields.Integer(readonly=True)
    status_code = fields.Integer("HTTP Status", readonly=True)
    response_ms = fields.Integer("Response Time (ms)", readonly=True)
    error = fields.Text(readonly=True)
    sent_at = fields.Datetime("Last Sent", readonly=True)

    def _enqueue(self, eta=None):
        for delivery in self:
            delivery.with_delay(
                description=f"Webhook {delivery.event} to {delivery.webhook_id.name}",
                eta=eta,
            )._send()

    def action_resend(self):
        self.write({"state": "pending", "error": False})
        self._enqueue()

    def _body(self):
        """The JSON sent, made when sending, as the webhook's owner reads
        the record; None when the owner may not read it (or it is gone)."""
        owner_env = self.env(user=self.webhook_id.user_id.id, su=False)
        record = (
            owner_env[self.res_model]
            .with_context(active_test=False)
            .browse(self.res_id)
        )
        try:
            record.check_access("read")
            data = payload(record)
        except (AccessError, MissingError):
            return None
        return json.dumps(
            {
                "id": self.uuid,
                "event": self.event,
                "occurred_at": self.occurred_at.isoformat() + "Z",
                "data": data,
                "extra": self.extra or {},
            },
            default=str,
        ).encode()

    def _send(self):
        """The job: as the system, whoever made the change (the owner's
        rights apply to what is sent, in _body)."""
        return self.sudo()._deliver()

    def _deliver(self):
        """Send it. A failure is logged and tried again later by a job of its
        own (an error raised here would roll the log back), while the
        webhook is active."""
        self.ensure_one()
        webhook = self.webhook_id
        if self.state != "pending":
            return f"Delivery {self.id} is {self.state}."
        if webhook.state != "active":
            self.write(
                {"state": "failed", "error": self.env._("The webhook is paused.")}
            )
            return "Webhook paused."
        body = self._body()
        if body is None:
            self.write(
                {
                    "state": "skipped",
                    "error": self.env._(
                        "The webhook's owner may not read this record (or it "
                        "was deleted): nothing was sent."
                    ),
                }
            )
            return "Not readable by the owner."
        started = time.monotonic()
        # Checked again at each delivery: a name may point inside by now.
        refused = webhook._refused_address()
        if refused:
            status, error = 0, webhook._refused_message(refused)
        else:
            status, error = self._post(webhook, body)
        now = fields.Datetime.now()
        self.write(
            {
                "attempts": self.attempts + 1,
                "status_code": status,
                "response_ms": int((time.monotonic() - started) * 1000),
                "sent_at": now,
                "error": error,
                "state": "pending" if error else "done",
            }
        )
        if not error:
            webhook.failing_since = False
            return f"Delivered: HTTP {status}."
        webhook._failed(now)
        if webhook.state != "active":
            self.state = "failed"
            return "Webhook paused."
        wait = self._wait()
        self._enqueue(eta=wait)
        return f"HTTP {status or '-'}: {error}; next attempt in {wait} s."

    def _post(self, webhook, body):
        """(HTTP status, error) of sending `body` to the webhook, signed."""
        try:
            response = requests.post(
                webhook.url,
                data=body,
                timeout=TIMEOUT,
                allow_redirects=False,
                headers={
                    "Content-Type": "application/json",
                    "User-Agent": USER_AGENT,
                    "X-CRM-Digital-Event": self.event,
                    "X-CRM-Digital-Delivery": self.uuid,
                    HEADER: sign(webhook.sudo().secret, int(time.time()), body),
                },
            )
        except requests.RequestException as exc:
            return 0, str(exc)[:1000]
        if not 200 <= response.status_code < 300:
            return response.status_code, response.text[:1000] or response.reason
        return response.status_code, False

    def _wait(self):
        """Seconds before the next attempt: doubling from the configured first
        wait, at most an hour."""
        first = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm_digital_api.webhook_retry_seconds", 30)
        )
        return min(MAX_WAIT, first * 2 ** max(0, self.attempts - 1))

    @api.autovacuum
    def _gc_deliveries(self):
        self.search(
            [
                ("state", "in", ("done", "skipped")),
                (
                    "occurred_at",
                    "<",
                    fields.Datetime.subtract(fields.Datetime.now(), days=30),
                ),
            ]
        ).unlink()
