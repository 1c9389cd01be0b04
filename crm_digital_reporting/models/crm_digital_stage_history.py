# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL, sql

# The funnel and the time in stage read the stays entered in a period: from
# this index alone, which holds what they count and average.
STAYS_INDEX = "crm_digital_stage_history_stays_index"


class CrmDigitalStageHistory(models.Model):
    _inherit = "crm.digital.stage.history"

    # The opportunity's channel, province and sector, to cut the time in
    # stage by them: related, not stored, the read_group joins the lead.
    source_id = fields.Many2one(related="lead_id.source_id")
    medium_id = fields.Many2one(related="lead_id.medium_id")
    campaign_id = fields.Many2one(related="lead_id.campaign_id")
    state_id = fields.Many2one(related="lead_id.state_id", string="Province")
    industry_id = fields.Many2one(related="lead_id.industry_id")

    def init(self):
        if not sql.index_exists(self.env.cr, STAYS_INDEX):
            self.env.cr.execute(
                SQL(
                    "CREATE INDEX %s ON %s (date_entered) "
                    "INCLUDE (stage_id, lead_id, company_id, date_left, days)",
                    SQL.identifier(STAYS_INDEX),
                    SQL.identifier(self._table),
                )
            )
