# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    crm_digital_recurrence = fields.Selection(
        [("month", "Every Month"), ("year", "Every Year")],
        "Recurring Service",
        help="A service billed every month or year: quotations show its monthly "
        "and yearly amounts, and confirmed orders renew every year. Empty: a "
        "one-off sale.",
    )
