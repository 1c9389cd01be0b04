# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

RENEWAL_PERIODS = {"year": relativedelta(years=1), "month": relativedelta(months=1)}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    crm_digital_team_leader_id = fields.Many2one(
        related="team_id.user_id", string="Team Leader"
    )
    crm_digital_chosen = fields.Boolean(
        "Chosen Offer",
        copy=False,
        help="The offer the opportunity goes ahead with, among its quotations.",
    )
    crm_digital_one_off_amount = fields.Monetary(
        "One-off", compute="_compute_crm_digital_amounts"
    )
    crm_digital_monthly_amount = fields.Monetary(
        "Monthly", compute="_compute_crm_digital_amounts"
    )
    crm_digital_yearly_amount = fields.Monetary(
        "Yearly", compute="_compute_crm_digital_amounts"
    )
    crm_digital_margin = fields.Monetary(
        "Margin",
        compute="_compute_crm_digital_amounts",
        help="Untaxed amount less the cost of the products whose cost is known.",
    )
    crm_digital_margin_percent = fields.Float(
        "Margin (%)", compute="_compute_crm_digital_amounts", digits=(16, 1)
    )
    crm_digital_renewal_date = fields.Date(
        "Next Renewal",
        compute="_compute_crm_digital_renewal_date",
        store=True,
        readonly=False,
        copy=False,
        index="btree_not_null",
        help="When the recurring services of this confirmed order renew: a year "
        "after the order for yearly services, else a month. It moves on by "
        "itself once passed; task rules can plan work before it.",
    )

    @api.depends(
        "order_line.price_subtotal",
        "order_line.product_uom_qty",
        "order_line.product_id",
    )
    def _compute_crm_digital_amounts(self):
        for order in self:
            one_off = monthly = cost = 0.0
            for line in order.order_line.filtered(lambda line: not line.display_type):
                recurrence = line.product_id.crm_digital_recurrence
                if recurrence == "month":
                    monthly += line.price_subtotal
                elif recurrence == "year":
                    monthly += line.price_subtotal / 12
                else:
                    one_off += line.price_subtotal
                cost += line.product_id.standard_price * line.product_uom_qty
            order.crm_digital_one_off_amount = one_off
            order.crm_digital_monthly_amount = monthly
            order.crm_digital_yearly_amount = monthly * 12
            # Products without a cost (most services) count as all margin.
            margin = order.amount_untaxed - cost
            order.crm_digital_margin = margin
            order.crm_digital_margin_percent = (
                100 * margin / order.amount_untaxed if order.amount_untaxed else 0.0
            )

    @api.depends("state", "date_order", "order_line.product_id.crm_digital_recurrence")
    def _compute_crm_digital_renewal_date(self):
        today = fields.Date.context_today(self)
        for order in self:
            order.crm_digital_renewal_date = (
                order.state == "sale"
                and order._crm_digital_renewal_after(order.date_order.date(), today)
            )

    def _crm_digital_renewal_after(self, start, today):
        """The first renewal from today on, one period after start or later:
        yearly services renew every year, monthly ones every month."""
        recurrences = set(self.order_line.product_id.mapped("crm_digital_recurrence"))
        period = next(
            (RENEWAL_PERIODS[r] for r in ("year", "month") if r in recurrences), None
        )
        if not period:
            return False
        renewal = start + period
        while renewal < today:
            renewal += period
        return renewal

    @api.model
    def _cron_crm_digital_next_renewal(self):
        """Move the renewals that have passed to the next period."""
        today = fields.Date.context_today(self)
        for order in self.search(
            [("state", "=", "sale"), ("crm_digital_renewal_date", "<", today)]
        ):
            order.crm_digital_renewal_date = order._crm_digital_renewal_after(
                order.crm_digital_renewal_date, today
            )

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders.filtered(
            lambda o: o.state == "sale"
        ).partner_id._crm_digital_refresh_lifecycle()
        return orders

    def write(self, vals):
        # Confirming, cancelling, redating or ending the renewals of an order
        # changes its customer's stage.
        changes = {
            "state",
            "partner_id",
            "date_order",
            "crm_digital_renewal_date",
        } & set(vals)
        customers = self.partner_id if changes else None
        result = super().write(vals)
        if customers is not None:
            (customers | self.partner_id)._crm_digital_refresh_lifecycle()
        if vals.get("state") == "sent":
            for order in self.filtered("opportunity_id"):
                order.opportunity_id._crm_digital_offer_sent(order)
        elif vals.get("state") == "sale":
            self.opportunity_id._crm_digital_offer_accepted()
        return result

    def unlink(self):
        customers = self.partner_id
        result = super().unlink()
        customers.exists()._crm_digital_refresh_lifecycle()
        return result

    def action_crm_digital_choose(self):
        """Mark this quotation as the offer its opportunity goes ahead with."""
        self.ensure_one()
        siblings = self.opportunity_id.order_ids - self
        siblings.filtered("crm_digital_chosen").crm_digital_chosen = False
        self.crm_digital_chosen = True
        if self.opportunity_id:
            self.opportunity_id.expected_revenue = self.amount_untaxed
        return True
