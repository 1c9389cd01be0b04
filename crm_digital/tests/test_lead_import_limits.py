# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.tests import tagged

from ..models import crm_digital_lead_import
from .common import CrmDigitalCommon


@tagged("post_install", "-at_install")
class TestLeadImportLimits(CrmDigitalCommon):
    """What a salesperson imports stays theirs and within bounds, and tells
    nothing of what they may not see."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.crm_digital_import_background_rows = 0
        cls.hidden = cls.env["crm.lead"].create(
            {
                "name": "Cliente de Marta",
                "contact_name": "Jordi Puig",
                "email_from": "jordi@puig.es",
                "user_id": cls.user_salesperson_other.id,
                "team_id": cls.team_other.id,
            }
        )

    def _import(self, data, **values):
        job = self._lead_import("feria.csv", data, user=self.user_salesperson, **values)
        job.action_import()
        return job

    def test_form_reads_do_not_read_the_file_again_and_import_reads_it_once(self):
        job = self._lead_import("feria.csv", "Empresa;Email\nBar Pepe;pepe@bar.es\n")
        self.assertIn("Bar Pepe", job.preview)
        reads = []
        original = crm_digital_lead_import.read_lead_file

        def counted(*args, **kwargs):
            reads.append(args)
            return original(*args, **kwargs)

        with patch.object(crm_digital_lead_import, "read_lead_file", counted):
            # Each request starts with empty caches.
            for _request in range(3):
                self.env.invalidate_all()
                self.env.cr.cache.clear()
                job.read(["preview", "column_ids", "row_count"])
            self.assertEqual(reads, [])
            self.env.invalidate_all()
            self.env.cr.cache.clear()
            job.action_import()
        self.assertEqual(len(reads), 1)
        self.assertEqual(job.created_count, 1)

    def test_a_huge_cell_rejects_its_row_with_the_limit_and_keeps_the_others(self):
        data = (
            f"Empresa;Email;Importe\n{'A' * 5_000_000};a@a.es;100\n"
            "Bar Pepe;p@bar.es;-5\nRiegos Turia;r@t.es;2000\n"
        )
        job = self._lead_import("feria.csv", data, user=self.user_salesperson)
        self.assertIn("AAAA…", job.preview)
        self.assertNotIn("A" * 300, job.preview)
        job.action_import()
        self.assertEqual((job.created_count, job.rejected_count), (1, 2))
        rejected = self._read_report(job.rejection_file, job.rejection_file_name).rows
        self.assertIn("5000000 characters long; at most 1000", rejected[0].values[-1])
        self.assertEqual(len(rejected[0].values[0]), 5_000_000)
        self.assertIn("cannot be negative", rejected[1].values[-1])

    def test_leads_without_salesperson_nor_rule_are_the_importers(self):
        job = self._import("Empresa;Email\nBar Pepe;pepe@bar.es\nRiegos Turia;r@t.es\n")
        self.assertEqual(job.lead_ids.user_id, self.user_salesperson)
        Colleague = self.env["crm.lead"].with_user(self.user_salesperson_other)
        self.assertFalse(Colleague.search([("id", "in", job.lead_ids.ids)]))

    def test_a_manager_may_leave_imported_leads_unassigned(self):
        job = self._lead_import(
            "feria.csv", "Empresa;Email\nBar Pepe;pepe@bar.es\n", user=self.user_manager
        )
        job.action_import()
        self.assertFalse(job.lead_ids.user_id)

    def test_a_match_with_a_hidden_lead_says_only_that_it_exists(self):
        job = self._import(
            "Empresa;Contacto;Email\nPuig;Jordi;jordi@puig.es\n",
            duplicate_policy="skip",
        )
        self.assertEqual((job.created_count, job.skipped_count), (0, 1))
        skipped = self._read_report(job.skipped_file, job.skipped_file_name).rows
        self.assertEqual(
            skipped[0].values[-2:],
            ["A record you cannot see", "It matches a record you cannot see."],
        )

    def test_update_never_touches_a_lead_the_importer_cannot_see(self):
        job = self._import(
            "Empresa;Contacto;Email;Teléfono\nPuig;Jordi;jordi@puig.es;600000000\n",
            duplicate_policy="update",
        )
        self.assertEqual((job.updated_count, job.skipped_count), (0, 1))
        self.assertFalse(job.rejection_file)
        self.assertFalse(self.hidden.phone)
        skipped = self._read_report(job.skipped_file, job.skipped_file_name).rows
        self.assertNotIn(str(self.hidden.id), " ".join(map(str, skipped[0].values)))
        self.assertNotIn("Marta", " ".join(map(str, skipped[0].values)))
