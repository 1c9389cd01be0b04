# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import ValidationError


# Apart from crm_lead.py: what the opportunity's quotations do to it.
# pylint: disable=consider-merging-classes-inherited
class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _crm_digital_offer_sent(self, order):
        """The quotation `order` went to the customer: the opportunity moves
        forward to the stage set for it, with the offer's amount and validity
        where it had none."""
        stage = self.env["crm.stage"].search(
            [
                ("crm_digital_on_quotation_sent", "=", True),
                "|",
                ("team_id", "=", False),
                ("team_id", "=", self.team_id.id),
            ],
            limit=1,
        )
        if not stage or not self.active or self.stage_id.sequence >= stage.sequence:
            return
        values = {"stage_id": stage.id}
        if not self.expected_revenue:
            values["expected_revenue"] = order.amount_untaxed
        if not self.date_deadline and order.validity_date:
            values["date_deadline"] = order.validity_date
        try:
            with self.env.cr.savepoint():
                self.write(values)
        except ValidationError as error:
            # Sending the quotation must not fail for it: say what is missing.
            self.message_post(
                body=self.env._(
                    "Quotation %(order)s was sent, but the opportunity stays "
                    "where it is: %(reason)s",
                    order=order.name,
                    reason=error.args[0],
                ),
            )

    def _crm_digital_offer_accepted(self):
        """A quotation of the opportunity was confirmed (signed online or by
        the salesperson): the opportunity is won."""
        for lead in self.filtered(
            lambda lead: lead.active and not lead.stage_id.is_won
        ):
            lead.action_set_won()

    def action_crm_digital_compare_quotations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_digital.sale_order_action_compare"
        )
        action["domain"] = [("opportunity_id", "=", self.id)]
        action["context"] = {
            "default_opportunity_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action
