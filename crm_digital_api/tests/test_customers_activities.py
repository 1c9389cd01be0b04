# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import ApiCase


@tagged("post_install", "-at_install")
class TestCustomersAndActivities(ApiCase):
    def test_a_customer_and_its_contacts(self):
        created = self.call(
            "POST",
            "/customers",
            self.key,
            {
                "name": "Cerámicas Onda SL",
                "is_company": True,
                "vat": "ESB12345674",
                "city": "Onda",
            },
        )
        self.assertEqual(created.status_code, 201, created.text)
        company_id = created.json()["id"]
        contact = self.call(
            "POST",
            "/customers",
            self.key,
            {"name": "Pilar Gómez", "company_id": company_id, "function": "Compras"},
        )
        self.assertEqual(contact.status_code, 201, contact.text)
        listed = self.call(
            "GET", "/customers", self.key, params={"q": "Cerámicas Onda"}
        )
        self.assertEqual([c["id"] for c in listed.json()["data"]], [company_id])
        contacts = self.call(
            "GET", f"/customers/{company_id}/contacts", self.key
        ).json()
        self.assertEqual([c["name"] for c in contacts["data"]], ["Pilar Gómez"])
        self.assertEqual(contacts["data"][0]["company"]["id"], company_id)
        read = self.call(
            "GET",
            f"/customers/{company_id}",
            self.key,
            params={"fields": "name,lifecycle"},
        )
        self.assertEqual(
            read.json(),
            {"id": company_id, "name": "Cerámicas Onda SL", "lifecycle": None},
        )
        patched = self.call(
            "PATCH",
            f"/customers/{company_id}",
            self.key,
            {"phone": "+34 964 000 000"},
            headers={"If-Match": read.headers["ETag"]},
        )
        self.assertEqual(patched.json()["phone"], "+34 964 000 000", patched.text)

    def test_an_activity_is_planned_listed_and_done(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Renovación Elche",
                "type": "opportunity",
                "user_id": self.salesperson.id,
            }
        )
        call_type = self.env.ref("mail.mail_activity_data_call")
        created = self.call(
            "POST",
            "/activities",
            self.key,
            {
                "lead_id": lead.id,
                "type_id": call_type.id,
                "summary": "Llamar al gerente",
                "deadline": "2027-01-15",
            },
        )
        self.assertEqual(created.status_code, 201, created.text)
        body = created.json()
        self.assertEqual(
            body["record"],
            {"kind": "opportunity", "id": lead.id, "name": "Renovación Elche"},
        )
        self.assertEqual(body["assignee"]["id"], self.salesperson.id)
        self.assertEqual(body["state"], "planned")
        listed = self.call(
            "GET", "/activities", self.key, params={"lead_id": lead.id}
        ).json()
        self.assertIn(body["id"], [a["id"] for a in listed["data"]])
        done = self.call(
            "POST",
            f"/activities/{body['id']}/done",
            self.key,
            {"feedback": "Acepta la visita"},
        )
        self.assertEqual(done.status_code, 204, done.text)
        listed = self.call(
            "GET", "/activities", self.key, params={"lead_id": lead.id}
        ).json()
        self.assertNotIn(body["id"], [a["id"] for a in listed["data"]])
        self.assertTrue(
            lead.message_ids.filtered(lambda m: "Acepta la visita" in m.body)
        )

    def test_an_activity_needs_one_record(self):
        problem = self.assertProblem(
            self.call("POST", "/activities", self.key, {"summary": "Sin registro"}),
            422,
            "invalid-request",
        )
        self.assertIn("lead_id or customer_id", problem["errors"][0]["msg"])


@tagged("post_install", "-at_install")
class TestOpenApi(ApiCase):
    def test_openapi_31_describes_every_operation_its_scope_and_errors(self):
        spec = self.url_open("/crm_digital/api/v1/openapi.json").json()
        self.assertTrue(spec["openapi"].startswith("3.1"))
        self.assertIn("Problem", spec["components"]["schemas"])
        self.assertIn("HTTPBearer", spec["components"]["securitySchemes"])
        for path, item in spec["paths"].items():
            for method, operation in item.items():
                self.assertTrue(operation.get("summary"), (method, path))
                self.assertIn("401", operation["responses"], (method, path))
                if path != "/me":
                    self.assertIn("Scope", operation["description"], (method, path))
        for path in (
            "/leads",
            "/opportunities/{record_id}/cancel",
            "/customers",
            "/activities",
        ):
            self.assertIn(path, spec["paths"])
