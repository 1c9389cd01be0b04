# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import CrmDigitalCommon


@tagged("post_install", "-at_install")
class TestAutomations(CrmDigitalCommon):
    """Stock's automations on leads run as in stock, though the product skips
    their work where no automation can run."""

    def _automation(self, field, code):
        Fields = self.env["ir.model.fields"]
        automation = self.env["base.automation"].create(
            {
                "name": f"When {field} changes",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "trigger": "on_create_or_write",
                "trigger_field_ids": [Command.set(Fields._get("crm.lead", field).ids)],
            }
        )
        self.env["ir.actions.server"].create(
            {
                "name": f"When {field} changes",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "base_automation_id": automation.id,
                "state": "code",
                "code": code,
            }
        )
        return automation

    def _deal(self):
        # What the won stage asks for.
        self.lead_own.write({"expected_revenue": 1000, "date_deadline": "2027-01-31"})
        return self.lead_own

    def test_an_automation_watching_a_computed_field_runs_when_it_is_recomputed(self):
        self._automation("crm_digital_outcome", "record.write({'priority': '3'})")
        lead = self._deal()
        self.assertEqual(lead.crm_digital_outcome, "open")
        lead.action_set_won()  # the outcome is computed from the stage
        self.assertEqual(lead.crm_digital_outcome, "won")
        self.assertEqual(lead.priority, "3")

    def test_an_automation_runs_on_a_write_of_the_field_it_watches_only(self):
        self._automation("description", "record.write({'priority': '1'})")
        lead = self._deal()
        lead.expected_revenue = 2000
        self.assertEqual(lead.priority, "0")
        lead.description = "<p>Quiere ampliar a tres sedes.</p>"
        self.assertEqual(lead.priority, "1")

    def test_a_change_of_the_fields_watched_is_seen_at_once(self):
        automation = self._automation("description", "record.write({'priority': '2'})")
        lead = self._deal()
        lead.action_set_won()
        self.assertNotEqual(lead.priority, "2", "the outcome is not watched")
        automation.trigger_field_ids = self.env["ir.model.fields"]._get(
            "crm.lead", "crm_digital_outcome"
        )
        lead.action_set_lost()
        self.assertEqual(lead.crm_digital_outcome, "cancelled")
        self.assertEqual(lead.priority, "2")

    def test_a_condition_on_who_writes_is_evaluated_for_each_write(self):
        automation = self._automation("description", "record.write({'priority': '3'})")
        automation.filter_domain = "[('user_id', '=', uid)]"
        lead = self._deal()
        lead.description = "<p>Escrito por el administrador.</p>"
        self.assertEqual(lead.priority, "0")
        lead.with_user(self.user_salesperson).description = "<p>Escrito por él.</p>"
        self.assertEqual(lead.priority, "3")
