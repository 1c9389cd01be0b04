# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ast import literal_eval

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.base.models.ir_sequence import _drop_sequences

from ..engine.assignment import UNDECIDED, Pool, RuleConditions

STRATEGIES = [
    ("fixed", "Fixed person"),
    ("round_robin", "Round robin"),
    ("least_loaded", "Least loaded"),
    ("available", "Available now"),
]


class CrmDigitalAssignmentRule(models.Model):
    _name = "crm.digital.assignment.rule"
    _description = "Lead Assignment Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="Rules are tried in this order; the first match wins."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    # Conditions: an empty one accepts every lead.
    source_ids = fields.Many2many("utm.source", string="Sources")
    medium_ids = fields.Many2many("utm.medium", string="Mediums")
    campaign_ids = fields.Many2many("utm.campaign", string="Campaigns")
    country_ids = fields.Many2many("res.country", string="Countries")
    state_ids = fields.Many2many(
        "res.country.state",
        string="Provinces",
        domain="[('country_id', 'in', country_ids)] if country_ids else []",
    )
    zip_from = fields.Char(
        "Postal Code From", help="e.g. 46000: leads with this postal code or above."
    )
    zip_to = fields.Char(
        "Postal Code To", help="e.g. 46999: leads with this postal code or below."
    )
    industry_ids = fields.Many2many("res.partner.industry", string="Sectors")
    employee_band_ids = fields.Many2many(
        "crm.digital.employee.band", string="Employee Bands"
    )
    revenue_min = fields.Monetary(
        "Expected Revenue From", currency_field="company_currency_id"
    )
    revenue_max = fields.Monetary(
        "Expected Revenue To",
        currency_field="company_currency_id",
        help="Empty for no upper limit.",
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    lang_ids = fields.Many2many("res.lang", string="Languages")
    tag_ids = fields.Many2many(
        "crm.tag", string="Tags", help="Leads with at least one of these tags."
    )
    domain = fields.Char(
        "Other Conditions",
        default="[]",
        help="Any other criteria on the lead, as an Odoo domain.",
    )
    # Action
    team_id = fields.Many2one(
        "crm.team",
        "Sales Team",
        help="Team the leads join; its members are the default people to assign.",
    )
    strategy = fields.Selection(
        STRATEGIES,
        required=True,
        default="round_robin",
        help="Fixed person: always the same salesperson.\n"
        "Round robin: each person in turn, one lead each before anyone gets a "
        "second.\n"
        "Least loaded: whoever has the fewest open opportunities (or the lowest "
        "share of their capacity).\n"
        "Available now: in turn among the people working now, skipping those on "
        "leave or outside their working hours.",
    )
    user_id = fields.Many2one(
        "res.users",
        "Salesperson",
        domain="[('share', '=', False)]",
        help="The salesperson of the 'Fixed person' strategy.",
    )
    member_ids = fields.Many2many(
        "res.users",
        string="People",
        domain="[('share', '=', False)]",
        help="People who receive the leads; empty for the team's members.",
    )
    load_measure = fields.Selection(
        [
            ("count", "Open opportunities"),
            ("capacity", "Share of capacity"),
        ],
        default="count",
        required=True,
        help="Least loaded: compare the number of open opportunities, or that "
        "number divided by each member's lead capacity in the team.",
    )
    lead_count = fields.Integer(compute="_compute_lead_count", string="Leads")

    @api.constrains("strategy", "user_id", "team_id", "member_ids")
    def _check_action(self):
        for rule in self:
            if rule.strategy == "fixed" and not rule.user_id:
                raise ValidationError(
                    self.env._("Rule %(rule)s: choose the salesperson.", rule=rule.name)
                )
            if rule.strategy != "fixed" and not (rule.member_ids or rule.team_id):
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: choose a sales team or the people who "
                        "receive its leads.",
                        rule=rule.name,
                    )
                )

    @api.constrains("domain")
    def _check_domain(self):
        for rule in self:
            # What a malformed text, an unknown field or operator, or a value
            # of the wrong type raises; anything else is a real error.
            try:
                with self.env.cr.savepoint():
                    self.env["crm.lead"].search_count(rule._domain(), limit=1)
            except (
                SyntaxError,
                ValueError,
                TypeError,
                KeyError,
                psycopg2.DataError,
                psycopg2.ProgrammingError,
            ) as error:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the other conditions are not a valid "
                        "domain on leads (%(error)s).",
                        rule=rule.name,
                        error=error,
                    )
                ) from error

    @api.constrains("zip_from", "zip_to", "revenue_min", "revenue_max")
    def _check_ranges(self):
        for rule in self:
            if rule.revenue_max and rule.revenue_min > rule.revenue_max:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the revenue range is reversed.", rule=rule.name
                    )
                )
            low, high = (rule.zip_from or "").strip(), (rule.zip_to or "").strip()
            if (
                low
                and high
                and low.isdigit() == high.isdigit()
                and (int(low) > int(high) if low.isdigit() else low > high)
            ):
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the postal code range is reversed.",
                        rule=rule.name,
                    )
                )

    def _compute_lead_count(self):
        counts = dict(
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group(
                [("assignment_rule_id", "in", self.ids)],
                ["assignment_rule_id"],
                ["__count"],
            )
        )
        for rule in self:
            rule.lead_count = counts.get(rule, 0)

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        for rule in rules:
            self.env.cr.execute(
                SQL(
                    "CREATE SEQUENCE IF NOT EXISTS %s", SQL.identifier(rule._sequence())
                )
            )
        return rules

    def unlink(self):
        names = [rule._sequence() for rule in self]
        result = super().unlink()
        _drop_sequences(self.env.cr, names)
        return result

    def _sequence(self):
        # The round-robin pointer: a PostgreSQL sequence is shared by every
        # worker without locks, so concurrent assignments never take the same
        # turn twice.
        return f"crm_digital_assignment_rule_{self.id}_turn"

    def _domain(self):
        return literal_eval(self.domain or "[]")

    def _conditions(self, lead_ids=None):
        """The rule's conditions for the engine; `lead_ids` are the leads its
        free domain is evaluated on (one query), None for leads not created
        yet."""
        domain = self._domain()
        matching = None
        if domain and lead_ids is None:
            matching = UNDECIDED
        elif domain:
            matching = frozenset(
                self.env["crm.lead"]
                .with_context(active_test=False)
                .search(expression.AND([[("id", "in", lead_ids)], domain]))
                .ids
            )
        return RuleConditions(
            id=self.id,
            source_ids=frozenset(self.source_ids.ids),
            medium_ids=frozenset(self.medium_ids.ids),
            campaign_ids=frozenset(self.campaign_ids.ids),
            country_ids=frozenset(self.country_ids.ids),
            state_ids=frozenset(self.state_ids.ids),
            industry_ids=frozenset(self.industry_ids.ids),
            employee_band_ids=frozenset(self.employee_band_ids.ids),
            lang_ids=frozenset(self.lang_ids.ids),
            tag_ids=frozenset(self.tag_ids.ids),
            zip_from=self.zip_from or "",
            zip_to=self.zip_to or "",
            revenue_min=self.revenue_min,
            revenue_max=self.revenue_max,
            domain_lead_ids=matching,
        )

    def _members(self):
        if self.strategy == "fixed":
            return self.user_id
        members = (
            self.member_ids
            or self.team_id.crm_team_member_ids.filtered(
                lambda m: not m.assignment_optout
            ).user_id
        )
        return members.filtered("active").sorted("id")

    def _pool(self, count, dry_run=False):
        """The members and the state the strategy needs, for `count` leads.
        A real run takes `count` turns of round robin; a dry run only looks."""
        members = self._members()
        if self.strategy == "available":
            members = members._crm_digital_available_now()
        pool = Pool(member_ids=members.ids)
        if not members:
            return pool
        if self.strategy in ("round_robin", "available"):
            pool.turns = self._take_turns(count, dry_run)
        elif self.strategy == "least_loaded":
            pool.loads = dict(
                (user.id, total)
                for user, total in self.env["crm.lead"]
                .sudo()
                ._read_group(
                    [
                        ("user_id", "in", members.ids),
                        ("type", "=", "opportunity"),
                        ("stage_id.is_won", "=", False),
                    ],
                    ["user_id"],
                    ["__count"],
                )
            )
            if self.load_measure == "capacity" and self.team_id:
                pool.capacities = {
                    member.user_id.id: member.assignment_max
                    for member in self.team_id.crm_team_member_ids
                }
        return pool

    def _take_turns(self, count, dry_run):
        sequence = self._sequence()
        if dry_run:
            self.env.cr.execute(
                SQL(
                    "SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END"
                    " FROM %s",
                    SQL.identifier(sequence),
                )
            )
            first = self.env.cr.fetchone()[0] - 1
            return list(range(first, first + count))
        self.env.cr.execute(
            SQL("SELECT nextval(%s) FROM generate_series(1, %s)", sequence, count)
        )
        # Sequences count from 1; turns from 0, so the first member starts.
        return sorted(turn - 1 for (turn,) in self.env.cr.fetchall())

    def action_view_leads(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("crm.crm_lead_all_leads")
        action.update(
            domain=[("assignment_rule_id", "=", self.id)],
            context={"active_test": False},
        )
        return action
