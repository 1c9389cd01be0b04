# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

LEAD_EVENTS = {
    "lead.created",
    "lead.assigned",
    "opportunity.stage_changed",
    "opportunity.won",
    "opportunity.cancelled",
}


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _crm_digital_listened(self):
        return LEAD_EVENTS & self.env["crm.digital.webhook"]._subscribed_codes()

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._crm_digital_created_events()
        return leads

    create.crm_digital_bulk_safe = True

    def _crm_digital_bulk_after(self, leads, rows):
        # The import's bulk path stands in for create(): the same events.
        result = super()._crm_digital_bulk_after(leads, rows)
        leads._crm_digital_created_events()
        return result

    def _crm_digital_created_events(self):
        if not self._crm_digital_listened():
            return
        Event = self.env["crm.digital.event"]
        Event._notify("lead.created", self)
        Event._notify("lead.assigned", self.filtered("user_id"))

    def write(self, vals):
        listened = {
            "user_id",
            "stage_id",
            "active",
            "probability",
        } & vals.keys() and self._crm_digital_listened()
        if not listened:
            return super().write(vals)
        before = {
            lead.id: (lead.user_id, lead.stage_id, lead.crm_digital_outcome)
            for lead in self
        }
        result = super().write(vals)
        self._crm_digital_changed_events(before)
        return result

    def _crm_digital_changed_events(self, before):
        Event = self.env["crm.digital.event"]
        assigned = self.filtered(
            lambda lead: lead.user_id and lead.user_id != before[lead.id][0]
        )
        moved = self.filtered(
            lambda lead: (
                lead.type == "opportunity" and lead.stage_id != before[lead.id][1]
            )
        )
        Event._notify("lead.assigned", assigned)
        Event._notify(
            "opportunity.stage_changed",
            moved,
            {
                lead.id: {
                    "stage_id": lead.stage_id.id,
                    "previous_stage_id": before[lead.id][1].id or None,
                }
                for lead in moved
            },
        )
        for outcome, code in (
            ("won", "opportunity.won"),
            ("cancelled", "opportunity.cancelled"),
        ):
            Event._notify(
                code,
                self.filtered(
                    lambda lead, outcome=outcome: (
                        lead.crm_digital_outcome == outcome
                        and before[lead.id][2] != outcome
                    )
                ),
            )
