# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from ..engine.lead_file import MATCH_COLUMNS
from .common import CrmDigitalCommon


def _people(companies, per_company, name="Persona", first_phone=0):
    """CSV of different people (own name, email and phone) at a few companies."""
    lines = ["First Name,Last Name,Email,Phone Number,Company Name"]
    for c in range(companies):
        for p in range(per_company):
            phone = 600000000 + first_phone + c * per_company + p
            lines.append(
                f"{name}{p},Apellido{c},{name.lower()}{p}.c{c}@example.es,"
                f"+34{phone},Empresa Número {c} S.L."
            )
    return "\n".join(lines) + "\n"


@tagged("post_install", "-at_install")
class TestLeadImportDuplicates(CrmDigitalCommon):
    """Two people of one company are two leads; a lead twice is skipped, and
    every skipped row can be found again with what it matched."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.crm_digital_import_background_rows = 0

    def test_people_of_the_same_companies_are_all_imported(self):
        job = self._lead_import("contactos.csv", _people(8, 12))
        self.assertEqual(job.template_id.code, "hubspot")
        job.action_import()
        self.assertEqual((job.created_count, job.skipped_count), (96, 0))
        # Another CRM's export of other people at some of the same companies.
        other = self._lead_import(
            "otros.csv", _people(4, 3, name="Otra", first_phone=5000)
        )
        other.action_import()
        self.assertEqual((other.created_count, other.skipped_count), (12, 0))

    def test_a_person_already_a_lead_is_skipped_and_listed_with_the_match(self):
        existing = self.env["crm.lead"].create(
            {
                "name": "Ya en el CRM",
                "contact_name": "Rosa Navarro",
                "partner_name": "Hornos Alzira, S.L.",
            }
        )
        data = (
            "Empresa;Contacto;Email\n"
            "HORNOS ALZIRA SL;rosa navarro;\n"
            "Hornos Alzira;Luis Gil;luis@hornos.es\n"
            "Riegos Turia;Ana Sanz;ana@riegos.es\n"
            "Riegos Turia S.A.;Otra Persona;ana@riegos.es\n"
        )
        job = self._lead_import("feria.csv", data, duplicate_policy="skip")
        job.action_import()
        self.assertEqual((job.created_count, job.skipped_count), (2, 2))
        skipped = self._read_report(job.skipped_file, job.skipped_file_name).rows
        self.assertEqual(
            [row.values[:3] for row in skipped],
            [
                ["HORNOS ALZIRA SL", "rosa navarro", ""],
                ["Riegos Turia S.A.", "Otra Persona", "ana@riegos.es"],
            ],
        )
        matched, reason = skipped[0].values[-2:]
        self.assertIn(f"#{existing.id}", matched)
        self.assertEqual(reason, "Same contact name and company as this record.")
        self.assertEqual(
            skipped[1].values[-2:], ["Row 4", "Same email as this record."]
        )

    def test_a_row_of_an_existing_customer_company_is_that_customer(self):
        customer = self.env["res.partner"].create(
            {"name": "Acme, S.L.", "is_company": True, "email": "info@acme.es"}
        )
        data = "Empresa;Contacto;Email\nACME SL;;\nAcme;Ana Ruiz;ana@acme.es\n"
        job = self._lead_import("acme.csv", data, duplicate_policy="flag")
        job.action_import()
        person_row = job.lead_ids.filtered(
            lambda lead: lead.email_from == "ana@acme.es"
        )
        company_row = job.lead_ids - person_row
        self.assertEqual(company_row.partner_id, customer)
        self.assertTrue(company_row.import_duplicate)
        # Another person of the customer: a lead of its own, the customer's
        # address left as it is.
        self.assertFalse(person_row.import_duplicate)
        self.assertEqual(customer.email, "info@acme.es")

    def test_a_rerun_lists_every_row_as_already_imported(self):
        data = "Empresa;Email\nHornos Alzira;info@hornos.es\nRiegos;ana@riegos.es\n"
        self._lead_import("feria.csv", data).action_import()
        again = self._lead_import("feria.csv", data)
        again.action_import()
        self.assertEqual(again.skipped_count, 2)
        skipped = self._read_report(again.skipped_file, again.skipped_file_name).rows
        self.assertEqual(len(skipped), 2)
        self.assertEqual(
            {row.values[-1] for row in skipped},
            {"An earlier import of this file already created it."},
        )

    def test_the_skipped_file_has_the_columns_of_the_original_and_two_more(self):
        data = "Empresa;Email\nHornos;a@b.es\nHornos bis;a@b.es\n"
        job = self._lead_import("f.csv", data)
        job.action_import()
        header = self._read_report(job.skipped_file, job.skipped_file_name).header
        self.assertEqual(header, ["Empresa", "Email", *MATCH_COLUMNS])
