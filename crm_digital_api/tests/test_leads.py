# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo.tests import tagged

from .common import ApiCase


@tagged("post_install", "-at_install")
class TestLeads(ApiCase):
    """Leads and opportunities over REST, as the key's user sees and changes
    them through the UI."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Ventas Levante",
                "member_ids": [(6, 0, (cls.salesperson | cls.other).ids)],
            }
        )
        Lead = cls.env["crm.lead"]
        cls.own = Lead.create(
            {
                "name": "Licencias Valencia",
                "type": "lead",
                "user_id": cls.salesperson.id,
            }
        )
        cls.others = Lead.create(
            {"name": "Consultoría Rioja", "type": "lead", "user_id": cls.other.id}
        )
        cls.opportunity = Lead.create(
            {
                "name": "ERP Turia",
                "type": "opportunity",
                "user_id": cls.salesperson.id,
                "team_id": cls.team.id,
                "expected_revenue": 30000,
            }
        )

    def test_a_salesperson_key_never_sees_another_salespersons_leads(self):
        response = self.call("GET", "/leads", self.key)
        self.assertEqual(response.status_code, 200, response.text)
        ids = [lead["id"] for lead in response.json()["data"]]
        self.assertIn(self.own.id, ids)
        self.assertNotIn(self.others.id, ids)
        self.assertProblem(
            self.call("GET", f"/leads/{self.others.id}", self.key), 403, "forbidden"
        )
        manager_ids = [
            lead["id"]
            for lead in self.call("GET", "/leads", self.manager_key).json()["data"]
        ]
        self.assertIn(self.others.id, manager_ids)

    def test_leads_and_opportunities_are_separate_resources(self):
        self.assertProblem(
            self.call("GET", f"/leads/{self.opportunity.id}", self.key),
            404,
            "not-found",
        )
        response = self.call("GET", f"/opportunities/{self.opportunity.id}", self.key)
        self.assertEqual(response.json()["expected_revenue"], 30000)
        self.assertEqual(response.json()["salesperson"]["name"], "Ana Salesperson")
        self.assertEqual(response.json()["team"]["name"], "Ventas Levante")

    def test_pages_follow_each_other_without_gaps_or_repeats(self):
        # Created in one transaction: they share their dates to the microsecond,
        # so the cursor must break ties by id.
        created = self.env["crm.lead"].create(
            [
                {"name": f"Página {n}", "type": "lead", "user_id": self.salesperson.id}
                for n in range(7)
            ]
        )
        for sort in ("id", "-id", "write_date", "-create_date"):
            seen, cursor = [], None
            while True:
                params = {"sort": sort, "limit": 3, "q": "Página", "fields": "name"}
                if cursor:
                    params["cursor"] = cursor
                response = self.call("GET", "/leads", self.key, params=params)
                self.assertEqual(response.status_code, 200, response.text)
                page = response.json()
                self.assertEqual(set(page["data"][0]), {"id", "name"}, sort)
                seen += [lead["id"] for lead in page["data"]]
                cursor = page["next_cursor"]
                if not cursor:
                    break
            self.assertEqual(sorted(seen), sorted(created.ids), sort)
            self.assertEqual(len(seen), len(set(seen)), sort)
        self.assertEqual(seen, sorted(created.ids, reverse=True))

    def test_bad_parameters_are_explained(self):
        problem = self.assertProblem(
            self.call("GET", "/leads", self.key, params={"fields": "name,revenue"}),
            400,
            "bad-parameter",
        )
        self.assertIn("revenue", problem["detail"])
        problem = self.assertProblem(
            self.call("GET", "/leads", self.key, params={"sort": "name"}),
            422,
            "invalid-request",
        )
        self.assertEqual(problem["errors"][0]["loc"], ["query", "sort"])
        # An id past PostgreSQL's integer is of no record, said so.
        self.assertProblem(
            self.call("GET", "/leads/98461245116", self.key), 422, "invalid-request"
        )
        self.assertProblem(
            self.call("GET", "/leads", self.key, params={"cursor": "nope"}),
            400,
            "bad-parameter",
        )
        problem = self.assertProblem(
            self.call("GET", "/leads", self.key, params={"limit": 0}),
            422,
            "invalid-request",
        )
        self.assertEqual(problem["errors"][0]["loc"], ["query", "limit"])

    def test_create_goes_through_the_orm_as_the_user(self):
        response = self.call(
            "POST",
            "/leads",
            self.key,
            {
                "name": "Web corporativa Alicante",
                "contact_name": "Lucía Pérez",
                "email": "lucia@ejemplo.es",
                "country_code": "es",
                "expected_closing": "2027-03-31",
                "salesperson_id": self.salesperson.id,
            },
        )
        self.assertEqual(response.status_code, 201, response.text)
        body = response.json()
        lead = self.env["crm.lead"].browse(body["id"])
        self.assertEqual(lead.create_uid, self.salesperson)
        self.assertEqual(lead.country_id.code, "ES")
        self.assertEqual(body["country_code"], "ES")
        self.assertEqual(str(lead.date_deadline), "2027-03-31")
        self.assertEqual(response.headers["Location"], f"leads/{lead.id}")
        self.assertTrue(response.headers["ETag"])

    def test_values_of_no_record_are_refused_and_nothing_is_written(self):
        problem = self.assertProblem(
            self.call(
                "POST", "/leads", self.key, {"name": "Sin equipo", "team_id": 999999}
            ),
            422,
            "invalid-request",
        )
        self.assertEqual(problem["errors"][0]["loc"], ["body", "team_id"])
        self.assertProblem(
            self.call("POST", "/leads", self.key, {"name": "X", "unknown": 1}),
            422,
            "invalid-request",
        )
        self.assertFalse(
            self.env["crm.lead"].search([("name", "in", ("Sin equipo", "X"))])
        )

    def test_a_retried_post_creates_once(self):
        idempotency = {"Idempotency-Key": str(uuid.uuid4())}
        body = {"name": "Reintento Castellón"}
        first = self.call("POST", "/leads", self.key, body, headers=idempotency)
        again = self.call("POST", "/leads", self.key, body, headers=idempotency)
        self.assertEqual(first.status_code, 201, first.text)
        self.assertEqual(again.status_code, 201, again.text)
        self.assertEqual(again.headers["Idempotent-Replayed"], "true")
        self.assertEqual(again.json()["id"], first.json()["id"])
        self.assertEqual(
            self.env["crm.lead"].search_count([("name", "=", "Reintento Castellón")]), 1
        )
        self.assertProblem(
            self.call(
                "POST", "/leads", self.key, {"name": "Otro"}, headers=idempotency
            ),
            422,
            "idempotency-key-reused",
        )

    def test_a_failed_post_leaves_its_idempotency_key_free(self):
        idempotency = {"Idempotency-Key": "retry-after-fix"}
        self.assertProblem(
            self.call(
                "POST",
                "/leads",
                self.key,
                {"name": "A", "team_id": 999999},
                headers=idempotency,
            ),
            422,
            "invalid-request",
        )
        response = self.call(
            "POST", "/leads", self.key, {"name": "A"}, headers=idempotency
        )
        self.assertEqual(response.status_code, 201, response.text)

    def test_a_change_based_on_an_old_version_is_refused(self):
        path = f"/leads/{self.own.id}"
        read = self.call("GET", path, self.key)
        tag = read.headers["ETag"]
        self.assertEqual(
            self.call(
                "GET", path, self.key, headers={"If-None-Match": tag}
            ).status_code,
            304,
        )
        changed = self.call(
            "PATCH",
            path,
            self.key,
            {"phone": "+34 600 000 001"},
            headers={"If-Match": tag},
        )
        self.assertEqual(changed.status_code, 200, changed.text)
        self.assertNotEqual(changed.headers["ETag"], tag)
        self.assertProblem(
            self.call(
                "PATCH",
                path,
                self.key,
                {"phone": "+34 600 000 002"},
                headers={"If-Match": tag},
            ),
            412,
            "changed",
        )
        self.assertEqual(self.own.phone, "+34 600 000 001")

    def test_stage_moves_obey_stage_rules_and_are_kept_in_the_history(self):
        stages = self.call("GET", "/stages", self.key).json()
        free = self.env["crm.stage"].search(
            [("crm_digital_required_field_ids", "=", False)]
        )
        target = next(
            stage
            for stage in stages
            if not stage["is_won"]
            and stage["id"] in free.ids
            and stage["id"] != self.opportunity.stage_id.id
        )
        response = self.call(
            "POST",
            f"/opportunities/{self.opportunity.id}/stage",
            self.key,
            {"stage_id": target["id"]},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["stage"]["id"], target["id"])
        history = self.opportunity.crm_digital_stage_history_ids
        self.assertIn(target["id"], history.stage_id.ids)

    def test_a_stage_requirement_refuses_the_move_with_its_reason(self):
        stage = self.env["crm.stage"].search(
            [("is_won", "=", False)], limit=1, order="sequence desc"
        )
        stage.crm_digital_required_field_ids = self.env.ref(
            "crm.field_crm_lead__expected_revenue"
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Sin importe",
                "type": "opportunity",
                "user_id": self.salesperson.id,
            }
        )
        problem = self.assertProblem(
            self.call(
                "POST",
                f"/opportunities/{lead.id}/stage",
                self.key,
                {"stage_id": stage.id},
            ),
            422,
            "rejected",
        )
        self.assertIn("fill in", problem["detail"])
        self.assertNotEqual(lead.stage_id, stage)

    def test_won_and_cancelled_opportunities(self):
        won = self.call("POST", f"/opportunities/{self.opportunity.id}/won", self.key)
        self.assertEqual(won.json()["outcome"], "won", won.text)
        lost = self.env["crm.lead"].create(
            {
                "name": "Tienda online",
                "type": "opportunity",
                "user_id": self.salesperson.id,
            }
        )
        reason = self.env["crm.lost.reason"].create({"name": "Precio"})
        reasons = self.call("GET", "/lost-reasons", self.key).json()
        self.assertIn(reason.id, [r["id"] for r in reasons])
        response = self.call(
            "POST",
            f"/opportunities/{lost.id}/cancel",
            self.key,
            {"reason_id": reason.id, "feedback": "Eligió otro proveedor"},
        )
        self.assertEqual(response.json()["outcome"], "cancelled", response.text)
        self.assertEqual(response.json()["lost_reason"]["name"], "Precio")
        self.assertTrue(
            lost.message_ids.filtered(lambda m: "Eligió otro proveedor" in m.body)
        )
        listed = self.call(
            "GET", "/opportunities", self.key, params={"outcome": "cancelled"}
        )
        self.assertEqual([o["id"] for o in listed.json()["data"]], [lost.id])

    def test_a_lead_converts_into_an_opportunity_with_its_customer(self):
        self.own.write(
            {"partner_name": "Muebles Turia SL", "email_from": "info@turia.es"}
        )
        response = self.call("POST", f"/leads/{self.own.id}/convert", self.key)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(self.own.type, "opportunity")
        self.assertEqual(response.json()["customer"]["name"], "Muebles Turia SL")
