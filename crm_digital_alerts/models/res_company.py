# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_digital_alert_stuck = fields.Boolean(
        "Alert on Stuck Opportunities",
        default=True,
        help="Alert the salesperson (or the team leader) when an opportunity "
        "stays in its stage longer than the stage allows.",
    )
    crm_digital_alert_quotation_days = fields.Integer(
        "Alert Days Before a Quotation Expires",
        default=3,
        help="0: no alert.",
    )
    crm_digital_alert_renewal_days = fields.Integer(
        "Alert Days Before a Service Renews",
        default=30,
        help="0: no alert.",
    )
    crm_digital_alert_inactive = fields.Boolean(
        "Alert on Customers Gone Inactive",
        default=True,
        help="Alert the customer's salesperson when it has had no deal for the "
        "months set under Customers.",
    )
    crm_digital_alert_popup = fields.Boolean(
        "Pop-ups for New Alerts",
        default=True,
        help="A new alert also pops up in the browser of the person alerted.",
    )

    @api.constrains(
        "crm_digital_alert_quotation_days", "crm_digital_alert_renewal_days"
    )
    def _check_crm_digital_alert_days(self):
        for company in self:
            if (
                min(
                    company.crm_digital_alert_quotation_days,
                    company.crm_digital_alert_renewal_days,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("Alert days: give 0 (no alert) or more.")
                )

    def _crm_digital_alerts(self):
        return self.env["crm.digital.alert"]
