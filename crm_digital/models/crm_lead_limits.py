# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.lead_limits import (
    amount_problem,
    clamp_text,
    date_problem,
    date_range_error,
    text_problem,
)

CONVERTERS = {"date": fields.Date.to_date, "datetime": fields.Datetime.to_datetime}


class _FieldLabel:
    """A field's label in the user's language, looked up only when a message
    shows it: values within bounds cost no look-up."""

    def __init__(self, field, env):
        self.field, self.env = field, env

    def __str__(self):
        return self.field._description_string(self.env)


class CrmLead(models.Model):
    """What a lead takes from whoever writes it: values within bounds, and
    none of the fields the product keeps."""

    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.digital.owned.fields"]

    _crm_digital_owned_fields = (
        "import_id",
        "import_key",
        "assignment_rule_id",
        "assignment_strategy",
        "assignment_date",
        "crm_digital_last_activity_date",
        "crm_digital_stage_date",
        "crm_digital_outcome",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._crm_digital_check_owned(vals)
            self._crm_digital_check_limits(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._crm_digital_check_owned(vals)
        self._crm_digital_check_limits(vals)
        return super().write(vals)

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        # An incoming email is never refused for its size: the lead takes
        # its subject and sender cut to the bounds, the message keeps them.
        custom_values = dict(custom_values or {})
        for name, key in (("name", "subject"), ("email_from", "from")):
            if msg_dict.get(key) and name not in custom_values:
                custom_values[name] = clamp_text(name, msg_dict[key])
        return super().message_new(msg_dict, custom_values=custom_values)

    @api.model
    def _crm_digital_limit_problems(self, vals):
        """The problems (lazy translations) of the values ``vals`` would write."""
        problems = []
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or not value:
                continue
            label = _FieldLabel(field, self.env)
            if field.type == "char":
                problem = text_problem(name, label, value)
            elif field.type in ("float", "monetary"):
                problem = amount_problem(name, label, value)
            elif field.type in CONVERTERS:
                try:
                    problem = date_problem(label, CONVERTERS[field.type](value))
                except (ValueError, TypeError, OverflowError):
                    problem = date_range_error(label)
            else:
                continue
            if problem:
                problems.append(problem)
        return problems

    @api.model
    def _crm_digital_check_limits(self, vals):
        problems = self._crm_digital_limit_problems(vals)
        if problems:
            raise ValidationError(
                "\n".join(self.env._(problem) for problem in problems)  # pylint: disable=translation-required
            )
