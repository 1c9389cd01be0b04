# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields, models

from .base_automation import BATCH


class IrActionsServer(models.Model):
    _inherit = "ir.actions.server"

    def run(self):
        """A task rule's action run by its automation joins the batch the
        automation plans at once (see base.automation._process), after stock's
        access check: stock would build its evaluation context for each
        record. An action restricted to groups runs as stock runs it."""
        batch = self.env.context.get(BATCH)
        if (
            batch is None
            or len(self) != 1
            or self.sudo().groups_id
            or not self._crm_digital_task_rule()
        ):
            return super().run()
        ids = self._context.get("active_ids") or [self._context.get("active_id")]
        model = self._context.get("active_model") or self.sudo().model_name
        records = self.env[model].browse(ids)
        records.check_access("write")
        if self.activity_type_id and not self._is_recompute():
            batch.append((self, model, records.ids))
        return False

    def _run_action_next_activity(self, eval_context=None):
        """A task rule's activity is titled in the language of the person it
        is for, whoever runs the rule: stock copies one untranslated title,
        and the scheduled action runs as the superuser, in English."""
        rule = self._crm_digital_task_rule()
        if not rule or not self.activity_type_id or self._is_recompute():
            return super()._run_action_next_activity(eval_context)
        ids = self._context.get("active_ids", self._context.get("active_id"))
        if not ids:
            return False
        ids = [ids] if isinstance(ids, int) else ids
        values = {
            "note": self.activity_note or "",
            "activity_type_id": self.activity_type_id.id,
        }
        if self.activity_date_deadline_range > 0:
            unit = self.activity_date_deadline_range_type or "days"
            values["date_deadline"] = fields.Date.context_today(self) + relativedelta(
                **{unit: self.activity_date_deadline_range}
            )
        # The task shows in its assignee's activities (and counter) at once:
        # not also an e-mail per task, which a rule run on a thousand leads
        # would multiply.
        records = (
            self.env[self._context.get("active_model") or self.model_name]
            .browse(ids)
            .with_context(mail_activity_quick_update=True)
        )
        for user, group in records.grouped(self._crm_digital_assignee).items():
            translated = rule.with_context(lang=(user or self.env.user).lang)
            group.activity_schedule(
                summary=translated.summary or translated.name,
                **values,
                **({"user_id": user.id} if user else {}),
            )
        return False

    def _crm_digital_assignee(self, record):
        """Whom stock gives the activity of ``record`` (none: the user running)."""
        if self.activity_user_type == "specific":
            return self.activity_user_id
        if self.activity_user_field_name in record:
            return record[self.activity_user_field_name]
        return self.env["res.users"]

    def _crm_digital_task_rule(self):
        Rule = self.env["crm.digital.task.rule"]
        rule_id = Rule._by_automation().get(self.base_automation_id.id)
        return Rule.sudo().browse(rule_id or [])
