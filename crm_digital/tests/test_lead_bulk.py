# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..models import crm_lead_bulk
from .common import CrmDigitalCommon

# Set by the clock of each path: compared for presence only.
CLOCK_FIELDS = {
    "id",
    "create_date",
    "write_date",
    "date_open",
    "date_last_stage_update",
    "crm_digital_stage_date",
    "assignment_date",
    "crm_digital_last_activity_date",
}


@tagged("post_install", "-at_install")
class TestLeadBulk(CrmDigitalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lead = cls.env["crm.lead"].with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, default_user_id=False
        )
        cls.tag = cls.env["crm.tag"].create({"name": "Kit Digital"})
        cls.source = cls.env["utm.source"].create({"name": "Feria"})
        cls.valencia = cls.env.ref("base.state_es_v")

    def _values(self):
        return [
            {
                "name": "Bodega Utiel",
                "email_from": "Ana Pérez <ana@bodegautiel.es>",
                "phone": "+34612345678",
                "mobile": "+34699111222",
                "expected_revenue": 1234.567,
                "tag_ids": [Command.link(self.tag.id)],
                "source_id": self.source.id,
                "country_id": self.env.ref("base.es").id,
                "state_id": self.valencia.id,
                "zip": "46300",
                "vat": "12345678Z",
                "website": "www.bodegautiel.es",
                "description": "<p>Feria de Valencia</p><script>x()</script>",
            },
            {
                "name": "Gestoría Chamberí",
                "email_from": "not an email",
                "type": "opportunity",
                "probability": 30,
                "user_id": self.user_salesperson.id,
            },
            {
                "name": "Taller Mecánico Ruzafa",
                "contact_name": "Pepe",
                "team_id": self.team_other.id,
            },
            {
                "name": "Clínica Dental Turia",
                "email_from": "info@clinicaturia.es",
                "user_id": self.user_salesperson.id,
                "team_id": self.team_led.id,
                "priority": "2",
            },
            {
                "name": "Academia Idiomas Campanar",
                "company_id": self.env.company.id,
                "stage_id": self.env.ref("crm_digital.stage_negotiation").id,
                "expected_revenue": 5000,
                "email_normalized": "ignored@example.com",
            },
        ]

    def test_bulk_creation_stores_what_create_stores(self):
        Lead = self.Lead.with_context(
            crm_digital_no_assign=True, tracking_disable=False
        )
        by_orm = Lead.create(self._values())
        by_bulk = Lead._crm_digital_bulk_create(self._values())
        self.env.flush_all()
        self.env.invalidate_all()
        stored = [
            name
            for name, field in Lead._fields.items()
            # One2manys hold other records, compared by their content below.
            if field.store and field.type != "one2many" and name not in CLOCK_FIELDS
        ]
        for orm, bulk in zip(by_orm, by_bulk, strict=True):
            for name in stored:
                self.assertEqual(
                    orm._fields[name].convert_to_read(orm[name], orm),
                    bulk._fields[name].convert_to_read(bulk[name], bulk),
                    f"{orm.name}: {name}",
                )
            for name in CLOCK_FIELDS - {"id", "assignment_date"}:
                self.assertEqual(bool(orm[name]), bool(bulk[name]), name)
            self.assertEqual(orm.message_partner_ids, bulk.message_partner_ids)
            self.assertEqual(
                orm.message_follower_ids.subtype_ids,
                bulk.message_follower_ids.subtype_ids,
            )
        # Stock's scoring ran: not all zero.
        self.assertTrue(any(by_bulk.mapped("automated_probability")))
        self.assertEqual(by_bulk[0].vat, "ES12345678Z")
        self.assertNotIn("script", by_bulk[0].description)

    def test_bulk_creation_assigns_by_the_rules(self):
        self.env.company.crm_digital_assignment_notify = "notification"
        rule = self.env["crm.digital.assignment.rule"].create(
            {
                "name": "Valencia",
                "team_id": self.team_led.id,
                "state_ids": self.valencia.ids,
            }
        )
        Lead = self.Lead.with_context(tracking_disable=False)
        leads = Lead.with_user(self.user_manager)._crm_digital_bulk_create(
            [
                {"name": f"Lead {index}", "state_id": self.valencia.id}
                for index in range(4)
            ]
            + [{"name": "Madrid", "state_id": self.env.ref("base.state_es_m").id}]
        )
        valencia, madrid = leads[:4], leads[4]
        self.assertEqual(valencia.assignment_rule_id, rule)
        self.assertEqual(valencia.team_id, self.team_led)
        self.assertEqual(
            sorted(valencia.user_id.ids),
            sorted((self.user_leader | self.user_salesperson).ids),
            "round robin: each member gets a lead before anybody gets a second",
        )
        self.assertFalse(madrid.user_id)
        for lead in valencia:
            self.assertIn(lead.user_id.partner_id, lead.message_partner_ids)
            self.assertEqual(lead.date_open.date(), lead.create_date.date())
        notified = self.env["mail.notification"].search(
            [("res_partner_id", "=", self.user_salesperson.partner_id.id)]
        )
        self.assertIn("2 new lead(s)", notified.mail_message_id.body)

    def test_a_free_domain_decides_once_the_leads_exist(self):
        self.env["crm.digital.assignment.rule"].create(
            [
                {
                    "name": "Grandes",
                    "strategy": "fixed",
                    "user_id": self.user_leader.id,
                    "domain": "[('expected_revenue', '>=', 50000)]",
                    "sequence": 1,
                },
                {
                    "name": "Resto",
                    "strategy": "fixed",
                    "user_id": self.user_salesperson.id,
                    "sequence": 2,
                },
            ]
        )
        big, small = self.Lead._crm_digital_bulk_create(
            [
                {"name": "Grande", "expected_revenue": 80000},
                {"name": "Pequeño", "expected_revenue": 900},
            ]
        )
        self.assertEqual(big.user_id, self.user_leader)
        self.assertEqual(small.user_id, self.user_salesperson)

    def test_rules_assign_before_the_lead_exists_so_nothing_is_tracked(self):
        self.env["crm.digital.assignment.rule"].create(
            {"name": "Todo", "strategy": "fixed", "user_id": self.user_leader.id}
        )
        Lead = self.env["crm.lead"].with_context(tracking_disable=False)
        lead = Lead.with_user(self.user_manager).create(
            [{"name": "Formulario web", "user_id": False}]
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(lead.user_id, self.user_leader)
        self.assertNotIn(
            "user_id",
            lead.sudo().message_ids.tracking_value_ids.field_id.mapped("name"),
            "the lead was created assigned, not reassigned",
        )

    def test_salesperson_creates_for_a_colleague_is_refused(self):
        Lead = self.Lead.with_user(self.user_salesperson)
        with self.assertRaises(AccessError):
            Lead._crm_digital_bulk_create(
                [{"name": "Ajeno", "user_id": self.user_salesperson_other.id}]
            )
        own = Lead._crm_digital_bulk_create(
            [{"name": "Propio", "user_id": self.user_salesperson.id}]
        )
        self.assertEqual(own.user_id, self.user_salesperson)

    def test_constraints_hold(self):
        with self.assertRaises(ValidationError):
            self.Lead._crm_digital_bulk_create(
                [{"name": "NIF malo", "vat": "12345678A"}]
            )

    def test_automated_actions_on_creation_run(self):
        model = self.env["ir.model"]._get_id("crm.lead")
        self.env["base.automation"].create(
            {
                "name": "Leads grandes, prioridad alta",
                "model_id": model,
                "trigger": "on_create",
                "filter_domain": "[('expected_revenue', '>=', 10000)]",
                "action_server_ids": [
                    Command.create(
                        {
                            "name": "Prioridad alta",
                            "model_id": model,
                            "state": "code",
                            "code": "records.write({'priority': '3'})",
                        }
                    )
                ],
            }
        )
        big, small = self.Lead._crm_digital_bulk_create(
            [
                {"name": "Grande", "expected_revenue": 20000},
                {"name": "Pequeño", "expected_revenue": 100},
            ]
        )
        self.assertEqual(big.priority, "3")
        self.assertEqual(small.priority, "0")

    def test_an_unknown_create_override_sends_leads_through_create(self):
        self.assertTrue(self.Lead._crm_digital_bulk_ready())
        known = crm_lead_bulk.KNOWN_CREATE_MODULES - {"odoo.addons.crm.models.crm_lead"}
        with patch.object(crm_lead_bulk, "KNOWN_CREATE_MODULES", known):
            self.assertFalse(self.Lead._crm_digital_bulk_ready())
