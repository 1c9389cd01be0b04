# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import uuid
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

from odoo.addons.queue_job.controllers.main import RunJobController

from ..models import crm_digital_lead_import

ROWS = 60
THRESHOLD = 20


@tagged("post_install", "-at_install")
class TestLeadImportJob(BaseCase):
    """A file above the background threshold goes the way a user's does: the
    request that starts it commits, then the job runner performs the job in a
    transaction of its own while another user follows its progress. Data is
    committed for real, and removed afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.tag = uuid.uuid4().hex[:8]
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = env["res.users"].create(
                {
                    "name": f"Comercial {cls.tag}",
                    "login": f"crmd_job_{cls.tag}",
                    "notification_type": "inbox",
                    "groups_id": [
                        (6, 0, env.ref("sales_team.group_sale_salesman").ids)
                    ],
                }
            )
            cls.uid = user.id
            cls.threshold = env.company.crm_digital_import_background_rows
            env.company.crm_digital_import_background_rows = THRESHOLD
        cls.addClassCleanup(cls._remove_data)

    @classmethod
    def _remove_data(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            imports = env["crm.digital.lead.import"].search([("user_id", "=", cls.uid)])
            env["crm.lead"].search([("import_id", "in", imports.ids)]).unlink()
            env["queue.job"].search(
                [("model_name", "=", imports._name), ("user_id", "=", cls.uid)]
            ).unlink()
            imports.unlink()
            env.company.crm_digital_import_background_rows = cls.threshold
            env["res.users"].browse(cls.uid).unlink()

    def _start_import(self):
        """The salesperson's request: upload a file and press Import."""
        data = "Empresa;Email\n" + "".join(
            f"Empresa {n} {self.tag};p{n}@{self.tag}.es\n" for n in range(ROWS)
        )
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.uid, {})
            job = env["crm.digital.lead.import"].create(
                {"file_name": "feria.csv", "file": base64.b64encode(data.encode())}
            )
            job.action_import()
            self.assertEqual(job.state, "queued")
            with self.assertRaises(UserError):
                job.action_import()
            queued = (
                env["queue.job"]
                .sudo()
                .search([("model_name", "=", job._name), ("user_id", "=", self.uid)])
            )
            self.assertEqual(len(queued), 1, "one job, however often Import is pressed")
            return job.id, queued.uuid

    def _run_as_the_runner(self, job_uuid):
        with self.registry.cursor() as cr:
            cr.execute(
                "UPDATE queue_job SET state = 'enqueued' WHERE uuid = %s", [job_uuid]
            )
            env = api.Environment(cr, SUPERUSER_ID, {})
            job = RunJobController._acquire_job(env, job_uuid)
            RunJobController._runjob(env, job)

    def test_a_background_import_commits_shows_its_progress_and_ends(self):
        import_id, job_uuid = self._start_import()
        Import = self.registry["crm.digital.lead.import"]
        report = Import._report_progress
        seen = []

        def report_and_look(record, percent):
            report(record, percent)
            # The user reloads the form meanwhile, from another worker.
            with self.registry.cursor() as cr:
                env = api.Environment(cr, self.uid, {})
                seen.append(env["crm.digital.lead.import"].browse(import_id).progress)

        with (
            patch.object(crm_digital_lead_import, "CREATE_BATCH", THRESHOLD),
            patch.object(
                Import, "_report_progress", autospec=True, side_effect=report_and_look
            ),
        ):
            self._run_as_the_runner(job_uuid)
        self.assertEqual(seen, [33, 66, 99])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.uid, {})
            job = env["crm.digital.lead.import"].browse(import_id)
            self.assertEqual(job.state, "done")
            self.assertEqual(job.progress, 100)
            self.assertEqual((job.row_count, job.created_count), (ROWS, ROWS))
            self.assertEqual(len(job.lead_ids), ROWS)
            done = env["queue.job"].sudo().search([("uuid", "=", job_uuid)])
            self.assertEqual(done.state, "done")
            told = (
                env["mail.message"]
                .sudo()
                .search([("model", "=", job._name), ("res_id", "=", job.id)])
            )
            self.assertIn("Lead import finished", told.mapped("subject"))
