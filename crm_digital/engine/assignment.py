# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Lead assignment by ordered rules: which rule takes a lead, and which member
a rule's strategy gives it to. Plain Python over plain values, so it is tested
without a database and the model only gathers facts and writes results."""

from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class LeadFacts:
    """What rules look at on a lead (ids of related records, or False)."""

    id: int
    source_id: int = False
    medium_id: int = False
    campaign_id: int = False
    country_id: int = False
    state_id: int = False
    industry_id: int = False
    employee_band_id: int = False
    lang_id: int = False
    tag_ids: frozenset = frozenset()
    zip: str = ""
    expected_revenue: float = 0.0

    @classmethod
    def from_values(cls, lead_id, values):
        """The facts in a lead's values as read(load=None) gives them, or as
        create() takes them: ids (or False) of related records, tag ids."""
        return cls(
            id=lead_id,
            **{name: values.get(name) or False for name in RELATED_FACTS},
            tag_ids=frozenset(values.get("tag_ids") or ()),
            zip=values.get("zip") or "",
            expected_revenue=values.get("expected_revenue") or 0.0,
        )


# The lead fields rules look at; the related records' ones by their ids.
FACT_FIELDS = tuple(fact.name for fact in fields(LeadFacts) if fact.name != "id")
RELATED_FACTS = tuple(name for name in FACT_FIELDS if name.endswith("_id"))

# A free domain not judged yet: the lead is still being created, and only the
# database can evaluate a domain.
UNDECIDED = "undecided"


@dataclass(frozen=True)
class RuleConditions:
    """A rule's conditions; an empty criterion accepts every lead."""

    id: int
    source_ids: frozenset = frozenset()
    medium_ids: frozenset = frozenset()
    campaign_ids: frozenset = frozenset()
    country_ids: frozenset = frozenset()
    state_ids: frozenset = frozenset()
    industry_ids: frozenset = frozenset()
    employee_band_ids: frozenset = frozenset()
    lang_ids: frozenset = frozenset()
    tag_ids: frozenset = frozenset()
    zip_from: str = ""
    zip_to: str = ""
    revenue_min: float = 0.0
    revenue_max: float = 0.0
    # Leads that pass the rule's free domain, None when it has none, or
    # UNDECIDED.
    domain_lead_ids: frozenset | str | None = None

    def matches(self, lead):
        """True or False; None when only the undecided free domain can tell."""
        single = (
            (self.source_ids, lead.source_id),
            (self.medium_ids, lead.medium_id),
            (self.campaign_ids, lead.campaign_id),
            (self.country_ids, lead.country_id),
            (self.state_ids, lead.state_id),
            (self.industry_ids, lead.industry_id),
            (self.employee_band_ids, lead.employee_band_id),
            (self.lang_ids, lead.lang_id),
        )
        if any(accepted and value not in accepted for accepted, value in single):
            return False
        if self.tag_ids and not self.tag_ids & lead.tag_ids:
            return False
        if (self.zip_from or self.zip_to) and not zip_in_range(
            lead.zip, self.zip_from, self.zip_to
        ):
            return False
        if self.revenue_min and lead.expected_revenue < self.revenue_min:
            return False
        if self.revenue_max and lead.expected_revenue > self.revenue_max:
            return False
        if self.domain_lead_ids == UNDECIDED:
            return None
        return self.domain_lead_ids is None or lead.id in self.domain_lead_ids


def zip_in_range(value, low, high):
    """Postal codes compare as numbers when all are digits (Spanish codes),
    else as upper-case text; an open bound accepts everything on its side."""
    value = (value or "").strip().upper()
    if not value:
        return False
    bounds = [bound.strip().upper() for bound in (low, high)]
    if value.isdigit() and all(bound.isdigit() for bound in bounds if bound):
        key = int
    else:
        key = str
    if bounds[0] and key(value) < key(bounds[0]):
        return False
    return not (bounds[1] and key(value) > key(bounds[1]))


def first_matching_rules(rules, leads):
    """{lead id: rule id} of the first rule (in the given order) each lead
    matches, or None for a lead that reaches a rule it may match only by an
    undecided free domain; leads no rule matches are left out."""
    taken = {}
    for lead in leads:
        for rule in rules:
            matches = rule.matches(lead)
            if matches is not False:
                taken[lead.id] = rule.id if matches else None
                break
    return taken


@dataclass
class Pool:
    """The people a rule may give leads to, in a stable order."""

    member_ids: list
    # Round robin: the rule's turns taken for these leads, one per lead.
    turns: list = field(default_factory=list)
    # Least loaded: open opportunities and capacity of each member.
    loads: dict = field(default_factory=dict)
    capacities: dict = field(default_factory=dict)


def round_robin(pool, count):
    """Members for `count` leads: turn n goes to member n modulo their number,
    so each gets one lead before anybody gets a second, whoever joined first.
    Turns are unique across workers, so concurrent runs stay fair."""
    members = pool.member_ids
    return [members[turn % len(members)] for turn in pool.turns[:count]]


def least_loaded(pool, count):
    """Members for `count` leads, each going to whoever has the lowest load
    relative to capacity at that moment (the leads given here count too);
    ties go to the member listed first."""
    loads = {member: pool.loads.get(member, 0) for member in pool.member_ids}
    chosen = []
    for _lead in range(count):
        member = min(
            pool.member_ids,
            key=lambda m: (loads[m] + 1) / max(pool.capacities.get(m) or 1, 1),
        )
        loads[member] += 1
        chosen.append(member)
    return chosen


def choose_members(strategy, pool, count):
    """Members for `count` leads by the rule's strategy."""
    if strategy == "fixed":
        return pool.member_ids[:1] * count
    if strategy == "least_loaded":
        return least_loaded(pool, count)
    # Round robin, and 'available now' (round robin among who is working).
    return round_robin(pool, count)
