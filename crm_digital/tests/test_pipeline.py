# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import CrmDigitalCommon


@tagged("post_install", "-at_install")
class TestPipeline(CrmDigitalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.analysis = cls.env.ref("crm_digital.stage_analysis")
        cls.offer = cls.env.ref("crm_digital.stage_offer")
        cls.negotiation = cls.env.ref("crm_digital.stage_negotiation")
        cls.won = cls.env.ref("crm_digital.stage_won")

    def _deal(self, **values):
        return (
            self.env["crm.lead"]
            .with_user(self.user_salesperson)
            .create(
                {
                    "name": "Web corporativa Hostal Albufera",
                    "type": "opportunity",
                    "user_id": self.user_salesperson.id,
                    "team_id": self.team_led.id,
                    **values,
                }
            )
        )

    def _stays(self, lead):
        return self.env["crm.digital.stage.history"].search(
            [("lead_id", "=", lead.id)], order="id"
        )

    def test_kit_digital_pipeline_takes_the_place_of_stock_stages(self):
        shared = self.env["crm.stage"].search([("team_id", "=", False)])
        self.assertEqual(
            shared.mapped("name"),
            ["In Analysis", "Offer Presented", "In Negotiation", "Won"],
        )
        self.assertFalse(self.env.ref("crm.stage_lead1", raise_if_not_found=False))
        self.assertEqual(self._deal().stage_id, self.analysis)

    def test_every_stage_change_is_kept_with_time_and_user(self):
        lead = self._deal(expected_revenue=4800, date_deadline="2026-12-31")
        (first,) = self._stays(lead)
        self.assertEqual(first.stage_id, self.analysis)
        self.assertFalse(first.date_left)
        # By the form, as a salesperson does.
        with Form(lead.with_user(self.user_salesperson)) as form:
            form.stage_id = self.offer
        # By a plain write, as the API and imports do.
        lead.with_user(self.user_leader).write({"stage_id": self.negotiation.id})
        # By an automated action.
        model = self.env["ir.model"]._get_id("crm.lead")
        self.env["base.automation"].create(
            {
                "name": "Prioridad alta pasa a negociación",
                "model_id": model,
                "trigger": "on_create_or_write",
                "filter_pre_domain": "[('priority', '!=', '3')]",
                "filter_domain": "[('priority', '=', '3')]",
                "action_server_ids": [
                    Command.create(
                        {
                            "name": "A ganada",
                            "model_id": model,
                            "state": "code",
                            "code": f"records.write({{'stage_id': {self.won.id}}})",
                        }
                    )
                ],
            }
        )
        lead.priority = "3"
        stays = self._stays(lead)
        self.assertEqual(
            stays.mapped("stage_id"),
            self.analysis | self.offer | self.negotiation | self.won,
        )
        self.assertEqual(
            stays.mapped("previous_stage_id"),
            self.analysis | self.offer | self.negotiation,
        )
        self.assertEqual(stays[1].user_id, self.user_salesperson)
        self.assertEqual(stays[2].user_id, self.user_leader)
        self.assertTrue(all(stays[:3].mapped("date_left")))
        self.assertFalse(stays[3].date_left)
        self.assertGreaterEqual(stays[0].days, 0)
        self.assertEqual(lead.crm_digital_outcome, "won")

    def test_imported_leads_start_their_history(self):
        (lead,) = self.env["crm.lead"]._crm_digital_bulk_create(
            [{"name": "Importado", "type": "opportunity", "team_id": self.team_led.id}]
        )
        self.assertEqual(self._stays(lead).stage_id, lead.stage_id)

    def test_stage_rules_say_what_is_missing_and_write_nothing(self):
        lead = self._deal()
        with (
            self.assertRaisesRegex(
                ValidationError,
                "To move Web corporativa Hostal Albufera to stage Offer Presented, "
                "fill in: Expected Closing, Expected Revenue.",
            ),
            self.env.cr.savepoint(),
        ):
            lead.write({"stage_id": self.offer.id})
        lead.invalidate_recordset()
        self.assertEqual(lead.stage_id, self.analysis)
        self.assertEqual(len(self._stays(lead)), 1)
        lead.write(
            {
                "stage_id": self.offer.id,
                "expected_revenue": 3000,
                "date_deadline": fields.Date.today(),
            }
        )
        self.assertEqual(lead.stage_id, self.offer)
        # Leads (not yet opportunities) are not held by stage rules.
        self._deal(type="lead").write({"stage_id": self.offer.id})

    def test_a_field_the_consultant_requires_is_asked_at_once(self):
        lead = self._deal()
        lead.stage_id = self.negotiation
        self.negotiation.crm_digital_required_field_ids = self.env[
            "ir.model.fields"
        ]._get("crm.lead", "phone")
        lead.stage_id = self.analysis
        with (
            self.assertRaisesRegex(ValidationError, "fill in: Phone."),
            self.env.cr.savepoint(),
        ):
            lead.stage_id = self.negotiation
        lead.write({"stage_id": self.negotiation.id, "phone": "+34 963 00 00 00"})
        self.assertEqual(lead.stage_id, self.negotiation)

    def test_a_stage_can_fix_the_probability(self):
        self.negotiation.write(
            {"crm_digital_fixed_probability": True, "crm_digital_probability": 70}
        )
        lead = self._deal()
        lead.stage_id = self.negotiation
        self.assertEqual(lead.probability, 70)
        with self.assertRaises(ValidationError):
            self.negotiation.crm_digital_probability = 120

    def test_opportunities_over_the_stage_limit_are_stuck(self):
        fresh = self._deal()
        old = self._deal()
        old.sudo().crm_digital_stage_date = fields.Datetime.now() - timedelta(days=16)
        self.assertFalse(fresh.crm_digital_stuck)
        self.assertTrue(old.crm_digital_stuck)
        self.assertEqual(old.crm_digital_days_in_stage, 16)
        Lead = self.env["crm.lead"]
        self.assertIn(old, Lead.search([("crm_digital_stuck", "=", True)]))
        self.assertNotIn(fresh, Lead.search([("crm_digital_stuck", "=", True)]))
        self.assertIn(fresh, Lead.search([("crm_digital_stuck", "=", False)]))
        self.analysis.crm_digital_stuck_days = 0
        old.invalidate_recordset(["crm_digital_stuck"])
        self.assertFalse(old.crm_digital_stuck)
        self.assertNotIn(old, Lead.search([("crm_digital_stuck", "=", True)]))

    def test_time_in_stage_is_one_figure_on_the_bar_the_warning_and_the_history(self):
        lead = self._deal(expected_revenue=4800, date_deadline="2026-12-31")
        lead.stage_id = self.offer
        now = fields.Datetime.now()
        analysis, offer = self._stays(lead).sudo()
        analysis.write(
            {
                "date_entered": now - timedelta(days=40, hours=5),
                "date_left": now - timedelta(days=20, hours=3),
            }
        )
        offer.date_entered = lead.sudo().crm_digital_stage_date = now - timedelta(
            days=20, hours=3
        )
        lead.invalidate_recordset()
        self.assertTrue(lead.crm_digital_stuck)
        self.assertEqual(lead.crm_digital_days_in_stage, 20)
        self.assertEqual(offer.elapsed_days, 20)
        self.assertEqual(analysis.elapsed_days, 20)
        self.assertFalse(offer.days, "an ongoing stay is left out of the averages")
        bar = {
            int(stage): spent // 86400
            for stage, spent in lead.crm_digital_stage_seconds.items()
        }
        self.assertEqual(bar, {self.analysis.id: 20, self.offer.id: 20})
        form = self.env["crm.lead"].get_views([(False, "form")])["views"]["form"]
        self.assertIn('widget="crm_digital_stage_days"', form["arch"])

    def test_cancelled_opportunities_keep_their_reason_and_count(self):
        lead = self._deal()
        reason = self.env["crm.lost.reason"].create({"name": "Precio demasiado alto"})
        lead.action_set_lost(lost_reason_id=reason.id)
        self.assertFalse(lead.active)
        self.assertEqual(lead.crm_digital_outcome, "cancelled")
        self.assertEqual(lead.lost_reason_id, reason)
        counts = dict(
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group([("id", "=", lead.id)], ["crm_digital_outcome"], ["__count"])
        )
        self.assertEqual(counts, {"cancelled": 1})
        lead.action_unarchive()
        self.assertEqual(lead.crm_digital_outcome, "open")

    def test_each_role_sees_the_history_of_the_leads_it_sees(self):
        own = self._deal()
        other = self.lead_other
        other.stage_id = self.negotiation
        History = self.env["crm.digital.stage.history"]
        both = [("lead_id", "in", (own | other).ids)]

        def seen_by(user):
            return History.with_user(user).search(both).lead_id

        self.assertEqual(seen_by(self.user_salesperson), own)
        self.assertEqual(seen_by(self.user_leader), own)
        self.assertEqual(seen_by(self.user_manager), own | other)
