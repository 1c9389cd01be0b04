# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmDigitalStageHistory(models.Model):
    """One stay of a lead in a stage: written by the lead itself whenever its
    stage changes, whatever the path (form, import, API, automation)."""

    _name = "crm.digital.stage.history"
    _description = "Stage History"
    _order = "date_entered desc, id desc"
    _rec_name = "stage_id"

    lead_id = fields.Many2one(
        "crm.lead", required=True, ondelete="cascade", index=True, readonly=True
    )
    stage_id = fields.Many2one(
        "crm.stage", required=True, ondelete="restrict", readonly=True
    )
    previous_stage_id = fields.Many2one(
        "crm.stage", "From Stage", ondelete="set null", readonly=True
    )
    team_id = fields.Many2one(
        "crm.team", "Sales Team", ondelete="set null", readonly=True
    )
    salesperson_id = fields.Many2one("res.users", ondelete="set null", readonly=True)
    user_id = fields.Many2one(
        "res.users",
        "Changed by",
        ondelete="set null",
        readonly=True,
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    date_entered = fields.Datetime(
        "Entered", required=True, readonly=True, default=fields.Datetime.now
    )
    date_left = fields.Datetime("Left", readonly=True)
    days = fields.Float(
        "Days in Stage",
        compute="_compute_days",
        store=True,
        precompute=True,
        aggregator="avg",
        digits=(16, 1),
        help="Until the opportunity left the stage; empty while it is there, "
        "so that averages count only finished stays.",
    )
    elapsed_days = fields.Integer(
        "Days",
        compute="_compute_elapsed_days",
        help="Whole days in the stage, until the opportunity left it or until "
        "now: the figure of the stage bar and the stuck warning.",
    )

    @api.depends("date_entered", "date_left")
    def _compute_days(self):
        for stay in self:
            stay.days = (
                (stay.date_left - stay.date_entered).total_seconds() / 86400
                if stay.date_left
                else False
            )

    @api.depends("date_entered", "date_left")
    def _compute_elapsed_days(self):
        now = fields.Datetime.now()
        for stay in self:
            stay.elapsed_days = ((stay.date_left or now) - stay.date_entered).days
