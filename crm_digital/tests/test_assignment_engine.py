# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter

from odoo.tests import BaseCase, tagged

from ..engine.assignment import (
    UNDECIDED,
    LeadFacts,
    Pool,
    RuleConditions,
    first_matching_rules,
    least_loaded,
    round_robin,
    zip_in_range,
)


@tagged("post_install", "-at_install")
class TestAssignmentEngine(BaseCase):
    def test_first_matching_rule_in_order_wins(self):
        valencia = RuleConditions(id=1, state_ids=frozenset({46}))
        everyone = RuleConditions(id=2)
        leads = [LeadFacts(id=10, state_id=46), LeadFacts(id=11, state_id=28)]
        self.assertEqual(
            first_matching_rules([valencia, everyone], leads), {10: 1, 11: 2}
        )

    def test_every_condition_must_hold(self):
        rule = RuleConditions(
            id=1,
            source_ids=frozenset({3}),
            tag_ids=frozenset({7, 8}),
            revenue_min=1000,
            revenue_max=5000,
        )
        good = LeadFacts(
            id=1, source_id=3, tag_ids=frozenset({8}), expected_revenue=2000
        )
        self.assertTrue(rule.matches(good))
        for bad in (
            LeadFacts(id=2, source_id=4, tag_ids=frozenset({8}), expected_revenue=2000),
            LeadFacts(id=3, source_id=3, tag_ids=frozenset({9}), expected_revenue=2000),
            LeadFacts(id=4, source_id=3, tag_ids=frozenset({8}), expected_revenue=500),
            LeadFacts(id=5, source_id=3, tag_ids=frozenset({8}), expected_revenue=9000),
        ):
            self.assertFalse(rule.matches(bad), bad)

    def test_free_domain_result_is_a_condition(self):
        rule = RuleConditions(id=1, domain_lead_ids=frozenset({5}))
        self.assertTrue(rule.matches(LeadFacts(id=5)))
        self.assertFalse(rule.matches(LeadFacts(id=6)))

    def test_undecided_domain_stops_the_lead_at_its_rule(self):
        # Before the lead exists, a rule with a free domain cannot say; a
        # later rule must not take the lead meanwhile.
        valencia = RuleConditions(id=1, state_ids=frozenset({46}))
        big = RuleConditions(id=2, domain_lead_ids=UNDECIDED)
        everyone = RuleConditions(id=3)
        leads = [LeadFacts(id=10, state_id=46), LeadFacts(id=11, state_id=28)]
        self.assertEqual(
            first_matching_rules([valencia, big, everyone], leads), {10: 1, 11: None}
        )
        self.assertIsNone(big.matches(LeadFacts(id=11)))
        self.assertEqual(first_matching_rules([valencia], leads[1:]), {})

    def test_postal_codes_compare_as_numbers(self):
        self.assertTrue(zip_in_range("46001", "46000", "46999"))
        self.assertFalse(zip_in_range("08001", "46000", "46999"))
        self.assertTrue(zip_in_range("9000", "08000", ""))
        self.assertFalse(zip_in_range("", "46000", "46999"))
        self.assertTrue(zip_in_range("sw1a", "SW1", "SW2"))

    def test_round_robin_gives_each_member_a_lead_before_a_second(self):
        pool = Pool(member_ids=[1, 2, 3], turns=list(range(4, 11)))
        chosen = round_robin(pool, 7)
        self.assertEqual(chosen[:3], [2, 3, 1])
        self.assertEqual(sorted(Counter(chosen).values()), [2, 2, 3])

    def test_round_robin_with_turns_of_two_workers_stays_fair(self):
        members = [1, 2, 3, 4]
        first = round_robin(Pool(member_ids=members, turns=[0, 2, 4, 6]), 4)
        second = round_robin(Pool(member_ids=members, turns=[1, 3, 5, 7]), 4)
        self.assertEqual(Counter(first + second), dict.fromkeys(members, 2))

    def test_least_loaded_fills_the_emptiest_first(self):
        pool = Pool(member_ids=[1, 2, 3], loads={1: 5, 2: 1, 3: 2})
        self.assertEqual(least_loaded(pool, 4), [2, 2, 3, 2])

    def test_least_loaded_weighs_by_capacity(self):
        pool = Pool(member_ids=[1, 2], loads={1: 10, 2: 4}, capacities={1: 40, 2: 10})
        # 11/40 for member 1 beats 5/10 for member 2.
        self.assertEqual(least_loaded(pool, 1), [1])
