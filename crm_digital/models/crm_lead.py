# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup
from stdnum.es import nif

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from ..engine.assignment import LeadFacts, choose_members, first_matching_rules
from .crm_digital_assignment_rule import STRATEGIES

# Changes of a lead that can change its customer's commercial stage.
LIFECYCLE_FIELDS = {"partner_id", "type", "stage_id", "active", "probability"}
# Leads listed by name in an owner's notification; the rest are counted.
MAX_LISTED = 20
# What assignment rules look at (LeadFacts): many2ones, then the rest.
FACT_FIELDS = [
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

    crm_digital_team_leader_id = fields.Many2one(
        related="team_id.user_id", string="Team Leader"
    )
    crm_digital_last_activity_date = fields.Datetime(
        "Last Activity Done",
        default=fields.Datetime.now,
        readonly=True,
        copy=False,
        help="When an activity was last marked done (or the lead created): task "
        "rules count the days without activity from it.",
    )
    crm_digital_stage_history_ids = fields.One2many(
        "crm.digital.stage.history", "lead_id", "Stage History", readonly=True
    )
    # Stock's date_last_stage_update can be written by anyone: stuck
    # opportunities and task rules count from this one, which moves with the
    # stage history (_crm_digital_log_stages) and no user writes.
    crm_digital_stage_date = fields.Datetime(
        "In Stage Since",
        # The transaction's time, as the stage history's.
        default=lambda self: self.env.cr.now(),
        readonly=True,
        copy=False,
        index=True,
        help="When the lead entered its current stage, as the stage history has it.",
    )
    crm_digital_outcome = fields.Selection(
        [("open", "Open"), ("won", "Won"), ("cancelled", "Cancelled")],
        "Outcome",
        compute="_compute_crm_digital_outcome",
        store=True,
        index=True,
        help="Cancelled: marked as lost (stock archives it), with its reason.",
    )
    crm_digital_days_in_stage = fields.Integer(
        "Days in Stage",
        compute="_compute_crm_digital_stuck",
        help="Whole days since the opportunity entered its stage, as its stage "
        "history has it.",
    )
    # The stage bar's figures: the current stay in the current stage, all
    # stays in each earlier one, from the stage history (not stock's
    # tracking messages, which imports and integrations do not write).
    crm_digital_stage_seconds = fields.Json(
        "Time in Each Stage", compute="_compute_crm_digital_stage_seconds"
    )
    crm_digital_stuck = fields.Boolean(
        "Stuck",
        compute="_compute_crm_digital_stuck",
        search="_search_crm_digital_stuck",
        help="Open opportunity that has stayed in its stage longer than the "
        "stage allows.",
    )

    @api.depends("active", "probability", "stage_id.is_won")
    def _compute_crm_digital_outcome(self):
        for lead in self:
            # Stock's "lost": archived at probability 0, in the stage it had.
            if not lead.active and not lead.probability:
                lead.crm_digital_outcome = "cancelled"
            elif lead.stage_id.is_won:
                lead.crm_digital_outcome = "won"
            else:
                lead.crm_digital_outcome = "open"

    @api.depends(
        "crm_digital_stage_date",
        "stage_id.crm_digital_stuck_days",
        "crm_digital_outcome",
        "type",
    )
    def _compute_crm_digital_stuck(self):
        now = fields.Datetime.now()
        for lead in self:
            since = lead.crm_digital_stage_date or lead.create_date or now
            limit = lead.stage_id.crm_digital_stuck_days
            lead.crm_digital_days_in_stage = (now - since).days
            lead.crm_digital_stuck = bool(
                limit
                and lead.type == "opportunity"
                and lead.crm_digital_outcome == "open"
                and since < now - timedelta(days=limit)
            )

    @api.depends("stage_id", "crm_digital_stage_date")
    def _compute_crm_digital_stage_seconds(self):
        now = fields.Datetime.now()
        stays = self.env["crm.digital.stage.history"].search_fetch(
            [("lead_id", "in", self._origin.ids)],
            ["lead_id", "stage_id", "date_entered", "date_left"],
        )
        seconds = defaultdict(lambda: defaultdict(int))
        for stay in stays:
            if stay.date_left:
                spent = (stay.date_left - stay.date_entered).total_seconds()
                seconds[stay.lead_id.id][stay.stage_id.id] += int(spent)
        for lead in self:
            figures = seconds[lead._origin.id]
            if lead.stage_id:
                since = lead.crm_digital_stage_date or lead.create_date or now
                figures[lead.stage_id.id] = int((now - since).total_seconds())
            lead.crm_digital_stage_seconds = {str(k): v for k, v in figures.items()}

    def _search_crm_digital_stuck(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search stuck opportunities with = or !=."))
        now = fields.Datetime.now()
        stays = [
            [
                ("stage_id", "=", stage.id),
                (
                    "crm_digital_stage_date",
                    "<",
                    now - timedelta(days=stage.crm_digital_stuck_days),
                ),
            ]
            for stage in self.env["crm.stage"].search(
                [("crm_digital_stuck_days", ">", 0)]
            )
        ]
        domain = expression.AND(
            [
                expression.OR(stays) if stays else expression.FALSE_DOMAIN,
                [("type", "=", "opportunity"), ("crm_digital_outcome", "=", "open")],
            ]
        )
        if (operator == "=") == value:
            return domain
        return ["!", *expression.normalize_domain(domain)]

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

    @api.model
    def default_get(self, fields):
        # A bulk creation (the lead import) asks the defaults of each lead in
        # one same context: they are computed once per batch.
        batch = self.env.context.get("crm_digital_batch")
        if not batch:
            return super().default_get(fields)
        cache = self.env.cr.cache.setdefault(("crm_digital_defaults", batch), {})
        key = (self.env.uid, self.env.su, tuple(fields))
        if key not in cache:
            cache[key] = super().default_get(fields)
        return dict(cache[key])

    @api.constrains("stage_id")
    def _check_crm_digital_stage_requirements(self):
        opportunities = self.filtered(lambda lead: lead.type == "opportunity")
        for stage, leads in opportunities.grouped("stage_id").items():
            # Field definitions are for administrators to read.
            required = stage.sudo().crm_digital_required_field_ids
            for lead in leads if required else ():
                missing = required.filtered(
                    lambda field, lead=lead: not lead[field.name]
                )
                if missing:
                    raise ValidationError(
                        self.env._(
                            "To move %(lead)s to stage %(stage)s, fill in: %(fields)s.",
                            lead=lead.name,
                            stage=stage.name,
                            fields=", ".join(missing.mapped("field_description")),
                        )
                    )

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
            stage = self.env["crm.stage"].browse(vals.get("stage_id"))
            if stage.crm_digital_fixed_probability and "probability" not in vals:
                vals["probability"] = stage.crm_digital_probability
        proposals, undecided = self._crm_digital_assign_before(vals_list)
        leads = super().create(vals_list)
        leads._crm_digital_log_stages()
        leads.partner_id._crm_digital_refresh_lifecycle()
        self._crm_digital_assign_after(leads, proposals, undecided)
        return leads

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

    def write(self, vals):
        if vals.get("vat"):
            vals["vat"] = normalize_vat(vals["vat"])
        customers = self.partner_id if LIFECYCLE_FIELDS & set(vals) else None
        moving = self.browse()
        if "stage_id" in vals:
            stage = self.env["crm.stage"].browse(vals["stage_id"])
            if stage.crm_digital_fixed_probability and "probability" not in vals:
                vals["probability"] = stage.crm_digital_probability
            moving = self.filtered(lambda lead: lead.stage_id != stage)
            if moving == self:
                vals["crm_digital_stage_date"] = self.env.cr.now()
        result = super().write(vals)
        if moving and moving != self:
            moving._crm_digital_owner().write(
                {"crm_digital_stage_date": self.env.cr.now()}
            )
        moving._crm_digital_log_stages(leaving=True)
        if customers is not None:
            (customers | self.partner_id)._crm_digital_refresh_lifecycle()
        return result

    def unlink(self):
        customers = self.partner_id
        result = super().unlink()
        customers.exists()._crm_digital_refresh_lifecycle()
        return result

    def _crm_digital_log_stages(self, leaving=False):
        """Open each lead's stay in its (new) stage, closing the one it left."""
        History = self.env["crm.digital.stage.history"].sudo()
        now = self.env.cr.now()
        previous = {}
        if leaving:
            stays = History.search(
                [("lead_id", "in", self.ids), ("date_left", "=", False)]
            )
            previous = {stay.lead_id.id: stay.stage_id.id for stay in stays}
            stays.write({"date_left": now})
        History.create(
            [
                {
                    "lead_id": lead.id,
                    "stage_id": lead.stage_id.id,
                    "previous_stage_id": previous.get(lead.id),
                    "team_id": lead.team_id.id,
                    "salesperson_id": lead.user_id.id,
                    "company_id": lead.company_id.id,
                    "date_entered": now,
                }
                for lead in self
                if lead.stage_id
            ]
        )

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
        return LeadFacts(
            id=key,
            **{name: vals.get(name) or False for name in FACT_FIELDS[:-3]},
            tag_ids=self._crm_digital_tag_ids(vals.get("tag_ids")),
            zip=vals.get("zip") or "",
            expected_revenue=vals.get("expected_revenue") or 0.0,
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
        self.fetch(FACT_FIELDS)
        return [
            LeadFacts(
                id=lead.id,
                **{name: lead[name].id for name in FACT_FIELDS[:-3]},
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

    def _crm_digital_offer_sent(self, order):
        """The quotation `order` went to the customer: the opportunity moves
        forward to the stage set for it, with the offer's amount and validity
        where it had none."""
        stage = self.env["crm.stage"].search(
            [
                ("crm_digital_on_quotation_sent", "=", True),
                "|",
                ("team_id", "=", False),
                ("team_id", "=", self.team_id.id),
            ],
            limit=1,
        )
        if not stage or not self.active or self.stage_id.sequence >= stage.sequence:
            return
        values = {"stage_id": stage.id}
        if not self.expected_revenue:
            values["expected_revenue"] = order.amount_untaxed
        if not self.date_deadline and order.validity_date:
            values["date_deadline"] = order.validity_date
        try:
            with self.env.cr.savepoint():
                self.write(values)
        except ValidationError as error:
            # Sending the quotation must not fail for it: say what is missing.
            self.message_post(
                body=self.env._(
                    "Quotation %(order)s was sent, but the opportunity stays "
                    "where it is: %(reason)s",
                    order=order.name,
                    reason=error.args[0],
                ),
            )

    def _crm_digital_offer_accepted(self):
        """A quotation of the opportunity was confirmed (signed online or by
        the salesperson): the opportunity is won."""
        for lead in self.filtered(
            lambda lead: lead.active and not lead.stage_id.is_won
        ):
            lead.action_set_won()

    def action_crm_digital_compare_quotations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_digital.sale_order_action_compare"
        )
        action["domain"] = [("opportunity_id", "=", self.id)]
        action["context"] = {
            "default_opportunity_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    def action_crm_digital_assign_preview(self):
        wizard = self.env["crm.digital.assignment.preview"].create(
            {"lead_ids": [Command.set(self.ids)]}
        )
        return wizard._action_open()
