# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import CrmDigitalCommon


@tagged("post_install", "-at_install")
class TestHostileRpc(HttpCase, CrmDigitalCommon):
    """What a salesperson's own client can send over JSON-RPC: values out of
    bounds and fields the product keeps are refused with a clear message."""

    def setUp(self):
        super().setUp()
        self.authenticate("crmd_salesperson", "crmd_salesperson")

    def _call(self, model, method, *args, **kwargs):
        """The result of the call, or the error's (class name, message)."""
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": list(args),
                        "kwargs": {"context": {"lang": "en_US"}, **kwargs},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        if "error" in body:
            data = body["error"]["data"]
            return [data["name"].rpartition(".")[2], data["message"]]
        return body["result"]

    def _refused(self, error_name, model, method, *args):
        result = self._call(model, method, *args)
        self.assertIsInstance(result, list, f"{method}{args} was accepted")
        self.assertEqual(result[0], error_name, result)
        return result[1]

    def test_values_out_of_bounds_are_refused_with_a_message(self):
        lead = self.lead_own
        cases = [
            ({"name": "x" * 1_000_000}, "Opportunity is 1000000 characters long"),
            ({"expected_revenue": -1e12}, "Expected Revenue cannot be negative"),
            ({"expected_revenue": float("inf")}, "must be a number between"),
            ({"expected_revenue": 1e15}, "must be a number between"),
            ({"date_deadline": "0001-01-01"}, "between the years 1900 and 2199"),
            ({"date_deadline": "0000-01-01"}, "between the years 1900 and 2199"),
            (
                {"email_from": "ana@bar.es\r\nBcc: todos@empresa.es"},
                "holds a line break",
            ),
        ]
        for values, message in cases:
            with self.subTest(values=str(values)[:60]):
                error = self._refused(
                    "ValidationError", "crm.lead", "write", [lead.id], values
                )
                self.assertIn(message, error)
        created = self._call("crm.lead", "create", [{"name": "x" * 2000}])
        self.assertEqual(created[0], "ValidationError")
        lead.invalidate_recordset()
        self.assertEqual(lead.name, "Renovación licencias Levante")
        self.assertEqual(lead.expected_revenue, 12000)
        # Within the bounds, as before.
        self.assertTrue(
            self._call(
                "crm.lead",
                "write",
                [lead.id],
                {"expected_revenue": 250000.5, "date_deadline": "2027-03-31"},
            )
        )

    def test_fields_the_product_keeps_are_refused(self):
        customer = self.env["res.partner"].create(
            {"name": "Bodegas Rioja", "is_company": True}
        )
        self.lead_other.partner_id = customer
        self.env.cr.flush()  # the stage is worked out as the transaction ends
        self.assertEqual(customer.crm_digital_lifecycle, "prospect")
        for model, record, values in [
            ("res.partner", customer, {"crm_digital_lifecycle": "lost"}),
            ("res.partner", customer, {"crm_digital_last_deal_date": "2020-01-01"}),
            (
                "crm.lead",
                self.lead_own,
                {"crm_digital_last_activity_date": "2020-01-01 00:00:00"},
            ),
            (
                "crm.lead",
                self.lead_own,
                {"crm_digital_stage_date": "2020-01-01 00:00:00"},
            ),
            ("crm.lead", self.lead_own, {"crm_digital_outcome": "won"}),
            ("crm.lead", self.lead_own, {"import_key": "abc"}),
        ]:
            with self.subTest(field=next(iter(values))):
                error = self._refused(
                    "AccessError", model, "write", [record.id], values
                )
                self.assertIn("kept by CRM Digital itself", error)
        # A crafted import key would make a colleague's next import skip a row.
        error = self._refused(
            "AccessError",
            "crm.lead",
            "create",
            [{"name": "Trampa", "import_key": "0" * 40}],
        )
        self.assertIn("kept by CRM Digital itself", error)
        self.assertEqual(customer.crm_digital_lifecycle, "prospect")

    def test_the_stage_date_moves_with_the_stage_history(self):
        lead = self.lead_own
        lead.sudo().crm_digital_stage_date = fields.Datetime.now() - timedelta(days=30)
        other_stage = self.env["crm.stage"].search(
            [
                ("id", "!=", lead.stage_id.id),
                ("crm_digital_required_field_ids", "=", False),
                ("is_won", "=", False),
            ],
            limit=1,
        )
        self._call("crm.lead", "write", [lead.id], {"stage_id": other_stage.id})
        lead.invalidate_recordset()
        stay = lead.crm_digital_stage_history_ids.filtered(lambda s: not s.date_left)
        self.assertEqual(stay.stage_id, other_stage)
        self.assertEqual(lead.crm_digital_stage_date, stay.date_entered)

    def test_stock_stage_date_cannot_fake_or_hide_a_stuck_opportunity(self):
        self.lead_own.stage_id.crm_digital_stuck_days = 10
        long_ago = fields.Datetime.to_string(fields.Datetime.now() - timedelta(days=30))
        # Stock lets anyone write its date: our figures do not read it.
        self._call(
            "crm.lead",
            "write",
            [self.lead_own.id],
            {"date_last_stage_update": long_ago},
        )
        self.lead_own.invalidate_recordset()
        self.assertFalse(self.lead_own.crm_digital_stuck)
        # 30 days in the stage, as the product recorded it.
        self.lead_own.sudo().crm_digital_stage_date = fields.Datetime.now() - timedelta(
            days=30
        )
        now = fields.Datetime.to_string(fields.Datetime.now())
        self._call(
            "crm.lead", "write", [self.lead_own.id], {"date_last_stage_update": now}
        )
        self.lead_own.invalidate_recordset()
        self.assertTrue(self.lead_own.crm_digital_stuck)


@tagged("post_install", "-at_install")
class TestLeadLimitsMailGateway(CrmDigitalCommon):
    def test_an_email_with_a_huge_subject_still_becomes_a_lead(self):
        subject = "Presupuesto " * 500
        raw = (
            "From: =?utf-8?q?Ana_P=C3=A9rez?= <ana@bodegautiel.es>\r\n"
            "To: ventas@example.com\r\n"
            f"Subject: {subject}\r\n"
            "Message-ID: <huge-subject@bodegautiel.es>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "Quiero un presupuesto.\r\n"
        )
        lead_id = self.env["mail.thread"].message_process("crm.lead", raw)
        lead = self.env["crm.lead"].browse(lead_id)
        self.assertEqual(len(lead.name), 1000)
        self.assertTrue(lead.name.startswith("Presupuesto Presupuesto"))
        self.assertIn("ana@bodegautiel.es", lead.email_from)
        # The message keeps the whole subject.
        self.assertIn(subject.strip()[:2000], lead.message_ids[-1].subject)
