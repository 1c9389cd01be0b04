# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.crm_digital.tests.common import CrmDigitalCommon


@tagged("post_install", "-at_install")
class TestPipelineByRole(CrmDigitalCommon):
    def _revenue_by_user(self, user):
        groups = (
            self.env["crm.lead"]
            .with_user(user)
            ._read_group(
                [
                    (
                        "id",
                        "in",
                        (self.lead_own | self.lead_leader | self.lead_other).ids,
                    )
                ],
                ["user_id"],
                ["expected_revenue:sum"],
            )
        )
        return {owner.login: revenue for owner, revenue in groups}

    def test_team_leader_aggregates_the_team_led(self):
        self.lead_leader.expected_revenue = 30000
        self.assertEqual(
            self._revenue_by_user(self.user_leader),
            {"crmd_salesperson": 12000, "crmd_leader": 30000},
        )

    def test_salesperson_aggregates_own_pipeline_only(self):
        self.assertEqual(
            self._revenue_by_user(self.user_salesperson), {"crmd_salesperson": 12000}
        )

    def test_manager_aggregates_every_team(self):
        self.assertEqual(len(self._revenue_by_user(self.user_manager)), 3)

    def test_report_menu_is_for_team_leaders_and_managers(self):
        menu = self.env.ref("crm_digital_reporting.crm_lead_menu_pipeline_by_role")
        menus = self.env["ir.ui.menu"]
        self.assertNotIn(
            menu.id, menus.with_user(self.user_salesperson)._visible_menu_ids()
        )
        self.assertIn(menu.id, menus.with_user(self.user_leader)._visible_menu_ids())
        self.assertIn(menu.id, menus.with_user(self.user_manager)._visible_menu_ids())

    def test_team_leader_opens_the_report_views(self):
        pivot = self.env.ref(
            "crm_digital_reporting.crm_lead_view_pivot_pipeline_by_role"
        )
        graph = self.env.ref(
            "crm_digital_reporting.crm_lead_view_graph_pipeline_by_role"
        )
        views = (
            self.env["crm.lead"]
            .with_user(self.user_leader)
            .get_views([(pivot.id, "pivot"), (graph.id, "graph")])
        )
        self.assertIn('name="team_id"', views["views"]["pivot"]["arch"])
        self.assertIn('name="user_id"', views["views"]["graph"]["arch"])
