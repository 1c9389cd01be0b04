# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.sale.models.sale_order import SALE_ORDER_STATE


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
        help="When the recurring services of this confirmed order come up for "
        "renewal: every year from the order, whether billed monthly or yearly. "
        "It moves on by itself once passed; task rules and alerts can plan work "
        "before it.",
    )
    crm_digital_offer_state = fields.Selection(
        [*SALE_ORDER_STATE, ("expired", "Expired")],
        "Offer Status",
        compute="_compute_crm_digital_offer_state",
        help="The status, or Expired for a quotation past its expiration date.",
    )
    crm_digital_services_end_date = fields.Date(
        "Services End",
        copy=False,
        help="The customer ended the recurring services: nothing renews after "
        "this day.",
    )

    @api.depends("state", "validity_date")
    def _compute_crm_digital_offer_state(self):
        for order in self:
            order.crm_digital_offer_state = (
                "expired" if order.is_expired else order.state
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

    @api.depends(
        "state",
        "date_order",
        "crm_digital_services_end_date",
        "order_line.product_id.crm_digital_recurrence",
    )
    def _compute_crm_digital_renewal_date(self):
        for order in self:
            order.crm_digital_renewal_date = order._crm_digital_next_renewal()

    def _crm_digital_next_renewal(self):
        """The first yearly anniversary of the order from today on, while its
        recurring services go on; counted from the order date, so that a
        29 February or a 31st keeps its place."""
        self.ensure_one()
        recurring = any(self.order_line.product_id.mapped("crm_digital_recurrence"))
        if self.state != "sale" or not recurring:
            return False
        start, today = self.date_order.date(), fields.Date.context_today(self)
        years = max(1, relativedelta(today, start).years)
        renewal = start + relativedelta(years=years)
        if renewal < today:
            renewal = start + relativedelta(years=years + 1)
        end = self.crm_digital_services_end_date
        return renewal if not end or renewal <= end else False

    @api.model
    def _cron_crm_digital_next_renewal(self):
        """Move the renewals that have passed to the next year."""
        today = fields.Date.context_today(self)
        for order in self.search(
            [("state", "=", "sale"), ("crm_digital_renewal_date", "<", today)]
        ):
            order.crm_digital_renewal_date = order._crm_digital_next_renewal()

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        # A quotation keeps a customer active; a confirmed order makes one.
        orders.partner_id._crm_digital_lifecycle_changed()
        return orders

    def write(self, vals):
        # Confirming, cancelling, redating an order or ending its services
        # changes its customer's stage.
        changes = {
            "state",
            "partner_id",
            "date_order",
            "crm_digital_renewal_date",
            "crm_digital_services_end_date",
        } & set(vals)
        customers = self.partner_id if changes else None
        result = super().write(vals)
        if customers is not None:
            (customers | self.partner_id)._crm_digital_lifecycle_changed()
        if vals.get("state") == "sent":
            for order in self.filtered("opportunity_id"):
                order.opportunity_id._crm_digital_offer_sent(order)
        elif vals.get("state") == "sale":
            self.opportunity_id._crm_digital_offer_accepted()
        return result

    def unlink(self):
        customers = self.partner_id
        result = super().unlink()
        customers.exists()._crm_digital_lifecycle_changed()
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
