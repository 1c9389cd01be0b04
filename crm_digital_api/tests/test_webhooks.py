# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import time
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.queue_job.job import Job

from ..models.crm_digital_webhook import INTERNAL_HOSTS
from ..signature import sign, verify
from .common import ApiCase
from .receiver import Receiver


@tagged("post_install", "-at_install")
class TestWebhooks(ApiCase):
    """Events reach the subscribed system signed, after the change, in the
    background; a failing receiver is retried and, after a day, paused, and
    never costs the user their change."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The test receivers listen on this machine, inside its network.
        cls.env["ir.config_parameter"].set_param(INTERNAL_HOSTS, "127.0.0.1")

    def jobs(self):
        return self.env["queue.job"].search(
            [
                ("model_name", "=", "crm.digital.webhook.delivery"),
                ("state", "=", "pending"),
            ]
        )

    def perform_jobs(self):
        """What queue_job's runner does with the jobs due (their wait ignored)."""
        for record in self.jobs():
            job = Job.load(self.env, record.uuid)
            job.perform()
            record.state = "done"

    def _subscribe(self, url, events):
        response = self.call(
            "POST",
            "/webhooks",
            self.key,
            {"name": "ERP almacén", "url": url, "events": events},
        )
        self.assertEqual(response.status_code, 201, response.text)
        return response.json()

    def test_signature_is_checked_and_replays_refused(self):
        body = b'{"event": "lead.created"}'
        header = sign("s3cret", 1_700_000_000, body)
        self.assertTrue(verify("s3cret", header, body, now=1_700_000_100))
        self.assertFalse(verify("s3cret", header, body + b" ", now=1_700_000_100))
        self.assertFalse(verify("other", header, body, now=1_700_000_100))
        self.assertFalse(verify("s3cret", header, body, now=1_700_000_000 + 301))
        self.assertFalse(verify("s3cret", "garbage", body, now=1_700_000_000))

    def test_a_lead_created_is_delivered_signed_after_the_change(self):
        with Receiver() as receiver:
            webhook = self._subscribe(receiver.url, ["lead.created", "lead.assigned"])
            self.assertEqual(len(webhook["secret"]), 64)
            self.assertNotIn(
                "secret", self.call("GET", "/webhooks", self.key).json()[0]
            )
            created = self.call(
                "POST",
                "/leads",
                self.key,
                {
                    "name": "Reforma tienda Xàtiva",
                    "salesperson_id": self.salesperson.id,
                },
            )
            self.assertEqual(created.status_code, 201, created.text)
            self.assertFalse(receiver.received, "nothing is sent inside the request")
            self.assertEqual(len(self.jobs()), 2)
            self.perform_jobs()
        events = {}
        for headers, body in receiver.received:
            self.assertTrue(
                verify(
                    webhook["secret"],
                    headers["X-CRM-Digital-Signature"],
                    body,
                    time.time(),
                )
            )
            events[headers["X-CRM-Digital-Event"]] = json.loads(body)
        self.assertEqual(set(events), {"lead.created", "lead.assigned"})
        data = events["lead.created"]["data"]
        self.assertEqual(data["id"], created.json()["id"])
        self.assertEqual(data["name"], "Reforma tienda Xàtiva")
        deliveries = self.call(
            "GET", f"/webhooks/{webhook['id']}/deliveries", self.key
        ).json()["data"]
        self.assertEqual({d["state"] for d in deliveries}, {"done"})
        self.assertEqual({d["status_code"] for d in deliveries}, {200})

    def test_stage_moves_won_and_documents_are_events(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Tienda online Requena",
                "type": "opportunity",
                "user_id": self.salesperson.id,
            }
        )
        stages = self.env["crm.stage"].search(
            [("is_won", "=", False), ("crm_digital_required_field_ids", "=", False)],
            order="sequence",
        )
        with Receiver() as receiver:
            self._subscribe(
                receiver.url,
                ["opportunity.stage_changed", "opportunity.won", "document.added"],
            )
            before = lead.stage_id
            target = (stages - before)[0]
            lead.with_user(self.salesperson).stage_id = target
            lead.with_user(self.salesperson).action_set_won()
            self.env["ir.attachment"].with_user(self.salesperson).create(
                {
                    "name": "pedido.pdf",
                    "raw": b"%PDF",
                    "res_model": "crm.lead",
                    "res_id": lead.id,
                }
            )
            self.perform_jobs()
        events = [
            (headers["X-CRM-Digital-Event"], json.loads(body))
            for headers, body in receiver.received
        ]
        codes = [code for code, _body in events]
        self.assertIn("opportunity.won", codes)
        self.assertIn("document.added", codes)
        moves = [
            body["extra"]
            for code, body in events
            if code == "opportunity.stage_changed"
        ]
        # The move, then winning (which moves it to the won stage).
        self.assertIn({"stage_id": target.id, "previous_stage_id": before.id}, moves)
        self.assertEqual(len(moves), 2)
        document = next(body for code, body in events if code == "document.added")
        self.assertEqual(
            document["data"]["record"], {"model": "crm.lead", "id": lead.id}
        )

    def test_a_failing_receiver_is_retried_and_never_costs_the_change(self):
        with Receiver([500, 503]) as receiver:
            webhook = self._subscribe(receiver.url, ["lead.created"])
            created = self.call("POST", "/leads", self.key, {"name": "Feria Valencia"})
            self.assertEqual(created.status_code, 201, created.text)
            self.assertTrue(self.env["crm.lead"].browse(created.json()["id"]).exists())
            for _attempt in range(3):
                self.perform_jobs()
        self.assertEqual(len(receiver.received), 3)
        ids = {
            headers["X-CRM-Digital-Delivery"] for headers, _body in receiver.received
        }
        self.assertEqual(len(ids), 1, "a retry is the same delivery")
        delivery = self.env["crm.digital.webhook.delivery"].search(
            [("webhook_id", "=", webhook["id"])]
        )
        self.assertEqual(
            (delivery.state, delivery.attempts, delivery.status_code), ("done", 3, 200)
        )
        self.assertFalse(delivery.webhook_id.failing_since)

    def test_an_unreachable_receiver_is_paused_after_a_day_and_its_owner_told(self):
        webhook = self.env["crm.digital.webhook"].browse(
            self._subscribe("http://127.0.0.1:9/nobody", ["lead.created"])["id"]
        )
        self.env["crm.lead"].with_user(self.salesperson).create(
            {"name": "Nadie escucha"}
        )
        self.perform_jobs()
        delivery = webhook.delivery_ids
        self.assertEqual(delivery.state, "pending")
        self.assertTrue(delivery.error)
        self.assertEqual(len(self.jobs()), 1)  # the next attempt, later
        webhook.failing_since = fields.Datetime.now() - timedelta(days=1, minutes=1)
        self.perform_jobs()
        self.assertEqual(webhook.state, "paused")
        self.assertEqual(delivery.state, "failed")
        activity = webhook.activity_ids
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertIn("ERP almacén", activity.summary)
        # Resumed and resent by hand, once the receiver is back.
        with Receiver() as receiver:
            webhook.url = receiver.url
            webhook.action_resume()
            delivery.action_resend()
            self.perform_jobs()
        self.assertEqual(delivery.state, "done")
        self.assertEqual(len(receiver.received), 1)

    def test_webhooks_reach_inside_the_network_only_where_allowed(self):
        refused = self.call(
            "POST",
            "/webhooks",
            self.key,
            {
                "name": "Metadatos",
                "url": "http://169.254.169.254/latest/meta-data/",
                "events": ["lead.created"],
            },
        )
        problem = self.assertProblem(refused, 422, "rejected")
        self.assertIn("169.254.169.254", problem["detail"])
        self.assertIn("Settings > CRM Digital > Integrations", problem["detail"])
        self.assertFalse(self.env["crm.digital.webhook"].search([]))
        # Allowed when made; no longer by its first delivery: nothing is sent.
        with Receiver() as receiver:
            webhook = self.env["crm.digital.webhook"].browse(
                self._subscribe(receiver.url, ["lead.created"])["id"]
            )
            self.env["ir.config_parameter"].set_param(INTERNAL_HOSTS, "10.0.0.0/8")
            self.env["crm.lead"].with_user(self.salesperson).create(
                {"name": "Pedido almacén"}
            )
            self.perform_jobs()
        self.assertFalse(receiver.received)
        delivery = webhook.delivery_ids
        self.assertEqual((delivery.state, delivery.status_code), ("pending", 0))
        self.assertIn("127.0.0.1", delivery.error)

    def test_deliveries_hold_only_what_the_owner_may_read(self):
        with Receiver() as receiver:
            self._subscribe(receiver.url, ["lead.created"])
            self.env["crm.lead"].create(
                {"name": "De Bruno", "type": "lead", "user_id": self.other.id}
            )
            self.perform_jobs()
        self.assertFalse(receiver.received)
        delivery = self.env["crm.digital.webhook.delivery"].search([], limit=1)
        self.assertEqual(delivery.state, "skipped")

    def test_nothing_is_queued_when_nobody_listens(self):
        self.env["crm.lead"].create({"name": "Sin webhooks"})
        self.assertFalse(self.jobs())
        self.assertFalse(self.env["crm.digital.webhook.delivery"].search([]))
