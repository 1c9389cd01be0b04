# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
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
        self.assertEqual((job.created_count, job.rejected_count), (2, 1))
