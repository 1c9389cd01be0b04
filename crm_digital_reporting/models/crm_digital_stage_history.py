# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmDigitalStageHistory(models.Model):
    _inherit = "crm.digital.stage.history"

    # The funnel and the time in stage read the stays entered in a period.
    date_entered = fields.Datetime(index=True)
    # The opportunity's channel, province and sector, to cut the time in
    # stage by them: related, not stored, the read_group joins the lead.
    source_id = fields.Many2one(related="lead_id.source_id")
    medium_id = fields.Many2one(related="lead_id.medium_id")
    campaign_id = fields.Many2one(related="lead_id.campaign_id")
    state_id = fields.Many2one(related="lead_id.state_id", string="Province")
    industry_id = fields.Many2one(related="lead_id.industry_id")
