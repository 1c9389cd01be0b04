# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmStage(models.Model):
    _inherit = "crm.stage"

    crm_digital_required_field_ids = fields.Many2many(
        "ir.model.fields",
        "crm_digital_stage_required_field_rel",
        "stage_id",
        "field_id",
        "Required to Enter",
        domain=[
            ("model", "=", "crm.lead"),
            ("store", "=", True),
            ("ttype", "not in", ("one2many", "binary", "properties")),
        ],
        help="An opportunity enters this stage only when these fields are filled in.",
    )
    crm_digital_fixed_probability = fields.Boolean(
        "Fixed Probability",
        help="Opportunities entering this stage take its probability instead "
        "of the predictive scoring's.",
    )
    crm_digital_probability = fields.Float("Probability (%)")
    crm_digital_on_quotation_sent = fields.Boolean(
        "Quotation Sent Moves Here",
        help="An opportunity whose quotation is sent to the customer (by email "
        "or on the portal) moves forward to this stage.",
    )
    crm_digital_stuck_days = fields.Integer(
        "Stuck After (Days)",
        help="An open opportunity that stays longer in this stage is flagged as "
        "stuck. 0: never.",
    )

    @api.constrains("crm_digital_probability", "crm_digital_stuck_days")
    def _check_crm_digital_figures(self):
        for stage in self:
            if not 0 <= stage.crm_digital_probability <= 100:
                raise ValidationError(
                    self.env._(
                        "Stage %(stage)s: the probability goes from 0 to 100.",
                        stage=stage.name,
                    )
                )
            if stage.crm_digital_stuck_days < 0:
                raise ValidationError(
                    self.env._(
                        "Stage %(stage)s: the days before an opportunity is "
                        "stuck cannot be negative.",
                        stage=stage.name,
                    )
                )
