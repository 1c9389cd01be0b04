# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.crm_digital.tests.common import CrmDigitalCommon

# Phone, tablet and desktop viewports, as the core's UI tests.
WIDTHS = {"phone": "390x844", "tablet": "820x1180", "desktop": "1366x768"}


@tagged("post_install", "-at_install")
class TestKpiDashboardUi(HttpCase, CrmDigitalCommon):
    """Each profile lands on its own figures: a deal won today by the
    salesperson (12,000), one by the team leader (3,000) in the same team and
    one in the other team (5,000); the tours check the sums and the deals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The demo deals would add to the manager's figures: only ours count.
        cls.env["crm.lead"].with_context(active_test=False).search(
            [("id", "not in", (cls.lead_own | cls.lead_leader | cls.lead_other).ids)]
        ).unlink()
        won = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        for name, user, team, amount in [
            ("Won Levante", cls.user_salesperson, cls.team_led, 12000),
            ("Won Turia", cls.user_leader, cls.team_led, 3000),
            ("Won Rioja", cls.user_salesperson_other, cls.team_other, 5000),
        ]:
            deal = cls._opportunity(name, user, team)
            deal.write({"expected_revenue": amount, "stage_id": won.id})

    def _run_dashboard_tour(self, profile, login, device):
        self.browser_size = WIDTHS[device]
        self.touch_enabled = device != "desktop"
        # In the CRM app, as from the home menu: the tour takes its menus.
        self.start_tour(
            f"/odoo?menu_id={self.env.ref('crm.crm_menu_root').id}",
            f"crm_digital_kpi_dashboard_{profile}",
            login=login,
        )

    def test_salesperson_sees_own_figures_on_phone(self):
        self._run_dashboard_tour("salesperson", "crmd_salesperson", "phone")

    def test_salesperson_sees_own_figures_on_desktop(self):
        self._run_dashboard_tour("salesperson", "crmd_salesperson", "desktop")

    def test_team_leader_sees_team_figures_on_phone(self):
        self._run_dashboard_tour("team_leader", "crmd_leader", "phone")

    def test_team_leader_sees_team_figures_on_desktop(self):
        self._run_dashboard_tour("team_leader", "crmd_leader", "desktop")

    def test_manager_sees_all_figures_on_phone(self):
        self._run_dashboard_tour("manager", "crmd_manager", "phone")

    def test_manager_sees_all_figures_on_tablet(self):
        self._run_dashboard_tour("manager", "crmd_manager", "tablet")

    def test_manager_sees_all_figures_on_desktop(self):
        self._run_dashboard_tour("manager", "crmd_manager", "desktop")
