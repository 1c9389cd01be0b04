# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.sale.models.sale_order import SALE_ORDER_STATE


class CrmDigitalQuotationAnalysis(models.Model):
    """One line of a quotation or order made for an opportunity: what was
    offered and accepted, by product, cut as the opportunity is."""

    _name = "crm.digital.quotation.analysis"
    _description = "Quotation Analysis"
    _auto = False
    _rec_name = "order_id"
    _order = "date desc, id desc"

    date = fields.Datetime("Order Date", readonly=True)
    order_id = fields.Many2one("sale.order", "Quotation", readonly=True)
    state = fields.Selection(SALE_ORDER_STATE, "Status", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", "Product Category", readonly=True)
    product_uom_qty = fields.Float(
        "Quantity", readonly=True, help="In the product's unit of measure."
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    price_subtotal = fields.Monetary(
        "Untaxed Amount", readonly=True, help="In the company's currency."
    )
    sent_amount = fields.Monetary(
        "Sent",
        readonly=True,
        help="Untaxed amount of the quotations sent to the customer or accepted.",
    )
    accepted_amount = fields.Monetary(
        "Accepted",
        readonly=True,
        help="Untaxed amount of the quotations the customer accepted (confirmed).",
    )
    lead_id = fields.Many2one("crm.lead", "Opportunity", readonly=True)
    stage_id = fields.Many2one(
        "crm.stage", readonly=True, help="The opportunity's stage today."
    )
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", "Sales Team", readonly=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    medium_id = fields.Many2one("utm.medium", readonly=True)
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    state_id = fields.Many2one("res.country.state", "Province", readonly=True)
    industry_id = fields.Many2one("res.partner.industry", "Sector", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def _query(self):
        # The order's rate turns its currency into its company's.
        amount = SQL(
            "l.price_subtotal / CASE COALESCE(s.currency_rate, 0) "
            "WHEN 0 THEN 1.0 ELSE s.currency_rate END"
        )
        # Salesperson and team are the quotation's, as the sale order record
        # rules read them; the channel, province and sector the opportunity's.
        return SQL(
            """
            SELECT
                l.id AS id,
                s.id AS order_id,
                s.date_order AS date,
                s.state AS state,
                s.partner_id AS partner_id,
                l.product_id AS product_id,
                t.categ_id AS categ_id,
                l.product_uom_qty / COALESCE(NULLIF(u.factor, 0), 1.0)
                    * COALESCE(u2.factor, 1.0) AS product_uom_qty,
                company.currency_id AS currency_id,
                %(amount)s AS price_subtotal,
                CASE WHEN s.state IN ('sent', 'sale') THEN %(amount)s ELSE 0 END
                    AS sent_amount,
                CASE WHEN s.state = 'sale' THEN %(amount)s ELSE 0 END
                    AS accepted_amount,
                lead.id AS lead_id,
                lead.stage_id AS stage_id,
                s.user_id AS user_id,
                s.team_id AS team_id,
                lead.source_id AS source_id,
                lead.medium_id AS medium_id,
                lead.campaign_id AS campaign_id,
                lead.state_id AS state_id,
                lead.industry_id AS industry_id,
                s.company_id AS company_id
            FROM sale_order_line l
            JOIN sale_order s ON s.id = l.order_id
            JOIN crm_lead lead ON lead.id = s.opportunity_id
            JOIN res_company company ON company.id = s.company_id
            LEFT JOIN product_product p ON p.id = l.product_id
            LEFT JOIN product_template t ON t.id = p.product_tmpl_id
            LEFT JOIN uom_uom u ON u.id = l.product_uom
            LEFT JOIN uom_uom u2 ON u2.id = t.uom_id
            WHERE l.display_type IS NULL
            """,
            amount=amount,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
