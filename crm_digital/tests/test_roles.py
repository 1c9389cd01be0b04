# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged, users
from odoo.tools.safe_eval import safe_eval

from .common import CrmDigitalCommon


@tagged("post_install", "-at_install")
class TestRoles(CrmDigitalCommon):
    def _visible_leads(self):
        all_leads = self.lead_own | self.lead_leader | self.lead_other
        return self.env["crm.lead"].search([("id", "in", all_leads.ids)])

    @users("crmd_salesperson")
    def test_salesperson_sees_only_own_opportunities(self):
        self.assertEqual(self._visible_leads(), self.lead_own.with_env(self.env))

    @users("crmd_leader")
    def test_team_leader_sees_the_opportunities_of_the_team_led(self):
        self.assertEqual(
            self._visible_leads(),
            (self.lead_own | self.lead_leader).with_env(self.env),
        )

    @users("crmd_manager")
    def test_manager_sees_every_opportunity(self):
        self.assertEqual(len(self._visible_leads()), 3)

    def test_team_leader_sees_the_quotations_of_the_team_led(self):
        partner = self.env["res.partner"].create({"name": "Cerámicas Castellón"})
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": lead.user_id.id,
                    "team_id": lead.team_id.id,
                    "opportunity_id": lead.id,
                }
                for lead in (self.lead_own, self.lead_other)
            ]
        )
        as_leader = self.env["sale.order"].with_user(self.user_leader)
        self.assertEqual(
            as_leader.search([("id", "in", orders.ids)]),
            orders[0].with_user(self.user_leader),
        )
        as_salesperson = self.env["sale.order"].with_user(self.user_salesperson_other)
        self.assertEqual(as_salesperson.search_count([("id", "in", orders.ids)]), 1)

    def test_all_documents_role_includes_team_leader(self):
        user = self.user_salesperson
        self.assertFalse(user.has_group("crm_digital.group_crm_digital_team_leader"))
        user.groups_id = [
            (4, self.env.ref("sales_team.group_sale_salesman_all_leads").id)
        ]
        self.assertTrue(user.has_group("crm_digital.group_crm_digital_team_leader"))

    def test_consultant_administers_sales(self):
        self.assertTrue(self.user_consultant.has_group("sales_team.group_sale_manager"))
        self.assertTrue(
            self.env.ref("base.user_admin").has_group(
                "crm_digital.group_crm_digital_consultant"
            )
        )

    def test_team_pipeline_menu_follows_the_role(self):
        menu = self.env.ref("crm_digital.crm_lead_menu_team_pipeline")
        visible = {
            user.login: menu.id
            in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            for user in (self.user_salesperson, self.user_leader, self.user_manager)
        }
        self.assertEqual(
            visible,
            {"crmd_salesperson": False, "crmd_leader": True, "crmd_manager": True},
        )

    @users("crmd_leader")
    def test_team_pipeline_action_lists_the_team_opportunities(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_digital.crm_lead_action_team_pipeline"
        )
        domain = safe_eval(action["domain"], {"uid": self.env.uid})
        leads = self.env["crm.lead"].search(domain)
        self.assertEqual(leads, (self.lead_own | self.lead_leader).with_env(self.env))

    def test_role_names_are_translated_to_spanish(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["crm_digital"], ["es_ES"])
        group = self.env.ref("crm_digital.group_crm_digital_team_leader")
        self.assertEqual(
            group.with_context(lang="es_ES").name,
            "Usuario: Mostrar documentos de sus equipos",
        )
