# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_digital_assign_on_create = fields.Boolean(
        "Assign New Leads by Rules",
        default=True,
        help="Leads created without a salesperson (import, email, API) are assigned "
        "at once by the first matching assignment rule.",
    )
    crm_digital_assignment_notify = fields.Selection(
        [
            ("notification", "Odoo notification"),
            ("activity", "Activity to do"),
            ("both", "Notification and activity"),
            ("none", "Nothing"),
        ],
        "Tell the New Owner",
        default="notification",
        required=True,
        help="How a salesperson learns that a rule gave them a lead. An Odoo "
        "notification arrives in their inbox or by email, as each user prefers.",
    )
    crm_digital_import_background_rows = fields.Integer(
        "Background Import Above (Rows)",
        default=2000,
        help="Lead files with more rows than this are imported in the background "
        "(the user is notified when it ends); 0 imports every file at once.",
    )
