# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common_analysis import AnalysisCommon

ACTION = "crm_digital_reporting.crm_digital_quotation_analysis_action"
CUTS = {
    "categ_id",
    "product_id",
    "state",
    "lead_id",
    "stage_id",
    "user_id",
    "team_id",
    "source_id",
    "medium_id",
    "campaign_id",
    "state_id",
    "industry_id",
}


@tagged("post_install", "-at_install")
class TestQuotationAnalysis(AnalysisCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        own, leader, other = (
            cls.user_salesperson,
            cls.user_leader,
            cls.user_salesperson_other,
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Hotel Albufera, S.L.", "is_company": True}
        )
        cls.valencia = cls.env.ref("base.state_es_v")
        cls.hospitality = cls.env["res.partner.industry"].create({"name": "Hostelería"})
        cls.fair = cls.env["utm.source"].create({"name": "Feria Alimentaria"})
        cls.lead_own.write(
            {
                "state_id": cls.valencia.id,
                "industry_id": cls.hospitality.id,
                "source_id": cls.fair.id,
            }
        )
        Category = cls.env["product.category"]
        cls.software = Category.create({"name": "Software"})
        cls.services = Category.create({"name": "Servicios"})
        Product = cls.env["product.product"]
        cls.licence = Product.create(
            {"name": "Licencia CRM", "type": "service", "categ_id": cls.software.id}
        )
        cls.setup_fee = Product.create(
            {"name": "Puesta en marcha", "type": "service", "categ_id": cls.services.id}
        )
        # (opportunity, salesperson, team, what happens, [(product, qty, price)])
        cls.specs = [
            (
                cls.lead_own,
                own,
                cls.team_led,
                "sent",
                [(cls.licence, 2, 100), (cls.setup_fee, 1, 500)],
            ),
            (cls.lead_own, own, cls.team_led, "draft", [(cls.licence, 1, 100)]),
            (cls.lead_leader, leader, cls.team_led, "sale", [(cls.setup_fee, 2, 500)]),
            (
                cls.lead_other,
                other,
                cls.team_other,
                "sale",
                [(cls.licence, 5, 100), (cls.setup_fee, 1, 450)],
            ),
            (cls.lead_other, other, cls.team_other, "cancel", [(cls.licence, 1, 100)]),
        ]
        cls.orders = cls.env["sale.order"]
        for lead, user, team, state, lines in cls.specs:
            order = cls._order(lead, user, team, lines)
            if state == "sent":
                order.action_quotation_sent()
            elif state == "sale":
                order.action_confirm()
            elif state == "cancel":
                order.action_cancel()
            cls.orders |= order
        # Neither an order without opportunity nor a section line is analysed.
        cls._order(cls.env["crm.lead"], own, cls.team_led, [(cls.licence, 9, 100)])
        cls.orders[0].order_line = [
            Command.create({"display_type": "line_section", "name": "Opcionales"})
        ]
        cls.visible = {
            own: {own},
            leader: {own, leader},
            cls.user_manager: {own, leader, other},
        }

    @classmethod
    def _order(cls, lead, user, team, lines):
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "opportunity_id": lead.id,
                "user_id": user.id,
                "team_id": team.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "price_unit": price,
                        }
                    )
                    for product, qty, price in lines
                ],
            }
        )

    def _expected(self, owners, key):
        """Sums by ``key(spec, product)`` of the fixture lines ``owners`` made."""
        totals = {}
        for lead, user, team, state, lines in self.specs:
            if user not in owners:
                continue
            for product, qty, price in lines:
                group = key(lead, user, team, state, product)
                amount, sent, accepted, quantity = totals.get(group, (0, 0, 0, 0))
                totals[group] = (
                    amount + qty * price,
                    sent + (qty * price if state in ("sent", "sale") else 0),
                    accepted + (qty * price if state == "sale" else 0),
                    quantity + qty,
                )
        return totals

    def test_pivot_sums_the_lines_by_category_and_state_for_each_role(self):
        self.assertEqual(
            self.orders.mapped("state"), ["sent", "draft", "sale", "sale", "cancel"]
        )
        for user, owners in self.visible.items():
            with self.subTest(user=user.login):
                analysis = self._open(ACTION, user)
                self.assertEqual(analysis["groupby"], ["categ_id", "state"])
                pivot = self._pivot(
                    analysis,
                    [("order_id", "in", self.orders.ids)],
                    measures=[
                        "price_subtotal",
                        "sent_amount",
                        "accepted_amount",
                        "product_uom_qty",
                    ],
                )
                expected = self._expected(
                    owners,
                    lambda lead, user, team, state, product: (
                        product.categ_id.id,
                        state,
                    ),
                )
                self.assertEqual(
                    {
                        key: (
                            values["price_subtotal"],
                            values["sent_amount"],
                            values["accepted_amount"],
                            values["product_uom_qty"],
                        )
                        for key, values in pivot.items()
                    },
                    expected,
                )

    def test_sent_and_accepted_by_product_category(self):
        analysis = self._open(ACTION, self.user_manager)
        pivot = self._pivot(
            analysis,
            [("order_id", "in", self.orders.ids)],
            groupby=["categ_id"],
            measures=["price_subtotal", "sent_amount", "accepted_amount"],
        )
        self.assertEqual(
            {key: tuple(values.values()) for key, values in pivot.items()},
            {
                # offered, sent or accepted, accepted, lines
                (self.software.id,): (900, 700, 500, 4),
                (self.services.id,): (1950, 1950, 1450, 3),
            },
        )

    def test_lines_carry_the_opportunity_cuts(self):
        lines = self.env["crm.digital.quotation.analysis"].search(
            [("order_id", "=", self.orders[0].id)]
        )
        self.assertEqual(len(lines), 2, "the section line is left out")
        self.assertEqual(lines.lead_id, self.lead_own)
        self.assertEqual(lines.stage_id, self.lead_own.stage_id)
        self.assertEqual(lines.state_id, self.valencia)
        self.assertEqual(lines.industry_id, self.hospitality)
        self.assertEqual(lines.source_id, self.fair)
        self.assertEqual(lines.company_id, self.env.company)
        self.assertEqual(lines.currency_id, self.env.company.currency_id)
        self.assertFalse(
            self.env["crm.digital.quotation.analysis"].search_count(
                [("order_id.opportunity_id", "=", False)]
            )
        )

    def test_every_cut_groups_the_lines_for_each_role(self):
        for user, owners in self.visible.items():
            analysis = self._open(ACTION, user)
            self.assertLessEqual(CUTS, self._group_bys(analysis))
            self.assertIn("date", self._date_filters(analysis))
            total = sum(
                amount
                for amount, _sent, _accepted, _qty in self._expected(
                    owners, lambda *spec: None
                ).values()
            )
            for cut in sorted(CUTS | {"date:month"}):
                with self.subTest(user=user.login, cut=cut):
                    pivot = self._pivot(
                        analysis, [("order_id", "in", self.orders.ids)], groupby=[cut]
                    )
                    self.assertEqual(
                        sum(values["price_subtotal"] for values in pivot.values()),
                        total,
                    )

    def test_order_date_periods_compare(self):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sale_order SET date_order = CASE WHEN id = %s "
            "THEN timestamp '2025-05-10 10:00' ELSE timestamp '2026-03-10 10:00' END "
            "WHERE id IN %s",
            [self.orders[2].id, tuple(self.orders.ids)],
        )
        analysis = self._open(ACTION, self.user_leader)
        figures = {}
        for year in (2025, 2026):
            period = [
                ("date", ">=", f"{year}-01-01 00:00:00"),
                ("date", "<", f"{year + 1}-01-01 00:00:00"),
                ("order_id", "in", self.orders.ids),
            ]
            pivot = self._pivot(analysis, period, groupby=["categ_id"])
            figures[year] = {
                key[0]: values["price_subtotal"] for key, values in pivot.items()
            }
        # The leader's team: the leader's order last year, the salesperson's this one.
        self.assertEqual(figures[2025], {self.services.id: 1000})
        self.assertEqual(figures[2026], {self.software.id: 300, self.services.id: 500})

    def test_menu_is_for_every_sales_role(self):
        menu = self.env.ref("crm_digital_reporting.crm_digital_quotation_analysis_menu")
        for user in self.visible:
            with self.subTest(user=user.login):
                self.assertIn(
                    menu.id, self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
                )
