# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.queue_job.job import Job

from ..engine.lead_file import PROBLEMS_COLUMN, REJECTION_COLUMN, read_lead_file
from ..models import crm_digital_lead_import
from .common import CrmDigitalCommon
from .test_engine_lead_templates import ERROR_SAMPLE
from .test_engine_lead_templates import SAMPLES as TEMPLATE_OF_SAMPLE
from .test_engine_lead_templates import SAMPLES_DIR as SAMPLES

CLEAN_SAMPLES = {
    name: code for name, code in TEMPLATE_OF_SAMPLE.items() if name != ERROR_SAMPLE
}


@tagged("post_install", "-at_install")
class TestLeadImport(CrmDigitalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The people and teams the sample files name.
        for login, name in (
            ("ana", "Ana García Torres"),
            ("david", "David López Navarro"),
            ("elena", "Elena Jiménez Ruiz"),
            ("sergio", "Sergio Romero Alonso"),
        ):
            new_test_user(
                cls.env, login, name=name, groups="sales_team.group_sale_salesman"
            )
        cls.env["crm.team"].create([{"name": "Ventas Online"}])
        cls.env.company.crm_digital_import_background_rows = 0

    def _import(self, name, user=None, **values):
        job = (
            self.env["crm.digital.lead.import"]
            .with_user(user or self.env.user)
            .create(
                {
                    "file_name": name,
                    "file": base64.b64encode((SAMPLES / name).read_bytes()),
                    **values,
                }
            )
        )
        job.action_import()
        return job

    def _reasons(self, job):
        if not job.rejection_file:
            return ""
        parsed = read_lead_file(
            base64.b64decode(job.rejection_file), job.rejection_file_name
        )
        return "; ".join(sorted({row.values[-1] for row in parsed.rows}))

    def _counts(self, job):
        return (
            job.created_count
            + job.updated_count
            + job.flagged_count
            + job.skipped_count
            + job.rejected_count
        )

    def test_every_template_sample_is_recognised_and_imported(self):
        for name, code in CLEAN_SAMPLES.items():
            with self.subTest(name):
                job = self._import(name)
                self.assertEqual(job.template_id.code, code)
                self.assertEqual(job.state, "done")
                self.assertFalse(
                    job.rejected_count,
                    job.rejection_file and base64.b64decode(job.rejection_file),
                )
                self.assertEqual(self._counts(job), job.row_count)
                self.assertEqual(
                    len(job.lead_ids), job.created_count + job.flagged_count
                )
                self.assertTrue(all(job.lead_ids.mapped("name")))

    def test_spanish_template_fills_identity_and_origin(self):
        job = self._import("plantilla_leads.xlsx")
        self.assertTrue(
            job.lead_ids, job.rejection_file and base64.b64decode(job.rejection_file)
        )
        lead = job.lead_ids.filtered("vat")[:1]
        self.assertTrue(lead.vat.startswith("ES"))
        self.assertTrue(job.lead_ids.filtered("industry_id"))
        self.assertTrue(job.lead_ids.filtered("employee_band_id"))
        self.assertTrue(job.lead_ids.filtered("source_id"))

    def test_rejection_file_holds_exactly_the_bad_rows_in_the_same_format(self):
        name = "plantilla_leads_errores.csv"
        job = self._import(name)
        original = read_lead_file((SAMPLES / name).read_bytes(), name)
        self.assertEqual(job.row_count, len(original.rows))
        self.assertEqual(self._counts(job), job.row_count, "every row is accounted for")
        # A row without name, company, contact or email, and an invalid NIF.
        self.assertEqual(job.rejected_count, 2)
        rejected = read_lead_file(
            base64.b64decode(job.rejection_file), job.rejection_file_name
        )
        self.assertEqual((rejected.encoding, rejected.delimiter), ("cp1252", ";"))
        self.assertEqual(rejected.header[-1], REJECTION_COLUMN)
        self.assertEqual(
            [row.values[-2] for row in rejected.rows], ["ERR-103", "ERR-107"]
        )
        reasons = " ".join(row.values[-1] for row in rejected.rows)
        for words in ("B03459875", "needs a value"):
            self.assertIn(words, reasons)
        # Invalid optional values cost their rows nothing: kept, and listed.
        problems = read_lead_file(
            base64.b64decode(job.warning_file), job.warning_file_name
        )
        self.assertEqual(problems.header[-1], PROBLEMS_COLUMN)
        listed = " ".join(row.values[-1] for row in problems.rows)
        for word in ("lucia@", "31/02/2025", '"123"'):
            self.assertIn(word, listed)
        lucia = job.lead_ids.filtered(lambda lead: lead.email_from == "lucia@")
        self.assertEqual(len(lucia), 1)
        # The second visit of Cerámicas Castellón is its first row again.
        skipped = read_lead_file(
            base64.b64decode(job.skipped_file), job.skipped_file_name
        )
        self.assertEqual([row.values[-3] for row in skipped.rows], ["ERR-108"])
        formula = job.lead_ids.filtered(
            lambda lead: (lead.partner_name or "").startswith("=")
        )
        self.assertEqual(len(formula), 1, "a formula is kept as plain text")

    def test_running_the_same_file_again_creates_nothing(self):
        first = self._import("salesforce_leads.csv")
        second = self._import("salesforce_leads.csv")
        self.assertTrue(first.created_count)
        self.assertEqual(second.created_count, 0)
        self.assertEqual(second.skipped_count, second.row_count)

    def _existing_zoho_leads(self):
        """The leads of the Zoho sample, as if entered by hand earlier."""
        first = self._import("zoho_leads.csv")
        first.lead_ids.write({"import_key": False, "import_id": False})
        return first.lead_ids

    def test_rerun_by_a_salesperson_skips_leads_the_rules_gave_away(self):
        self.env["crm.digital.assignment.rule"].create(
            {
                "name": "Otro",
                "strategy": "fixed",
                "user_id": self.user_salesperson_other.id,
            }
        )
        csv = (
            "Oportunidad;Empresa;Email\n"
            "Web;Hornos Alzira, S.L.;info@hornosalzira.es\n"
            "ERP;Riegos Turia, S.A.;admin@riegosturia.es\n"
        )
        jobs = self.env["crm.digital.lead.import"]
        for _run in range(2):
            job = (
                self.env["crm.digital.lead.import"]
                .with_user(self.user_salesperson)
                .create(
                    {"file_name": "feria.csv", "file": base64.b64encode(csv.encode())}
                )
            )
            job.action_import()
            jobs |= job
        self.assertEqual(jobs.mapped("created_count"), [2, 0])
        self.assertEqual(jobs[1].skipped_count, 2)

    def test_duplicates_are_skipped(self):
        existing = self._existing_zoho_leads()
        job = self._import("zoho_leads.csv", duplicate_policy="skip")
        self.assertEqual(job.skipped_count, job.row_count)
        self.assertEqual(
            self.env["crm.lead"].search_count([("id", "in", existing.ids)]),
            len(existing),
        )

    def test_duplicates_update_the_existing_lead(self):
        existing = self._existing_zoho_leads()
        existing.write({"function": False})
        job = self._import("zoho_leads.csv", duplicate_policy="update")
        self.assertEqual(job.updated_count, job.row_count)
        self.assertFalse(job.lead_ids)
        self.assertTrue(
            all(existing.mapped("function")), "the file's values are written"
        )

    def test_duplicates_are_imported_flagged(self):
        self._existing_zoho_leads()
        job = self._import("zoho_leads.csv", duplicate_policy="flag")
        self.assertEqual(job.flagged_count, job.row_count)
        self.assertTrue(all(job.lead_ids.mapped("import_duplicate")))

    def test_a_failure_mid_file_leaves_nothing_imported(self):
        before = self.env["crm.lead"].search_count([])
        with (
            patch.object(
                type(self.env["crm.lead"]),
                "_crm_digital_assign_new",
                side_effect=RuntimeError("boom"),
            ),
            self.assertRaises(RuntimeError),
        ):
            self._import("hubspot_contacts.csv")
        self.assertEqual(self.env["crm.lead"].search_count([]), before)

    def test_imported_leads_go_by_the_assignment_rules(self):
        self.env["crm.digital.assignment.rule"].create(
            {
                "name": "Todo",
                "strategy": "fixed",
                "user_id": self.user_salesperson_other.id,
            }
        )
        job = self.env["crm.digital.lead.import"].create(
            {
                "file_name": "feria.csv",
                "file": base64.b64encode(
                    b"Oportunidad;Empresa;Email\n"
                    b"Web;Hornos Alzira, S.L.;info@hornosalzira.es\n"
                    b"ERP;Riegos Turia, S.A.;admin@riegosturia.es\n"
                ),
                "template_id": self.env["crm.digital.import.template"]
                .search([("code", "=", "crm_digital")])
                .id,
            }
        )
        self.env.company.crm_digital_assignment_notify = "notification"
        owner = self.user_salesperson_other.partner_id
        before = self.env["mail.notification"].search(
            [("res_partner_id", "=", owner.id)]
        )
        # Leads are created in batches: the owner is still told once.
        with patch.object(crm_digital_lead_import, "CREATE_BATCH", 1):
            job.action_import()
        self.assertEqual(job.created_count, 2)
        self.assertEqual(job.lead_ids.user_id, self.user_salesperson_other)
        self.assertEqual(job.lead_ids.assignment_rule_id.name, "Todo")
        told = (
            self.env["mail.notification"].search([("res_partner_id", "=", owner.id)])
            - before
        )
        self.assertEqual(len(told), 1)
        self.assertIn("2 new lead(s)", told.mail_message_id.body)

    def test_big_file_goes_to_the_background_and_notifies(self):
        self.env.company.crm_digital_import_background_rows = 3
        job = self._import("odoo_leads.csv")
        self.assertEqual(job.state, "queued")
        self.assertFalse(job.lead_ids)
        queued = self.env["queue.job"].search(
            [("model_name", "=", job._name), ("method_name", "=", "_run_job")]
        )
        self.assertEqual(len(queued), 1)
        # Progress is committed apart, out of this test's transaction: the
        # figures the job reports are caught on their way.
        shown = []
        with (
            patch.object(crm_digital_lead_import, "CREATE_BATCH", 2),
            patch.object(
                type(job),
                "_report_progress",
                autospec=True,
                side_effect=lambda record, percent: shown.append(percent),
            ),
        ):
            Job.load(self.env, queued.uuid).perform()
        self.assertEqual(job.state, "done")
        self.assertTrue(job.created_count)
        self.assertGreater(len(shown), 1)
        self.assertEqual(shown, sorted(shown))
        self.assertEqual(shown[-1], 100)
        self.assertEqual(job.progress, 100)
        notice = (
            self.env["mail.message"]
            .search([("model", "=", job._name), ("res_id", "=", job.id)])
            .filtered(lambda message: message.subject == "Lead import finished")
        )
        self.assertIn(self.env.user.partner_id, notice.partner_ids)

    def test_team_leader_rows_outside_their_teams_are_rejected_not_lost(self):
        members = self.env["res.users"].search([("login", "in", ["ana", "david"])])
        self.team_led.member_ids = [(4, user.id) for user in members]
        job = self._import("plantilla_leads_errores.csv", user=self.user_leader)
        self.assertEqual(self._counts(job), job.row_count)
        self.assertIn("Your access rights do not cover", self._reasons(job))
        self.assertTrue(job.created_count)
        team_led = self.team_led.with_user(self.user_leader)
        self.assertEqual(job.lead_ids.team_id, team_led)

    def test_salesperson_sees_only_own_imports(self):
        own = self._import("zoho_leads.csv", user=self.user_salesperson)
        other = self._import("hubspot_contacts.csv", user=self.user_salesperson_other)
        visible = (
            self.env["crm.digital.lead.import"]
            .with_user(self.user_salesperson)
            .search([])
        )
        self.assertIn(own, visible)
        self.assertNotIn(other, visible)

    def test_a_file_without_the_needed_columns_says_what_to_map(self):
        job = self.env["crm.digital.lead.import"].create(
            {
                "file_name": "vacio.csv",
                "file": base64.b64encode(b"Color;Talla\nrojo;M\n"),
                "template_id": self.env["crm.digital.import.template"]
                .search([("code", "=", "odoo")])
                .id,
            }
        )
        with self.assertRaisesRegex(UserError, "Map a column"):
            job.action_import()


@tagged("post_install", "-at_install")
class TestLeadImportSamples(HttpCase):
    def test_each_ready_template_offers_its_sample_file_for_download(self):
        self.authenticate("admin", "admin")
        templates = self.env["crm.digital.import.template"].search(
            [("code", "!=", False)]
        )
        self.assertEqual(len(templates), len(CLEAN_SAMPLES))
        for template in templates:
            with self.subTest(template.code):
                action = template.action_download_sample()
                self.assertEqual(action["target"], "download")
                response = self.url_open(action["url"])
                self.assertEqual(response.status_code, 200)
                name = action["url"].rsplit("/", 1)[1]
                self.assertEqual(CLEAN_SAMPLES[name], template.code)
                self.assertEqual(response.content, (SAMPLES / name).read_bytes())
        job = self.env["crm.digital.lead.import"].new({"template_id": templates[0].id})
        self.assertEqual(
            job.action_download_template_sample()["url"], templates[0].sample_url
        )
        self.assertFalse(
            self.env["crm.digital.import.template"].create({"name": "Feria"}).sample_url
        )
