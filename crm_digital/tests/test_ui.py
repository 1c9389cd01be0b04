# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from .common import CrmDigitalCommon

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
