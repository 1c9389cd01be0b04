# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CrmDigitalCommon


@tagged("post_install", "-at_install")
class TestCustomer(CrmDigitalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.partner"].create(
            {"name": "Bodegas Utiel, S.L.", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Ana Pérez", "parent_id": cls.company.id}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Implantación CRM", "list_price": 1500}
        )

    def _request_ends(self):
        # The commercial stage is worked out once per transaction, as it ends
        # (at the end of each request of a user).
        self.env.cr.flush()

    def _deal(self, **values):
        return self.env["crm.lead"].create(
            {
                "name": "CRM para la bodega",
                "partner_id": self.contact.id,
                "user_id": self.user_salesperson.id,
                "team_id": self.team_led.id,
                **values,
            }
        )

    def _order(self, lead=None):
        return self.env["sale.order"].create(
            {
                "partner_id": self.contact.id,
                "opportunity_id": lead and lead.id,
                "user_id": self.user_salesperson.id,
                "team_id": self.team_led.id,
                "order_line": [fields.Command.create({"product_id": self.product.id})],
            }
        )

    def test_commercial_stage_follows_the_deals_with_the_date_of_each(self):
        self._request_ends()
        self.assertFalse(self.company.crm_digital_lifecycle)
        lead = self._deal(type="lead")
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "lead")
        self._request_ends()
        self.assertEqual(self.contact.crm_digital_lifecycle, "lead")
        self.assertEqual(self.company.crm_digital_lead_date, fields.Date.today())
        lead.convert_opportunity(self.contact)
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "prospect")
        self.assertTrue(self.company.crm_digital_prospect_date)
        lead.action_set_won()
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "customer")
        self.assertEqual(
            self.company.crm_digital_customer_date, lead.date_closed.date()
        )
        self.assertFalse(self.company.crm_digital_recurring_date)
        order = self._order()
        order.action_confirm()
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "recurring")
        self.assertEqual(self.company.crm_digital_recurring_date, fields.Date.today())
        # The first date stays the first: "customer since".
        self.assertEqual(
            self.company.crm_digital_customer_date, lead.date_closed.date()
        )
        self.assertIn(
            self.company,
            self.env["res.partner"].search(
                [("crm_digital_lifecycle", "=", "recurring")]
            ),
        )

    def test_merging_customers_keeps_working_and_reworks_their_stage(self):
        won = self._deal(type="opportunity")
        won.action_set_won()
        twin = self.env["res.partner"].create(
            {"name": "Bodegas Utiel", "is_company": True}
        )
        self._deal(type="opportunity", partner_id=twin.id)
        self._request_ends()
        self.assertEqual(twin.crm_digital_lifecycle, "prospect")
        # A user who may merge contacts, not an administrator.
        self.user_salesperson.groups_id += self.env.ref("base.group_partner_manager")
        Wizard = self.env["base.partner.merge.automatic.wizard"].with_user(
            self.user_salesperson
        )
        Wizard._merge(
            (twin | self.company).ids, Wizard.env["res.partner"].browse(self.company.id)
        )
        self.assertFalse(twin.exists())
        self.assertEqual(
            len(self.env["crm.lead"].search([("partner_id", "=", self.company.id)])), 1
        )
        # A won deal and an open one: a customer.
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "customer")

    def test_a_prospect_whose_deals_are_all_cancelled_is_lost(self):
        lead = self._deal(type="opportunity")
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "prospect")
        lead.action_set_lost()
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "lost")
        self.assertEqual(self.company.crm_digital_lost_date, fields.Date.today())
        lead.action_unarchive()
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "prospect")
        self.assertFalse(self.company.crm_digital_lost_date)

    def test_a_customer_without_business_for_months_goes_inactive(self):
        self.env.company.crm_digital_inactive_months = 0
        order = self._order()
        order.action_confirm()
        signed = fields.Datetime.now() - relativedelta(months=13)
        order.date_order = signed
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "customer", "0: never")
        self.assertEqual(self.company.crm_digital_last_deal_date, signed.date())
        self.env.company.crm_digital_inactive_months = 12
        self.env["res.partner"]._cron_crm_digital_inactive_customers()
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "lost")
        self._request_ends()
        self.assertEqual(self.contact.crm_digital_lifecycle, "lost")
        self.assertEqual(
            self.contact.crm_digital_lost_date,
            (signed + relativedelta(months=12)).date(),
        )
        # A new opportunity brings it back to work, until it is cancelled.
        lead = self._deal(type="opportunity")
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "customer")
        self.assertFalse(self.company.crm_digital_lost_date)
        lead.action_set_lost()
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "lost")
        # So does a quotation under way.
        self._order()
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "customer")

    def test_inactive_months_cannot_be_negative(self):
        with self.assertRaisesRegex(ValidationError, "0 months"):
            self.env.company.crm_digital_inactive_months = -1

    def test_each_company_sets_when_its_customers_go_inactive(self):
        self.env.company.crm_digital_inactive_months = 12
        branch = self.env["res.company"].create(
            {"name": "Filial Valencia", "crm_digital_inactive_months": 0}
        )
        self.company.company_id = branch
        order = self.env["sale.order"].create(
            {
                "partner_id": self.company.id,
                "company_id": branch.id,
                "order_line": [fields.Command.create({"product_id": self.product.id})],
            }
        )
        order.action_confirm()
        order.date_order = fields.Datetime.now() - relativedelta(months=13)
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "customer", "0: never")
        branch.crm_digital_inactive_months = 12
        self.env["res.partner"]._cron_crm_digital_inactive_customers()
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "lost")

    def test_a_customer_whose_service_renews_stays_a_customer(self):
        self.env.company.crm_digital_inactive_months = 12
        self.product.crm_digital_recurrence = "year"
        self.product.type = "service"
        order = self._order()
        order.action_confirm()
        order.date_order = fields.Datetime.now() - relativedelta(months=30)
        self.assertTrue(order.crm_digital_renewal_date)
        self.company._crm_digital_refresh_lifecycle()
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "customer")
        # The customer ended the services: nothing renews any more.
        order.crm_digital_services_end_date = fields.Date.today()
        self.assertFalse(order.crm_digital_renewal_date)
        self._request_ends()
        self.assertEqual(self.company.crm_digital_lifecycle, "lost")

    def test_history_shows_everything_in_order_and_opens_each_document(self):
        lead = self._deal(
            type="opportunity", expected_revenue=1500, date_deadline="2026-12-31"
        )
        lead.stage_id = self.env.ref("crm_digital.stage_offer")
        order = self._order(lead)
        order.action_confirm()
        activity = lead.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Llamar para la puesta en marcha",
            user_id=self.user_salesperson.id,
        )
        done = lead.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.user_salesperson.id
        )
        done.action_feedback(feedback="Hecho")
        self.env.flush_all()
        action = self.company.action_crm_digital_history()
        events = self.env["crm.digital.customer.event"].search(action["domain"])
        self.assertEqual(
            set(events.mapped("kind")),
            {
                "opportunity",
                "stage",
                "quotation",
                "order",
                "won",
                "activity",
                "activity_done",
            },
        )
        self.assertEqual(events, events.sorted("date", reverse=True))
        self.assertEqual(self.contact.crm_digital_event_count, len(events))
        self.assertIn(activity.summary, events.mapped("name"))
        quotation = events.filtered(lambda event: event.kind == "quotation")
        self.assertEqual(quotation.lead_id, lead)
        self.assertEqual(
            quotation.action_open_document(),
            {
                "type": "ir.actions.act_window",
                "res_model": "sale.order",
                "res_id": order.id,
                "views": [(False, "form")],
            },
        )
        stages = events.filtered(lambda event: event.kind == "stage")
        self.assertEqual(stages.stage_id.mapped("name"), ["Won", "Offer Presented"])

    def test_history_names_activities_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["mail"], ["es_ES"])
        lead = self._deal(type="opportunity")
        lead.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.user_salesperson.id
        )
        done = lead.activity_schedule(
            "mail.mail_activity_data_meeting", user_id=self.user_salesperson.id
        )
        done.action_feedback(feedback="Hecho")
        self.env.flush_all()
        domain = self.company.action_crm_digital_history()["domain"]
        Event = self.env["crm.digital.customer.event"]
        for lang, planned, met in (
            ("es_ES", "Llamada", "Reunión"),
            ("en_US", "Call", "Meeting"),
        ):
            events = Event.with_context(lang=lang).search(domain)
            names = {event.kind: event.name for event in events}
            self.assertEqual(names["activity"], planned)
            self.assertEqual(names["activity_done"], met)
            # Searching by the name finds it in the reader's language.
            self.assertTrue(
                Event.with_context(lang=lang).search([*domain, ("name", "=", met)])
            )

    def test_each_role_sees_the_history_of_the_deals_it_sees(self):
        mine = self._deal(type="opportunity")
        other = self._deal(
            type="opportunity",
            name="Web para la bodega",
            user_id=self.user_salesperson_other.id,
            team_id=self.team_other.id,
        )
        Event = self.env["crm.digital.customer.event"]
        domain = [("partner_id", "=", self.company.id)]

        def deals_seen_by(user):
            return Event.with_user(user).search(domain).lead_id

        self.assertEqual(deals_seen_by(self.user_salesperson), mine)
        self.assertEqual(deals_seen_by(self.user_leader), mine)
        self.assertEqual(deals_seen_by(self.user_manager), mine | other)
