# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import NamedTuple

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError


class StageRules(NamedTuple):
    """What a lead entering a stage must have, and takes from it."""

    won: bool
    probability: float | None  # None: the predictive scoring's
    required: tuple  # names of the lead fields required to enter


RULE_FIELDS = [
    "is_won",
    "crm_digital_fixed_probability",
    "crm_digital_probability",
    "crm_digital_required_field_ids",
]


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

    def _crm_digital_rules(self):
        """The StageRules of this stage (none: a lead without stage)."""
        if not self:
            return StageRules(False, None, ())
        self.ensure_one()
        rules = self._crm_digital_all_rules().get(self.id)
        # A stage created by a transaction not committed yet is not cached.
        return rules or self._crm_digital_read_rules()[self.id]

    @api.model
    @tools.ormcache()
    def _crm_digital_all_rules(self):
        # Read on each creation of a lead and each change of its stage, where
        # the stage's record would cost a query.
        return self.sudo().search_fetch([], RULE_FIELDS)._crm_digital_read_rules()

    def _crm_digital_read_rules(self):
        """{stage id: StageRules}"""
        return {
            stage.id: StageRules(
                stage.is_won,
                stage.crm_digital_probability
                if stage.crm_digital_fixed_probability
                else None,
                tuple(stage.crm_digital_required_field_ids.mapped("name")),
            )
            for stage in self.sudo()
        }

    @api.model_create_multi
    def create(self, vals_list):
        stages = super().create(vals_list)
        self.env.registry.clear_cache()  # _crm_digital_all_rules
        return stages

    def write(self, vals):
        if not vals.keys() & set(RULE_FIELDS):  # a column dragged, folded...
            return super().write(vals)
        # Before as well: the leads' fields computed during the write read them.
        self.env.registry.clear_cache()  # _crm_digital_all_rules
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()  # _crm_digital_all_rules
        return result

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
