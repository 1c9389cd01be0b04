# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _crm_digital_sales_domain(self):
        """The contacts whose documents the sales roles give the current user,
        as the customer's History gives them: those of customers whose
        salesperson is the user or nobody; for a team leader also those of
        customers whose salesperson's main team (*User Sales Team*) they
        lead. None (no restriction) for managers and for users outside sales,
        who reach the documents of every contact they may read."""
        user = self.env.user
        if not user.has_group("sales_team.group_sale_salesman") or user.has_group(
            "sales_team.group_sale_salesman_all_leads"
        ):
            return None
        domain = [
            "|",
            ("commercial_partner_id.user_id", "=", user.id),
            ("commercial_partner_id.user_id", "=", False),
        ]
        if user.has_group("crm_digital.group_crm_digital_team_leader"):
            domain = [
                "|",
                *domain,
                ("commercial_partner_id.user_id.sale_team_id.user_id", "=", user.id),
            ]
        return domain
