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
