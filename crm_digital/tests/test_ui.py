# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import CrmDigitalCommon
from .test_engine_lead_templates import SAMPLES_DIR as SAMPLES

# Phone, tablet and desktop viewports.
WIDTHS = {"phone": "390x844", "tablet": "820x1180", "desktop": "1366x768"}


@tagged("post_install", "-at_install")
class TestPipelineUi(HttpCase, CrmDigitalCommon):
    def _run_pipeline_tour(self, device):
        self.browser_size = WIDTHS[device]
        self.touch_enabled = device != "desktop"
        self.start_tour(
            "/odoo/action-crm.crm_lead_action_pipeline",
            "crm_digital_pipeline",
            login="crmd_salesperson",
        )

    def test_salesperson_sees_pipeline_on_phone(self):
        self._run_pipeline_tour("phone")

    def test_salesperson_sees_pipeline_on_tablet(self):
        self._run_pipeline_tour("tablet")

    def test_salesperson_sees_pipeline_on_desktop(self):
        self._run_pipeline_tour("desktop")

    def _run_won_tour(self, device):
        lead = self.env["crm.lead"].create(
            {
                "name": "Web corporativa Hostal Albufera",
                "type": "opportunity",
                "user_id": self.user_salesperson.id,
                "team_id": self.team_led.id,
            }
        )
        self.browser_size = WIDTHS[device]
        self.touch_enabled = device != "desktop"
        self.start_tour(
            f"/odoo/action-crm.crm_lead_action_pipeline/{lead.id}",
            "crm_digital_opportunity_won",
            login="crmd_salesperson",
        )
        self.assertTrue(lead.stage_id.is_won)
        self.assertEqual(lead.expected_revenue, 4800)
        stays = self.env["crm.digital.stage.history"].search(
            [("lead_id", "=", lead.id)], order="id"
        )
        self.assertEqual(
            stays.stage_id.mapped("name"),
            ["In Analysis", "Offer Presented", "In Negotiation", "Won"],
        )
        self.assertEqual(stays[1:].user_id, self.user_salesperson)

    def test_salesperson_wins_an_opportunity_on_phone(self):
        self._run_won_tour("phone")

    def test_salesperson_wins_an_opportunity_on_desktop(self):
        self._run_won_tour("desktop")

    def test_the_stage_bar_shows_the_days_the_warning_shows(self):
        lead = self.lead_own
        since = fields.Datetime.now() - timedelta(days=20, hours=2)
        lead.stage_id.crm_digital_stuck_days = 15
        lead.sudo().crm_digital_stage_date = since
        lead.crm_digital_stage_history_ids.sudo().date_entered = since
        self.assertEqual(lead.crm_digital_days_in_stage, 20)
        self.browser_size = WIDTHS["desktop"]
        self.start_tour(
            f"/odoo/action-crm.crm_lead_action_pipeline/{lead.id}",
            "crm_digital_stage_days",
            login="crmd_salesperson",
        )

    def test_salesperson_imports_a_file_on_phone(self):
        self.browser_size = WIDTHS["phone"]
        self.touch_enabled = True
        self.start_tour(
            "/odoo/action-crm_digital.crm_digital_lead_import_action_new",
            "crm_digital_lead_import",
            login="crmd_salesperson",
        )
        job = self.env["crm.digital.lead.import"].search(
            [("file_name", "=", "feria.csv")]
        )
        self.assertEqual(
            (job.created_count, job.rejected_count, job.warning_count), (2, 1, 1)
        )
        leads = {lead.name: lead for lead in job.lead_ids}
        self.assertEqual(leads["ERP"].email_from, "correo-roto@")
        self.assertIn("Fecha de alta: 01/02/2024", leads["Web nueva"].description)

    def test_a_background_import_shows_its_progress_as_it_moves(self):
        job = self._lead_import(
            "feria.csv",
            "Empresa;Email\nHornos;a@hornos.es\nRiegos;b@riegos.es\n",
            user=self.user_salesperson,
        )
        job.state = "queued"
        reads = []

        def progress(records):
            # The job commits 40%, then 80%, while the form stays open.
            reads.append(len(reads))
            for record in records:
                record.progress = 40 if len(reads) == 1 else 80

        self.browser_size = WIDTHS["phone"]
        self.touch_enabled = True
        with patch.object(type(job), "_compute_progress", progress):
            self.start_tour(
                f"/odoo/action-crm_digital.crm_digital_lead_import_action/{job.id}",
                "crm_digital_lead_import_progress",
                login="crmd_salesperson",
            )
        self.assertGreater(len(reads), 1, "the form read the import again")


@tagged("post_install", "-at_install")
class TestPhoneScreensUi(HttpCase, CrmDigitalCommon):
    """The daily screens on a 390 px phone: cards that fit, nothing to
    scroll sideways for."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        customer = cls.env["res.partner"].create(
            {"name": "Bodegas Turia SL", "is_company": True}
        )
        cls.lead_own.partner_id = customer
        cls.task = cls.lead_own.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Llamar al gerente",
            user_id=cls.user_salesperson.id,
        )
        product = cls.env["product.product"].create(
            {"name": "Implantación CRM", "list_price": 1500}
        )
        cls.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "opportunity_id": cls.lead_own.id,
                "user_id": cls.user_salesperson.id,
                "order_line": [
                    Command.create({"product_id": product.id, "tax_id": []})
                ],
            }
        )
        cls.customer = customer
        cls.product = product

    def setUp(self):
        super().setUp()
        self.browser_size = WIDTHS["phone"]
        self.touch_enabled = True

    def test_tasks_on_a_phone(self):
        self.start_tour(
            "/odoo/action-crm_digital.mail_activity_action_crm_digital",
            "crm_digital_tasks_screen",
            login="crmd_salesperson",
        )
        self.assertFalse(self.task.exists(), "done from its card")

    def test_tasks_calendar_on_a_phone(self):
        self.task.date_deadline = fields.Date.context_today(self.task)
        self.start_tour(
            "/odoo/action-crm_digital.mail_activity_action_crm_digital",
            "crm_digital_tasks_calendar_screen",
            login="crmd_salesperson",
        )

    def test_customer_stage_in_the_form_header_on_a_phone(self):
        self.env.cr.flush()  # the stage is worked out as the transaction ends
        self.assertEqual(self.customer.crm_digital_lifecycle, "prospect")
        self.start_tour(
            f"/odoo/action-base.action_partner_form/{self.customer.id}",
            "crm_digital_customer_header",
            login="crmd_salesperson",
        )

    def test_lead_imports_on_a_phone(self):
        name = "plantilla_leads_errores.csv"
        job = (
            self.env["crm.digital.lead.import"]
            .with_user(self.user_manager)
            .create(
                {
                    "file_name": name,
                    "file": base64.b64encode((SAMPLES / name).read_bytes()),
                }
            )
        )
        job.action_import()
        self.assertTrue(job.rejected_count)
        self.start_tour(
            "/odoo/action-crm_digital.crm_digital_lead_import_action",
            "crm_digital_lead_imports_screen",
            login="crmd_manager",
        )

    def test_customer_history_on_a_phone(self):
        action = self.env.ref("crm_digital.crm_digital_customer_event_action")
        self.start_tour(
            f"/odoo/action-{action.id}?active_id={self.customer.id}",
            "crm_digital_history_screen",
            login="crmd_salesperson",
        )

    def test_leads_import_a_file_from_a_phone(self):
        self.lead_own.type = "lead"
        self.start_tour(
            "/odoo/action-crm.crm_lead_all_leads",
            "crm_digital_leads_import_button",
            login="crmd_salesperson",
        )

    def test_an_opportunity_shows_its_quotations_on_a_phone(self):
        self.start_tour(
            f"/odoo/action-crm.crm_lead_action_pipeline/{self.lead_own.id}",
            "crm_digital_opportunity_phone_buttons",
            login="crmd_salesperson",
        )

    def test_offers_are_compared_and_chosen_on_a_phone(self):
        bigger = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "opportunity_id": self.lead_own.id,
                "user_id": self.user_salesperson.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": 2,
                            "tax_id": [],
                        }
                    )
                ],
            }
        )
        self.start_tour(
            f"/odoo/action-crm.crm_lead_action_pipeline/{self.lead_own.id}",
            "crm_digital_compare_phone",
            login="crmd_salesperson",
        )
        self.assertTrue(bigger.crm_digital_chosen)
