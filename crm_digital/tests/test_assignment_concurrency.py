# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
import uuid
from collections import Counter
from unittest.mock import patch

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import BaseCase, get_db_name, tagged

WORKERS = 2
LEADS = 60


@tagged("post_install", "-at_install")
class TestAssignmentConcurrency(BaseCase):
    """Two workers, each on its own database connection, assign the same
    leads at once, as two Odoo workers (an import and the email gateway, say)
    would. Data is committed for real, and removed afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        tag = uuid.uuid4().hex[:8]
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            users = env["res.users"].create(
                [
                    {
                        "name": f"Concurrente {index} {tag}",
                        "login": f"crmd_concurrent_{index}_{tag}",
                        "groups_id": [
                            (6, 0, env.ref("sales_team.group_sale_salesman").ids)
                        ],
                    }
                    for index in range(3)
                ]
            )
            team = env["crm.team"].create(
                {"name": "Concurrencia", "member_ids": users.ids}
            )
            rule = env["crm.digital.assignment.rule"].create(
                {"name": "Concurrencia", "team_id": team.id, "sequence": -1}
            )
            leads = (
                env["crm.lead"]
                .with_context(crm_digital_no_assign=True)
                .create(
                    [
                        {"name": f"Concurrent {n}", "user_id": False}
                        for n in range(LEADS)
                    ]
                )
            )
            cls.ids = {
                "users": users.ids,
                "team": team.id,
                "rule": rule.id,
                "leads": leads.ids,
            }
        cls.addClassCleanup(cls._remove_data)

    @classmethod
    def _remove_data(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["crm.lead"].browse(cls.ids["leads"]).unlink()
            env["crm.digital.assignment.rule"].browse(cls.ids["rule"]).unlink()
            env["crm.team"].browse(cls.ids["team"]).unlink()
            env["res.users"].browse(cls.ids["users"]).unlink()

    def _worker(self, lead_ids, barrier, results):
        # What Odoo's request and cron runners do: retry a transaction that a
        # concurrent update made fail.
        for _attempt in range(10):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    leads = env["crm.lead"].browse(lead_ids)
                    barrier.wait(timeout=30)
                    proposals = leads._crm_digital_assign()
                    assigned = [p["lead"].id for p in proposals]

                results.append(assigned)
                return
            except SerializationFailure:
                barrier = threading.Barrier(1)
        results.append(None)

    def test_two_workers_never_assign_a_lead_twice_and_stay_fair(self):
        barrier = threading.Barrier(WORKERS)
        results = []
        # Overlapping halves: each worker takes what the other has not locked.
        lead_ids = self.ids["leads"]
        slices = (lead_ids[: LEADS * 2 // 3], lead_ids[LEADS // 3 :])
        threads = [
            threading.Thread(target=self._worker, args=(ids, barrier, results))
            for ids in slices
        ]
        # The server holds the registry lock while it runs these tests; test
        # mode lifts it for request threads the same way.
        with patch.object(Registry, "_lock", DummyRLock()):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        self.assertNotIn(None, results, "a worker never got through")
        assigned = [lead for batch in results for lead in batch]
        self.assertEqual(sorted(assigned), sorted(self.ids["leads"]), "each lead once")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            leads = env["crm.lead"].browse(self.ids["leads"])
            self.assertTrue(all(leads.mapped("user_id")))
            per_user = Counter(lead.user_id.id for lead in leads)
            self.assertEqual(sorted(per_user.values()), [LEADS // 3] * 3)
