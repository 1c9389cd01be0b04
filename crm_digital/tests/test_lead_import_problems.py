# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import zipfile
from unittest.mock import patch

import psycopg2

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job

from ..engine.lead_file import PROBLEMS_COLUMN
from ..models import crm_digital_lead_import
from .common import CrmDigitalCommon


@tagged("post_install", "-at_install")
class TestLeadImportProblems(CrmDigitalCommon):
    """A problem in one value costs the row nothing; a problem with the file
    says what it is."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.crm_digital_import_background_rows = 0

    def test_an_invalid_optional_value_imports_the_row_as_written(self):
        data = (
            "Empresa;Email;Teléfono;Fecha de cierre;Comercial;Provincia\n"
            "Hornos Alzira;info@hornos.es;123;31/02/2025;Nadie Conocido;Atlántida\n"
            "Riegos Turia;correo-roto@;961 55 12 34;30/06/2026;;Valencia\n"
        )
        job = self._lead_import("feria.csv", data)
        job.action_import()
        self.assertEqual((job.created_count, job.rejected_count), (2, 0))
        self.assertEqual(job.warning_count, 2)
        hornos, riegos = job.lead_ids.sorted("partner_name")
        self.assertEqual(hornos.phone, "123")
        for kept in (
            "Fecha de cierre: 31/02/2025",
            "Salesperson: Nadie Conocido",
            "State: Atlántida",
        ):
            self.assertIn(kept, hornos.description)
        self.assertEqual(riegos.email_from, "correo-roto@")
        self.assertEqual(riegos.state_id.code, "V")
        report = self._read_report(job.warning_file, job.warning_file_name)
        self.assertEqual(report.header[-1], PROBLEMS_COLUMN)
        self.assertEqual(
            [row.values[0] for row in report.rows], ["Hornos Alzira", "Riegos Turia"]
        )
        self.assertIn('"123" is not a valid phone number', report.rows[0].values[-1])

    def test_a_strict_column_and_an_invalid_tax_id_reject_the_row(self):
        data = "Empresa;Teléfono;NIF\nHornos;123;\nRiegos;961551234;B1234\nSol;;\n"
        job = self._lead_import("f.csv", data)
        job.column_ids.filtered(lambda c: c.name == "Teléfono").strict = True
        job.action_import()
        self.assertEqual((job.created_count, job.rejected_count), (1, 2))

    def test_control_characters_in_a_cell_are_dropped_not_fatal(self):
        data = (
            "Empresa;Email;Notas\nHornos\x00 Alzira;info@hornos.es;dice\x00 hola\x1b\n"
        )
        job = self._lead_import("nul.csv", data)
        job.action_import()
        self.assertEqual(job.created_count, 1)
        self.assertEqual(job.lead_ids.partner_name, "Hornos Alzira")

    def _error_of(self, file_name, data, **values):
        job = self._lead_import(file_name, data, **values)
        with self.assertRaises(UserError) as caught:
            job.action_import()
        message = caught.exception.args[0]
        self.assertNotIn("Choose the template", message)
        return message

    def test_each_broken_file_says_what_is_wrong_with_it(self):
        zipped = io.BytesIO()
        with zipfile.ZipFile(zipped, "w") as archive:
            archive.writestr("xl/workbook.xml", "<workbook/>" * 50)
        cases = {
            "empty": ("vacio.csv", b"   \n"),
            "garbage": ("basura.csv", bytes(range(256)) * 4),
            "zip": ("roto.xlsx", zipped.getvalue()[:60]),
            "xls": ("antiguo.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64),
            "quote": ("comillas.csv", b'Empresa;Email\n"Hornos;info@hornos.es\n'),
        }
        messages = {kind: self._error_of(*case) for kind, case in cases.items()}
        self.assertIn("empty", messages["empty"])
        self.assertIn(".xlsx", messages["zip"])
        self.assertIn(".xls", messages["xls"])
        self.assertIn("quote", messages["quote"])
        self.assertEqual(len(set(messages.values())), len(messages))

    def test_an_empty_file_with_a_template_says_it_is_empty(self):
        template = self.env["crm.digital.import.template"].search(
            [("code", "=", "odoo")]
        )
        job = self.env["crm.digital.lead.import"].create(
            {"file_name": "f.csv", "file": "", "template_id": template.id}
        )
        with self.assertRaisesRegex(UserError, "empty"):
            job.action_import()

    def test_content_that_is_not_base64_is_refused_with_a_message(self):
        with self.assertRaisesRegex(UserError, "base64"):
            self.env["crm.digital.lead.import"].create(
                {"file_name": "f.csv", "file": "no es base64!"}
            )

    def test_a_background_import_that_breaks_ends_failed_and_tells_the_user(self):
        self.env.company.crm_digital_import_background_rows = 1
        job = self._lead_import(
            "f.csv", "Empresa;Email;NIF\nHornos;a@b.es;\nSol;c@d.es;\nMal;e@f.es;B1\n"
        )
        job.action_import()
        self.assertEqual(job.state, "queued")
        with self.assertRaisesRegex(UserError, "already being imported"):
            job.action_import()
        queued = self.env["queue.job"].search(
            [("model_name", "=", job._name), ("method_name", "=", "_run_job")]
        )
        self.assertEqual(len(queued), 1, "one job per import")
        # It breaks once the leads exist, writing the files given back.
        with (
            patch.object(
                crm_digital_lead_import,
                "write_rejections",
                side_effect=RuntimeError("disco lleno"),
            ),
            self.assertLogs(
                "odoo.addons.crm_digital.models.crm_digital_lead_import", "ERROR"
            ),
        ):
            Job.load(self.env, queued.uuid).perform()
        self.assertEqual(job.state, "failed")
        self.assertIn("disco lleno", job.error_message)
        self.assertFalse(job.lead_ids)
        told = self.env["mail.message"].search(
            [("model", "=", job._name), ("res_id", "=", job.id)]
        )
        self.assertIn("Lead import failed", told.mapped("subject"))
        # Failed is not final: the user may import it again.
        self.env.company.crm_digital_import_background_rows = 0
        job.action_import()
        self.assertEqual((job.state, job.created_count), ("done", 2))

    def test_a_job_that_keeps_colliding_is_retried_then_ends_failed(self):
        self.env.company.crm_digital_import_background_rows = 1
        job = self._lead_import("f.csv", "Empresa;Email\nHornos;a@b.es\nSol;c@d.es\n")
        job.action_import()
        collision = psycopg2.errors.SerializationFailure("concurrent update")
        with (
            patch.object(type(job), "_run", side_effect=collision),
            self.assertRaises(RetryableJobError),
        ):
            job._run_job()
        self.assertEqual(job.state, "queued")
        function = self.env.ref("crm_digital.job_function_lead_import_run")
        self.assertEqual(function.on_fail_method, "_on_job_failed")
        job._on_job_failed(exc_name="FailedJobError")
        self.assertEqual(job.state, "failed")
        self.assertIn("several attempts", job.error_message)
