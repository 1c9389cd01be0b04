# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup
from stdnum.es import nif

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..engine.assignment import LeadFacts, choose_members, first_matching_rules
from .crm_digital_assignment_rule import STRATEGIES

# Leads listed by name in an owner's notification; the rest are counted.
MAX_LISTED = 20


def normalize_vat(value):
    """Spanish tax ids as Odoo stores VAT numbers (ES + compact number);
    anything else compacted, for the constraint to judge."""
    if not value:
        return value
    compact = nif.compact(value)
    return f"ES{compact}" if nif.is_valid(compact) else value.strip().upper()


class CrmLead(models.Model):
    _inherit = "crm.lead"

    vat = fields.Char(
        "Tax ID",
        compute="_compute_identity",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="Spanish NIF, CIF or NIE (checked), or a foreign VAT number. "
        "It goes to the customer on conversion.",
    )
    industry_id = fields.Many2one(
        "res.partner.industry",
        "Sector",
        compute="_compute_identity",
        store=True,
        readonly=False,
        help="Activity of the company (CNAE / NACE section).",
    )
    employee_band_id = fields.Many2one(
        "crm.digital.employee.band",
        "Employees",
        compute="_compute_identity",
        store=True,
        readonly=False,
        help="Number of employees of the company (Kit Digital segments).",
    )
    assignment_rule_id = fields.Many2one(
        "crm.digital.assignment.rule",
        "Assigned by Rule",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    assignment_strategy = fields.Selection(STRATEGIES, readonly=True, copy=False)
    assignment_date = fields.Datetime("Assigned on", readonly=True, copy=False)
    import_id = fields.Many2one(
        "crm.digital.lead.import",
        "Imported from",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    # Identity of the file row the lead came from: a re-run skips it.
    import_key = fields.Char(readonly=True, copy=False, index="btree_not_null")
    import_duplicate = fields.Boolean(
        "Possible Duplicate",
        copy=False,
        help="Imported although its email, phone, tax ID or company matched "
        "another lead or customer.",
    )

    @api.depends("partner_id")
    def _compute_identity(self):
        for lead in self:
            company = lead.partner_id.commercial_partner_id
            lead.vat = lead.vat or company.vat
            lead.industry_id = lead.industry_id or company.industry_id
            lead.employee_band_id = lead.employee_band_id or company.employee_band_id

    def _compute_stage_id(self):
        # Stock looks the first stage up lead by lead; leads of one team share
        # it, which matters when thousands are created at once.
        first_stages = {}
        for lead in self.filtered(lambda lead: not lead.stage_id):
            if lead.team_id not in first_stages:
                first_stages[lead.team_id] = lead._stage_find(
                    domain=[("fold", "=", False)]
                )
            lead.stage_id = first_stages[lead.team_id]

    @api.constrains("vat", "country_id")
    def _check_vat(self):
        spain = self.env.ref("base.es")
        for lead in self.filtered("vat"):
            foreign = lead.vat[:2].isalpha() and not lead.vat.startswith("ES")
            if foreign or lead.country_id not in (spain, self.env["res.country"]):
                continue
            if not nif.is_valid(lead.vat):
                raise ValidationError(
                    self.env._(
                        "%(vat)s is not a valid Spanish NIF, CIF or NIE (lead "
                        "%(lead)s): check its digits and control letter.",
                        vat=lead.vat,
                        lead=lead.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("vat"):
                vals["vat"] = normalize_vat(vals["vat"])
        leads = super().create(vals_list)
        if not self.env.context.get("crm_digital_no_assign"):
            leads.filtered(lambda lead: not lead.user_id)._crm_digital_assign_new()
        return leads

    def write(self, vals):
        if vals.get("vat"):
            vals["vat"] = normalize_vat(vals["vat"])
        return super().write(vals)

    def _prepare_customer_values(self, partner_name, is_company=False, parent_id=False):
        values = super()._prepare_customer_values(
            partner_name, is_company=is_company, parent_id=parent_id
        )
        # Identity belongs to the company; a lone contact is their own company.
        if is_company or not parent_id:
            values.update(
                vat=self.vat,
                industry_id=self.industry_id.id,
                employee_band_id=self.employee_band_id.id,
            )
        return values

    # Assignment ----------------------------------------------------------------

    def _crm_digital_assign_new(self):
        """New leads without a salesperson go by the rules at once, when the
        company assigns on creation."""
        for company, leads in self.grouped("company_id").items():
            if (company or self.env.company).crm_digital_assign_on_create:
                leads.sudo()._crm_digital_assign()

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
        # A lead without company (no team, no salesperson yet) belongs to the
        # current company as far as rules go.
        companies = leads.company_id | self.env.company
        rules = self.env["crm.digital.assignment.rule"].search(
            [("company_id", "in", [*companies.ids, False])]
        )
        taken = first_matching_rules(
            [rule._conditions(leads.ids) for rule in rules], leads._crm_digital_facts()
        )
        by_rule = defaultdict(list)
        for lead in leads:
            if lead.id in taken:
                by_rule[taken[lead.id]].append(lead)
        proposals = []
        for rule in rules.filtered(lambda r: r.id in by_rule):
            rule_leads = by_rule[rule.id]
            pool = rule._pool(len(rule_leads), dry_run=dry_run)
            if not pool.member_ids:
                continue
            users = choose_members(rule.strategy, pool, len(rule_leads))
            proposals += [
                {
                    "lead": lead,
                    "rule": rule,
                    "strategy": rule.strategy,
                    "team": rule.team_id,
                    "user": self.env["res.users"].browse(user_id),
                }
                for lead, user_id in zip(rule_leads, users, strict=True)
            ]
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
        self.fetch(
            [
                "source_id",
                "medium_id",
                "campaign_id",
                "country_id",
                "state_id",
                "industry_id",
                "employee_band_id",
                "lang_id",
                "tag_ids",
                "zip",
                "expected_revenue",
            ]
        )
        return [
            LeadFacts(
                id=lead.id,
                source_id=lead.source_id.id,
                medium_id=lead.medium_id.id,
                campaign_id=lead.campaign_id.id,
                country_id=lead.country_id.id,
                state_id=lead.state_id.id,
                industry_id=lead.industry_id.id,
                employee_band_id=lead.employee_band_id.id,
                lang_id=lead.lang_id.id,
                tag_ids=frozenset(lead.tag_ids.ids),
                zip=lead.zip or "",
                expected_revenue=lead.expected_revenue,
            )
            for lead in self
        ]

    def _crm_digital_apply(self, proposals):
        groups = defaultdict(list)
        default_teams = {}
        for proposal in proposals:
            lead, user = proposal["lead"], proposal["user"]
            team = proposal["team"] or lead._crm_digital_team_for(user, default_teams)
            groups[(proposal["rule"], user, team)].append(lead.id)
        now = fields.Datetime.now()
        # Stock notifies each lead's new owner one by one; ours tells each
        # owner once per batch, so an import of thousands sends a few messages.
        writer = self.with_context(mail_auto_subscribe_no_notify=True)
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
        notify = self.env.company.crm_digital_assignment_notify
        if notify in ("notification", "both"):
            self._crm_digital_notify_owners(proposals)
        if notify in ("activity", "both"):
            self._crm_digital_assignment_activities(proposals)

    def _crm_digital_team_for(self, user, default_teams):
        """The team stock would give the lead for `user` (keep a team the user
        belongs to, else the user's default team), looked up once per user and
        lead type instead of once per lead."""
        if user in self.team_id.member_ids | self.team_id.user_id:
            return self.team_id
        key = (user, self.type)
        if key not in default_teams:
            use = "use_leads" if self.type == "lead" else "use_opportunities"
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
