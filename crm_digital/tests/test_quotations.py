# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import CrmDigitalCommon


@tagged("post_install", "-at_install")
class TestQuotations(CrmDigitalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Clínica Dental Turia, S.L.", "is_company": True}
        )
        Product = cls.env["product.product"]
        cls.setup_fee = Product.create(
            {"name": "Puesta en marcha", "list_price": 1500, "standard_price": 600}
        )
        cls.monthly = Product.create(
            {
                "name": "Licencia CRM (mes)",
                "type": "service",
                "list_price": 50,
                "crm_digital_recurrence": "month",
            }
        )
        cls.yearly = Product.create(
            {
                "name": "Soporte anual",
                "type": "service",
                "list_price": 480,
                "crm_digital_recurrence": "year",
            }
        )
        cls.analysis = cls.env.ref("crm_digital.stage_analysis")
        cls.offer = cls.env.ref("crm_digital.stage_offer")

    def _deal(self, **values):
        return self.env["crm.lead"].create(
            {
                "name": "CRM para la clínica",
                "type": "opportunity",
                "partner_id": self.customer.id,
                "user_id": self.user_salesperson.id,
                "team_id": self.team_led.id,
                **values,
            }
        )

    def _quotation(self, lead, lines, **values):
        return self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "opportunity_id": lead.id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": qty, **extra}
                    )
                    for product, qty, extra in lines
                ],
                **values,
            }
        )

    def test_simulations_are_compared_side_by_side(self):
        lead = self._deal()
        basic = self._quotation(lead, [(self.setup_fee, 1, {}), (self.monthly, 3, {})])
        full = self._quotation(
            lead,
            [
                (self.setup_fee, 1, {"discount": 10}),
                (self.monthly, 5, {}),
                (self.yearly, 1, {}),
            ],
        )
        self.assertEqual(basic.crm_digital_one_off_amount, 1500)
        self.assertEqual(basic.crm_digital_monthly_amount, 150)
        self.assertEqual(basic.crm_digital_yearly_amount, 1800)
        self.assertEqual(full.crm_digital_one_off_amount, 1350)
        self.assertEqual(full.crm_digital_monthly_amount, 250 + 40)
        self.assertEqual(full.crm_digital_yearly_amount, 290 * 12)
        # Cost known for the set-up fee only.
        self.assertEqual(basic.crm_digital_margin, 1500 + 150 - 600)
        self.assertEqual(full.crm_digital_margin, 1350 + 250 + 480 - 600)
        self.assertAlmostEqual(
            full.crm_digital_margin_percent, 100 * 1480 / full.amount_untaxed, 1
        )
        action = lead.action_crm_digital_compare_quotations()
        compared = self.env["sale.order"].search(action["domain"])
        self.assertEqual(compared, basic | full)
        self.assertEqual(
            action["views"][0][0],
            self.env.ref("crm_digital.sale_order_view_list_compare").id,
        )

    def test_an_expired_quotation_shows_as_expired(self):
        lead = self._deal()
        today = fields.Date.today()
        expired = self._quotation(
            lead, [(self.setup_fee, 1, {})], validity_date=today - timedelta(days=1)
        )
        valid = self._quotation(lead, [(self.setup_fee, 1, {})], validity_date=today)
        confirmed = self._quotation(
            lead, [(self.setup_fee, 1, {})], validity_date=today - timedelta(days=1)
        )
        confirmed.action_confirm()
        self.assertEqual(
            (expired | valid | confirmed).mapped("crm_digital_offer_state"),
            ["expired", "draft", "sale"],
        )
        search = self.env.ref("crm_digital.sale_order_view_search")
        filters = etree.fromstring(search.arch)
        (expired_filter,) = filters.xpath("//filter[@name='crm_digital_expired']")
        domain = safe_eval(
            expired_filter.get("domain"),
            {"context_today": lambda: today, "relativedelta": relativedelta},
        )
        found = self.env["sale.order"].search(
            [*domain, ("opportunity_id", "=", lead.id)]
        )
        self.assertEqual(found, expired)

    def test_one_offer_is_chosen(self):
        lead = self._deal()
        first = self._quotation(lead, [(self.setup_fee, 1, {})])
        second = self._quotation(lead, [(self.setup_fee, 2, {})])
        first.action_crm_digital_choose()
        second.action_crm_digital_choose()
        self.assertFalse(first.crm_digital_chosen)
        self.assertTrue(second.crm_digital_chosen)
        self.assertEqual(lead.expected_revenue, second.amount_untaxed)

    def test_sending_the_quotation_presents_the_offer(self):
        lead = self._deal()
        order = self._quotation(
            lead, [(self.setup_fee, 1, {})], validity_date=fields.Date.today()
        )
        self.assertEqual(lead.stage_id, self.analysis)
        order.action_quotation_sent()
        self.assertEqual(order.state, "sent")
        self.assertEqual(lead.stage_id, self.offer)
        self.assertEqual(lead.expected_revenue, order.amount_untaxed)
        self.assertEqual(lead.date_deadline, order.validity_date)

    def test_a_quotation_sent_without_what_the_stage_needs_is_still_sent(self):
        lead = self._deal()
        order = self._quotation(lead, [(self.setup_fee, 1, {})], validity_date=False)
        order.action_quotation_sent()
        self.assertEqual(order.state, "sent")
        self.assertEqual(lead.stage_id, self.analysis)
        self.assertIn("fill in: Expected Closing", lead.message_ids[0].body)

    def test_the_customer_accepting_wins_the_opportunity(self):
        lead = self._deal(expected_revenue=1500, date_deadline="2026-12-31")
        order = self._quotation(lead, [(self.setup_fee, 1, {})])
        order.action_quotation_sent()
        # What the portal does when the customer signs (no payment asked).
        order.action_confirm()
        self.assertTrue(lead.stage_id.is_won)
        self.assertEqual(lead.crm_digital_outcome, "won")
