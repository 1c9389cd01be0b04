# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models, tools
from odoo.exceptions import ValidationError

TRIGGERS = [
    ("create", "A lead is created"),
    ("assign", "A salesperson is assigned"),
    ("stage", "An opportunity enters a stage"),
    ("inactive", "Days without a done activity"),
    ("stuck", "Days in the same stage"),
    ("quotation_sent", "A quotation is sent"),
    ("quotation_expiring", "Days before a quotation expires"),
    ("renewal", "Days before a recurring service renews"),
]
# Triggers whose activity goes on the quotation or order, not the opportunity.
ORDER_TRIGGERS = ("quotation_sent", "quotation_expiring", "renewal")
TIMED_TRIGGERS = ("inactive", "stuck", "quotation_expiring", "renewal")


class CrmDigitalTaskRule(models.Model):
    """A commercial task created automatically: the consultant picks when and
    what; the rule keeps an automated action (base_automation) that does it."""

    _name = "crm.digital.task.rule"
    _description = "Task Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    trigger = fields.Selection(TRIGGERS, "When", required=True, default="assign")
    stage_id = fields.Many2one(
        "crm.stage",
        help="The stage entered; for days in the same stage, the stage it is in "
        "(empty: any).",
    )
    days = fields.Integer(
        help="Days without a done activity, in the stage, before the quotation "
        "expires or before the service renews.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        "Activity",
        required=True,
        default=lambda self: self.env.ref(
            "mail.mail_activity_data_todo", raise_if_not_found=False
        ),
    )
    summary = fields.Char(translate=True)
    deadline_days = fields.Integer(
        "Due in (Days)", help="Days from the moment the task is created."
    )
    assignee = fields.Selection(
        [
            ("salesperson", "The salesperson"),
            ("team_leader", "The team leader"),
            ("user", "A named user"),
        ],
        required=True,
        default="salesperson",
    )
    user_id = fields.Many2one("res.users", "Named User", domain=[("share", "=", False)])
    automation_id = fields.Many2one(
        "base.automation", readonly=True, ondelete="set null", copy=False
    )

    @api.constrains("trigger", "stage_id", "days", "assignee", "user_id")
    def _check_settings(self):
        for rule in self:
            if rule.trigger == "stage" and not rule.stage_id:
                raise ValidationError(
                    self.env._("Task rule %s: choose the stage.", rule.name)
                )
            if rule.trigger in TIMED_TRIGGERS and rule.days <= 0:
                raise ValidationError(
                    self.env._("Task rule %s: give a number of days.", rule.name)
                )
            if rule.assignee == "user" and not rule.user_id:
                raise ValidationError(
                    self.env._("Task rule %s: choose the user.", rule.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        rules._sync_automation()
        self.env.registry.clear_cache()  # _by_automation
        return rules

    def write(self, vals):
        result = super().write(vals)
        self._sync_automation()
        return result

    def unlink(self):
        automations = self.automation_id
        result = super().unlink()
        automations.sudo().unlink()
        self.env.registry.clear_cache()  # _by_automation
        return result

    @api.model
    @tools.ormcache()
    def _by_automation(self):
        """{automated action id: task rule id}: the action of a rule looks
        its rule up each time it runs, once per lead."""
        rules = (
            self.sudo()
            .with_context(active_test=False)
            .search_read([("automation_id", "!=", False)], ["automation_id"], load=None)
        )
        return {rule["automation_id"]: rule["id"] for rule in rules}

    def _sync_automation(self):
        for rule in self:
            values = rule._automation_values()
            automation = rule.automation_id.sudo()
            if automation:
                action = automation.action_server_ids[:1]
                automation.write(values)
                action.write(rule._action_values())
            else:
                values["action_server_ids"] = [Command.create(rule._action_values())]
                rule.automation_id = self.env["base.automation"].sudo().create(values)

    def _model(self):
        return "sale.order" if self.trigger in ORDER_TRIGGERS else "crm.lead"

    def _field(self, name):
        return self.env["ir.model.fields"]._get(self._model(), name)

    def _automation_values(self):
        model = self._model()
        values = {
            "name": self.name,
            "active": self.active,
            "model_id": self.env["ir.model"]._get_id(model),
            "trg_date_range_type": "day",
        }
        match self.trigger:
            case "create":
                values["trigger"] = "on_create"
            case "assign":
                values["trigger"] = "on_user_set"
            case "stage":
                values.update(trigger="on_stage_set", trg_field_ref=self.stage_id.id)
            case "inactive":
                values.update(
                    trigger="on_time",
                    trg_date_id=self._field("crm_digital_last_activity_date").id,
                    trg_date_range=self.days,
                    filter_domain="[('crm_digital_outcome', '=', 'open')]",
                )
            case "stuck":
                domain = [
                    ("type", "=", "opportunity"),
                    ("crm_digital_outcome", "=", "open"),
                ]
                if self.stage_id:
                    domain.append(("stage_id", "=", self.stage_id.id))
                values.update(
                    trigger="on_time",
                    trg_date_id=self._field("crm_digital_stage_date").id,
                    trg_date_range=self.days,
                    filter_domain=repr(domain),
                )
            case "quotation_sent":
                values.update(
                    trigger="on_state_set",
                    trg_selection_field_id=self.env["ir.model.fields.selection"]
                    .search(
                        [
                            ("field_id", "=", self._field("state").id),
                            ("value", "=", "sent"),
                        ]
                    )
                    .id,
                )
            case "quotation_expiring":
                values.update(
                    trigger="on_time",
                    trg_date_id=self._field("validity_date").id,
                    trg_date_range=-self.days,
                    filter_domain="[('state', 'in', ('draft', 'sent'))]",
                )
            case "renewal":
                values.update(
                    trigger="on_time",
                    trg_date_id=self._field("crm_digital_renewal_date").id,
                    trg_date_range=-self.days,
                    filter_domain="[('state', '=', 'sale')]",
                )
        return values

    def _action_values(self):
        user_field = {
            "salesperson": "user_id",
            "team_leader": "crm_digital_team_leader_id",
        }.get(self.assignee)
        return {
            "name": self.name,
            "model_id": self.env["ir.model"]._get_id(self._model()),
            "state": "next_activity",
            "activity_type_id": self.activity_type_id.id,
            "activity_summary": self.summary or self.name,
            "activity_date_deadline_range": self.deadline_days,
            "activity_date_deadline_range_type": "days",
            "activity_user_type": "generic" if user_field else "specific",
            "activity_user_field_name": user_field or False,
            "activity_user_id": self.user_id.id if not user_field else False,
        }
