# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Leads given to salespeople by the consultant's assignment rules: in their
values before they are created when the values tell, after it for those only
the stored lead can tell, and on demand. Which rule and which member is the
engine's (engine/assignment.py); this gathers the facts and writes the result."""

from collections import defaultdict

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.tools import SQL

from ..engine.assignment import (
    FACT_FIELDS,
    LeadFacts,
    choose_members,
    first_matching_rules,
)
from .crm_digital_assignment_rule import STRATEGIES

# Leads listed by name in an owner's notification; the rest are counted.
MAX_LISTED = 20


# Apart from crm_lead.py: assignment is a concern of its own, called by its
# create().
# pylint: disable=consider-merging-classes-inherited
class CrmLead(models.Model):
    _inherit = "crm.lead"

    assignment_rule_id = fields.Many2one(
        "crm.digital.assignment.rule",
        "Assigned by Rule",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    assignment_strategy = fields.Selection(STRATEGIES, readonly=True, copy=False)
    assignment_date = fields.Datetime("Assigned on", readonly=True, copy=False)

    @api.model
    def _crm_digital_assign_before(self, vals_list):
        """Assign by the rules the leads about to be created that they can
        judge by their values: no second write, and no "salesperson changed"
        line on each. A user who may not see every lead creates them as they
        are, for the record rules to judge what the user wrote, and the rules
        assign them afterwards. Return (proposals, indexes left for after)."""
        if self.env.context.get("crm_digital_no_assign"):
            return [], []
        if self.env.su or self.env.user.has_group(
            "sales_team.group_sale_salesman_all_leads"
        ):
            return self._crm_digital_assign_values(vals_list)
        return [], range(len(vals_list))

    @api.model
    def _crm_digital_assign_after(self, leads, proposals, undecided):
        for proposal in proposals:
            proposal["lead"] = leads[proposal.pop("key")].sudo()
        self.sudo()._crm_digital_announce(proposals)
        leads.browse([leads[index].id for index in undecided]).filtered(
            lambda lead: not lead.user_id
        )._crm_digital_assign_new()

    def _crm_digital_assign_new(self):
        """New leads without a salesperson go by the rules at once, when the
        company assigns on creation."""
        for company, leads in self.grouped("company_id").items():
            if (company or self.env.company).crm_digital_assign_on_create:
                leads.sudo()._crm_digital_assign()

    @api.model
    def _crm_digital_assign_values(self, vals_list):
        """Assign in their values the leads about to be created without a
        salesperson. Return the proposals (`key`: index of the values) and the
        indexes of the values only the created lead can be judged on: those
        with a customer, whose address comes from it, and those a rule's free
        domain must judge."""
        # The caller's defaults: sudo() would drop those of the context.
        defaults = self.default_get(["user_id", "team_id", "type", *FACT_FIELDS])
        system = self.sudo()
        candidates, undecided, companies = {}, [], {}
        for index, vals in enumerate(vals_list):
            vals = {**defaults, **vals}
            if vals.get("user_id"):
                continue
            key = (vals.get("company_id"), vals.get("team_id"))
            if key not in companies:
                companies[key] = self._crm_digital_values_company(vals)
            company = companies[key]
            if not company.crm_digital_assign_on_create:
                continue
            if vals.get("partner_id"):
                undecided.append(index)
            else:
                candidates[index] = vals
        if not candidates:
            return [], undecided
        rules = system._crm_digital_rules(companies.values())
        taken = first_matching_rules(
            [rule._conditions() for rule in rules],
            [self._crm_digital_values_facts(i, vals) for i, vals in candidates.items()],
        )
        undecided += [index for index, rule_id in taken.items() if rule_id is None]
        proposals = system._crm_digital_propose(
            rules, {key: rule_id for key, rule_id in taken.items() if rule_id}
        )
        default_teams = {}
        now = fields.Datetime.now()
        for proposal in proposals:
            vals = candidates[proposal["key"]]
            team = proposal["team"] or system._crm_digital_team_for(
                system.env["crm.team"].browse(vals.get("team_id")),
                vals.get("type"),
                proposal["user"],
                default_teams,
            )
            vals_list[proposal["key"]].update(
                user_id=proposal["user"].id,
                team_id=team.id,
                assignment_rule_id=proposal["rule"].id,
                assignment_strategy=proposal["strategy"],
                assignment_date=now,
            )
        return proposals, undecided

    @api.model
    def _crm_digital_values_company(self, vals):
        if vals.get("company_id"):
            return self.env["res.company"].browse(vals["company_id"])
        team = self.env["crm.team"].browse(vals.get("team_id"))
        return team.company_id or self.env.company

    @api.model
    def _crm_digital_values_facts(self, key, vals):
        return LeadFacts.from_values(
            key, {**vals, "tag_ids": self._crm_digital_tag_ids(vals.get("tag_ids"))}
        )

    @api.model
    def _crm_digital_tag_ids(self, commands):
        """The ids of existing tags that create() commands link."""
        tags = set()
        for command in commands or ():
            if isinstance(command, int):
                tags.add(command)
            elif command[0] == Command.LINK:
                tags.add(command[1])
            elif command[0] == Command.SET:
                tags = set(command[2])
        return frozenset(tags)

    @api.model
    def _crm_digital_rules(self, companies):
        # A lead without company (no team, no salesperson yet) belongs to the
        # current company as far as rules go.
        company_ids = {company.id for company in companies} | {self.env.company.id}
        return self.env["crm.digital.assignment.rule"].search(
            [("company_id", "in", [*company_ids, False])]
        )

    @api.model
    def _crm_digital_propose(self, rules, taken, dry_run=False):
        """Who gets each lead of `taken` ({key: rule id}): one dict per lead
        its rule finds someone for, with key, rule, strategy, team and user."""
        by_rule = defaultdict(list)
        for key, rule_id in taken.items():
            by_rule[rule_id].append(key)
        proposals = []
        for rule in rules.filtered(lambda r: r.id in by_rule):
            keys = by_rule[rule.id]
            pool = rule._pool(len(keys), dry_run=dry_run)
            if not pool.member_ids:
                continue
            users = choose_members(rule.strategy, pool, len(keys))
            members = {user.id: user for user in self.env["res.users"].browse(users)}
            team, strategy = rule.team_id, rule.strategy
            proposals += [
                {
                    "key": key,
                    "rule": rule,
                    "strategy": strategy,
                    "team": team,
                    "user": members[user_id],
                }
                for key, user_id in zip(keys, users, strict=True)
            ]
        return proposals

    def _crm_digital_assign(self, dry_run=False):
        """Give the leads without a salesperson to whoever the first matching rule
        says. Return one dict per lead a rule takes: lead, rule, strategy, team,
        user. A dry run changes nothing (and takes no round-robin turn)."""
        leads = (
            self.filtered(lambda lead: not lead.user_id)
            if dry_run
            else self._crm_digital_lock_unassigned()
        )
        if not leads:
            return []
        rules = self._crm_digital_rules(leads.company_id)
        taken = first_matching_rules(
            [rule._conditions(leads.ids) for rule in rules], leads._crm_digital_facts()
        )
        proposals = self._crm_digital_propose(rules, taken, dry_run=dry_run)
        for proposal in proposals:
            proposal["lead"] = self.browse(proposal.pop("key"))
        if not dry_run:
            self._crm_digital_apply(proposals)
        return proposals

    def _crm_digital_lock_unassigned(self):
        # Leads another worker is assigning are skipped (it assigns them); a
        # lead it has just assigned makes this transaction retry, and the retry
        # finds it assigned. So a lead is never given twice.
        if not self.ids:
            return self
        self.flush_recordset(["user_id"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM crm_lead WHERE id IN %s AND user_id IS NULL "
                "ORDER BY id FOR UPDATE SKIP LOCKED",
                tuple(self.ids),
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    def _crm_digital_facts(self):
        return [
            LeadFacts.from_values(values["id"], values)
            for values in self.read(list(FACT_FIELDS), load=None)
        ]

    def _crm_digital_apply(self, proposals):
        groups = defaultdict(list)
        default_teams = {}
        for proposal in proposals:
            lead, user = proposal["lead"], proposal["user"]
            team = proposal["team"] or self._crm_digital_team_for(
                lead.team_id, lead.type, user, default_teams
            )
            groups[(proposal["rule"], user, team)].append(lead.id)
        now = fields.Datetime.now()
        # Stock notifies each lead's new owner one by one; ours tells each
        # owner once per batch, so an import of thousands sends a few messages.
        writer = self._crm_digital_owner().with_context(
            mail_auto_subscribe_no_notify=True
        )
        for (rule, user, team), lead_ids in groups.items():
            writer.browse(lead_ids).write(
                {
                    "user_id": user.id,
                    "team_id": team.id,
                    "assignment_rule_id": rule.id,
                    "assignment_strategy": rule.strategy,
                    "assignment_date": now,
                }
            )
        self._crm_digital_announce(proposals)

    def _crm_digital_announce(self, proposals):
        # A lead import tells each owner once, at its end, not per batch.
        if self.env.context.get("crm_digital_announce_later"):
            return
        notify = self.env.company.crm_digital_assignment_notify
        if notify in ("notification", "both"):
            self._crm_digital_notify_owners(proposals)
        if notify in ("activity", "both"):
            self._crm_digital_assignment_activities(proposals)

    @api.model
    def _crm_digital_team_for(self, team, lead_type, user, default_teams):
        """The team stock would give a lead of `team` and `lead_type` for
        `user` (keep a team the user belongs to, else the user's default team),
        looked up once per user and lead type instead of once per lead."""
        if user in team.member_ids | team.user_id:
            return team
        key = (user, lead_type)
        if key not in default_teams:
            use = "use_leads" if lead_type == "lead" else "use_opportunities"
            default_teams[key] = self.env["crm.team"]._get_default_team_id(
                user_id=user.id, domain=[(use, "=", True)]
            )
        return default_teams[key]

    def _crm_digital_notify_owners(self, proposals):
        by_user = defaultdict(lambda: self.browse())
        for proposal in proposals:
            by_user[proposal["user"]] |= proposal["lead"]
        for user, leads in by_user.items():
            thread = leads if len(leads) == 1 else self.env["mail.thread"]
            links = Markup("").join(
                Markup('<li><a href="/odoo/crm.lead/%s">%s</a></li>')
                % (lead.id, lead.name)
                for lead in leads[:MAX_LISTED]
            )
            more = len(leads) - MAX_LISTED
            body = Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._(
                    "The assignment rules gave you %(count)s new lead(s):",
                    count=len(leads),
                ),
                links,
            )
            if more > 0:
                body += Markup("<p>%s</p>") % self.env._(
                    "… and %(count)s more.", count=more
                )
            thread.message_notify(
                partner_ids=user.partner_id.ids,
                subject=self.env._("New leads for you"),
                body=body,
                email_layout_xmlid="mail.mail_notification_light",
            )

    def _crm_digital_assignment_activities(self, proposals):
        todo = self.env.ref("mail.mail_activity_data_todo")
        model = self.env["ir.model"]._get_id("crm.lead")
        # The activity itself is the owner's notice: no e-mail for each one.
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model,
                    "res_id": proposal["lead"].id,
                    "activity_type_id": todo.id,
                    "summary": self.env._("New lead: contact them"),
                    "user_id": proposal["user"].id,
                    "date_deadline": fields.Date.context_today(self),
                }
                for proposal in proposals
            ]
        )

    def action_crm_digital_assign_preview(self):
        wizard = self.env["crm.digital.assignment.preview"].create(
            {"lead_ids": [Command.set(self.ids)]}
        )
        return wizard._action_open()
