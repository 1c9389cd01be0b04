# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import CrmDigitalCommon


@tagged("post_install", "-at_install")
class TestKitDigital(CrmDigitalCommon):
    def _log(self, hours, area="leads", user=None):
        return (
            self.env["crm.digital.parametrisation.log"]
            .with_user(user or self.user_consultant)
            .create(
                {
                    "hours": hours,
                    "area": area,
                    "description": "Reglas de asignación por provincia",
                }
            )
        )

    def test_segment_sets_the_users_and_hours_owed(self):
        self._log(6.5)
        self._log(2, area="opportunities")
        settings = Form(self.env["res.config.settings"].with_user(self.user_consultant))
        settings.crm_digital_segment = "I"
        self.assertEqual(settings.crm_digital_segment_users, 3)
        self.assertEqual(settings.crm_digital_segment_hours, 40)
        self.assertEqual(settings.crm_digital_logged_hours, 8.5)
        self.assertGreaterEqual(settings.crm_digital_sales_users, 4)
        settings.save().execute()
        self.assertEqual(self.env.company.crm_digital_segment, "I")
        settings = Form(self.env["res.config.settings"])
        settings.crm_digital_segment = "IV"
        self.assertEqual(
            (settings.crm_digital_segment_users, settings.crm_digital_segment_hours),
            (10, 60),
        )

    def test_the_segments_figures_are_those_of_the_employee_bands(self):
        # Data the consultant can read and correct, not constants in code.
        self.env.ref("crm_digital.employee_band_3_9").kit_digital_hours = 35
        settings = Form(self.env["res.config.settings"].with_user(self.user_consultant))
        settings.crm_digital_segment = "II"
        self.assertEqual(
            (settings.crm_digital_segment_users, settings.crm_digital_segment_hours),
            (1, 35),
        )
        segment = self.env["res.company"]._fields["crm_digital_segment"]
        labels = dict(segment._description_selection(self.env))
        self.assertEqual(labels["II"], "II: 3 to 9 employees (1 user, 35 h)")
        self.assertEqual(labels["I"], "I: 10 to 49 employees (3 users, 40 h)")

    def test_the_log_takes_possible_hours_from_consultants_only(self):
        with self.assertRaisesRegex(ValidationError, "25.0 hours is not possible"):
            self._log(25)
        with self.assertRaises(ValidationError):
            self._log(0)
        with self.assertRaises(AccessError):
            self._log(1, user=self.user_manager)
        entry = self._log(1.5)
        self.assertEqual(entry.user_id, self.user_consultant)
        self.assertEqual(
            entry.with_user(self.user_manager).description,
            "Reglas de asignación por provincia",
        )

    def test_justification_lists_the_requirements_with_this_database_figures(self):
        self.env.company.crm_digital_segment = "II"
        self.env["crm.digital.assignment.rule"].create(
            {"name": "Reparto Comunidad Valenciana", "team_id": self.team_led.id}
        )
        self._log(12)
        self._log(3.25, area="training")
        report = self.env.ref("crm_digital.action_report_justification")
        html = report._render_qweb_html(report.id, self.env.company.ids)[0].decode()
        for expected in (
            "Customer management",
            "Integration with other platforms",
            "Reparto Comunidad Valenciana",
            "In Analysis → Offer Presented → In Negotiation → Won",
            "<span>30</span> the segment requires",
            "<span>15.25</span> hours logged",
            "Training",
            "crmd_salesperson",
        ):
            self.assertIn(expected, html)
        # The PDF itself is fetched from a running server by
        # tests/test_justification_pdf.py (wkhtmltopdf reads the page's assets
        # over HTTP, which a test transaction would hold up).

    def test_the_consultant_is_not_counted_among_the_companys_users(self):
        self.user_consultant.groups_id += self.env.ref("sales_team.group_sale_salesman")
        users = self.env.company._crm_digital_sales_users()
        self.assertIn(self.user_consultant, users)
        self._log(4)
        users = self.env.company._crm_digital_sales_users()
        self.assertNotIn(self.user_consultant, users)
        self.assertIn(self.user_salesperson, users)

    def test_the_justification_is_written_as_its_readers_language_does(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["crm_digital"], ["es_ES"])
        self._log(12)
        self._log(3.25, area="training")
        report = self.env.ref("crm_digital.action_report_justification")
        html = (
            report.with_context(lang="es_ES")
            ._render_qweb_html(report.id, self.env.company.ids)[0]
            .decode()
        )
        self.assertIn("<span>15,25</span> horas", html)
        self.assertIn(">3,25</td>", html)
        today = fields.Date.context_today(self.env.user)
        self.assertIn(today.strftime("%d/%m/%Y"), html)
        self.assertNotIn(today.isoformat(), html)
        evidence = (
            self.env["report.crm_digital.report_justification"]
            .with_context(lang="es_ES")
            ._crm_digital_evidence(self.env.company)
        )
        lines = [line for key_lines in evidence.values() for line in key_lines]
        # In words, not module names.
        self.assertFalse([line for line in lines if "crm_digital" in line])
        self.assertEqual(
            len(
                [
                    line
                    for line in lines
                    if line.startswith(("Instalado: ", "No instalado: "))
                ]
            ),
            4,
            "a line for each addon beside the core",
        )

    def test_settings_print_the_justification(self):
        self.env.company.external_report_layout_id = self.env.ref(
            "web.external_layout_standard"
        )
        action = (
            self.env["res.config.settings"]
            .create({})
            .action_print_crm_digital_justification()
        )
        self.assertEqual(action["report_name"], "crm_digital.report_justification")
        self.assertEqual(action["context"]["active_ids"], self.env.company.ids)
