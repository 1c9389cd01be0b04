# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class CrmDigitalCustomerEvent(models.Model):
    _inherit = "crm.digital.customer.event"

    kind = fields.Selection(selection_add=[("alert", "Alert")])

    def _crm_digital_event_queries(self):
        """Every alert raised about the customer, closed ones included."""
        return {
            **super()._crm_digital_event_queries(),
            "alert": SQL(
                """SELECT a.id, a.date, 'alert',
                    jsonb_build_object('en_US', a.name), a.partner_id,
                    a.lead_id, NULL::int, a.user_id, a.team_id, a.company_id,
                    NULL, 'crm.digital.alert', a.id
                FROM crm_digital_alert a
                WHERE a.partner_id IS NOT NULL"""
            ),
        }
