# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast

from odoo import api, models, tools

from odoo.addons.base_automation.models import base_automation as stock

# Context key: the activities a task rule's action is to plan, gathered while
# stock runs the action record by record.
BATCH = "crm_digital_activity_batch"
# A condition that needs stock's evaluation context.
EVALUATED = "evaluated"
# Context key: the records are being created, and stock's create hook runs
# their creation triggers once create() returns: computing their fields need
# not run those triggers too.
CREATED = "crm_digital_created"
# The triggers a stored field computed on records being created still runs.
WRITE_TRIGGERS = tuple(stock.WRITE_TRIGGERS)
WRITE_ONLY_TRIGGERS = tuple(
    sorted(set(stock.WRITE_TRIGGERS) - set(stock.CREATE_TRIGGERS))
)


class BaseAutomation(models.Model):
    _inherit = "base.automation"

    def _get_actions(self, records, triggers):
        """Stock's, without its query: stock searches the automations of a
        model on every create and write of its records, and on each stored
        field it computes, once a model has any (the task rules give crm.lead
        some): hundreds of queries when leads are converted or assigned."""
        if "__action_done" not in self.env.context:
            self = self.with_context(__action_done={})
        return self.browse(
            self._crm_digital_automation_ids(records._name, tuple(triggers))
        )

    @tools.ormcache("model_name", "triggers")
    def _crm_digital_automation_ids(self, model_name, triggers):
        return tuple(
            self.with_context(active_test=True)
            .sudo()
            .search([("model_name", "=", model_name), ("trigger", "in", triggers)])
            .ids
        )

    def _check_trigger_fields(self, record):
        # On creation every field counts as changed: stock reads the watched
        # fields before it looks.
        if self._context.get("old_values") is None:
            return True
        return super()._check_trigger_fields(record)

    def _filter_pre(self, records, feedback=False):
        domain = self._crm_digital_domains(self.id)[0]
        if domain is EVALUATED:
            return super()._filter_pre(records, feedback)
        return self._crm_digital_filter(records, domain, feedback)

    def _filter_post_export_domain(self, records, feedback=False):
        domain = self._crm_digital_domains(self.id)[1]
        if domain is EVALUATED:
            return super()._filter_post_export_domain(records, feedback)
        return self._crm_digital_filter(records, domain, feedback), domain

    def _crm_digital_filter(self, records, domain, feedback):
        """Stock's filtering by a domain, without its evaluation context."""
        if not domain or not records:
            return records
        if feedback:
            records = records.with_context(__action_feedback=True)
        return records.sudo().filtered_domain(domain).with_env(records.env)

    @api.model
    @tools.ormcache("automation_id")
    def _crm_digital_domains(self, automation_id):
        """The pre and post conditions of an automation, read once: a domain
        of plain values (most are: stock writes them for the triggers "stage
        is set", "user is set"...), None when there is none, or EVALUATED
        when it needs its evaluation context (uid, time...), as stock does."""
        automation = self.sudo().browse(automation_id)
        domains = []
        for text in (automation.filter_pre_domain, automation.filter_domain):
            try:
                domains.append(ast.literal_eval(text) if text else None)
            except (ValueError, SyntaxError):
                domains.append(EVALUATED)
        return tuple(domains)

    def _process(self, records, domain_post=None):
        """A task rule plans the activities of all the records at once, where
        stock runs its action once per record: one creation, and one
        subscription of each assignee, instead of one per lead."""
        # Stock processes the automations of a model each time one of its
        # stored fields is computed: most calls have nothing to do, and go
        # straight through.
        if (
            BATCH in self.env.context
            or not records
            or self.id not in self.env["crm.digital.task.rule"]._by_automation()
            or not records.filtered(self._check_trigger_fields)
        ):
            return super()._process(records, domain_post)
        # On the automation only: an automation that the records' writes
        # trigger in turn runs on its own.
        batch = []
        result = super(BaseAutomation, self.with_context(**{BATCH: batch}))._process(
            records, domain_post
        )
        by_action = {}
        for action, model, ids in batch:
            by_action.setdefault((action, model), []).extend(ids)
        for (action, model), ids in by_action.items():
            action.with_context(
                active_model=model,
                active_ids=ids,
                active_id=ids[0],
                **{BATCH: None},
            )._run_action_next_activity()
        return result

    def _register_hook(self):
        """Stock runs every write-triggered automation of a model, with its
        conditions, on each write of its records and each time one of their
        stored fields is computed: some forty times for a new lead once the
        task rules give crm.lead two. Only an automation that watches no field,
        or one of the fields written or computed, can run there (stock's
        _check_trigger_fields): the others are skipped before their conditions
        are evaluated."""
        result = super()._register_hook()
        for model_class in self.env.registry.values():
            for name, (changed, triggers) in WATCHED_HOOKS.items():
                hook = model_class.__dict__.get(name)
                if hook is not None and hasattr(hook, "origin"):
                    setattr(model_class, name, _watched(hook, changed, triggers))
        return result

    @tools.ormcache("model_name", "fnames", "triggers")
    def _crm_digital_watches(self, model_name, fnames, triggers):
        automations = self.browse(
            self._crm_digital_automation_ids(model_name, triggers)
        ).sudo()
        return any(
            not automation.trigger_field_ids
            or fnames & set(automation.trigger_field_ids.mapped("name"))
            for automation in automations
        )

    def write(self, vals):
        result = super().write(vals)
        # The watched fields and the conditions follow most fields, which are
        # not among stock's critical ones (see _update_registry); the time
        # triggers' cron writes only when it last ran.
        if vals.keys() - {"last_run"}:
            self.env.registry.clear_cache()  # _crm_digital_watches, _domains
        return result

    def _update_registry(self):
        # Every change of a model, trigger or active flag comes here: the cache
        # goes, in every worker (the registry signals it).
        self.env.registry.clear_cache()
        return super()._update_registry()


def _watched(hook, changed, triggers):
    """Stock's hook `hook`, run only when an automation of the `triggers` for
    the call watches one of the fields `changed` gives for it."""

    def watched(self, *args, **kwargs):
        fnames = changed(self, *args)
        if fnames and not self.env["base.automation"]._crm_digital_watches(
            self._name, fnames, triggers(self)
        ):
            return hook.origin(self, *args, **kwargs)
        return hook(self, *args, **kwargs)

    watched.origin = hook.origin
    return watched


# Stock's hooks of a model's methods: the fields each call changes, and the
# triggers it runs.
WATCHED_HOOKS = {
    "write": (lambda records, vals: frozenset(vals), lambda records: WRITE_TRIGGERS),
    "_compute_field_value": (
        lambda records, field: frozenset(
            computed.name
            for computed in records.pool.field_computed[field]
            if computed.store
        ),
        lambda records: (
            WRITE_ONLY_TRIGGERS if records.env.context.get(CREATED) else WRITE_TRIGGERS
        ),
    ),
}
