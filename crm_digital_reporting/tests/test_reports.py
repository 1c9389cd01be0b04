# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import timedelta

from babel.dates import format_date
from dateutil.relativedelta import relativedelta
from openpyxl import load_workbook

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged, users, warmup

from odoo.addons.crm_digital.tests.common import CrmDigitalCommon
from odoo.addons.queue_job.job import Job

from ..engine.definitions import KPIS

DAY = "2026-05-15"
PDF = "crm_digital_reporting.action_report_kpi"
XLSX = "crm_digital_reporting.action_report_kpi_xlsx"
HYPERLINK = '=HYPERLINK("https://example.com/x")'
# The sheets' tables start under the heading (row 8 is their header).
FIRST_ROW = 9


@tagged("post_install", "-at_install")
class TestReports(CrmDigitalCommon, HttpCase):
    """May 2026 against April 2026 and May 2025: the own salesperson wins
    7,300 / 1,200 / 2,500, the other one 3,900 in May, in a team, from a
    source and with an open deal in a stage whose names look like formulas.
    An HttpCase: wkhtmltopdf fetches the PDF's styles from the test server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.crm_digital_year_first_month = "1"
        cls.env.company.crm_digital_report_monthly_email = True
        people = cls.user_salesperson | cls.user_salesperson_other | cls.user_manager
        people.tz = "Europe/Madrid"
        own, other = cls.user_salesperson, cls.user_salesperson_other
        won = cls.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        cls.stage_formula = cls.env["crm.stage"].create(
            {"name": "-2+3", "sequence": 50}
        )
        cls.team_formula = cls.env["crm.team"].create(
            {"name": HYPERLINK, "member_ids": [other.id]}
        )
        source = cls.env["utm.source"].create({"name": "@SUM(1)"})
        cls.won_may = cls._deal("won May", own, cls.team_led, 7300, won)
        cls._dates(
            cls.won_may, "2026-04-01 10:00", "2026-05-10 10:00", "2026-05-05 10:00"
        )
        cls._dates(
            cls._deal("won April", own, cls.team_led, 1200, won),
            "2026-03-01 10:00",
            "2026-04-10 10:00",
        )
        cls._dates(
            cls._deal("won May 2025", own, cls.team_led, 2500, won),
            "2025-04-01 10:00",
            "2025-05-06 10:00",
        )
        cls.won_other = cls._deal(
            "won other", other, cls.team_formula, 3900, won, source_id=source.id
        )
        cls._dates(
            cls.won_other, "2026-04-02 10:00", "2026-05-12 10:00", "2026-05-06 10:00"
        )
        # Today's pipeline counts closing months from this one on.
        cls.closing = fields.Date.today() + relativedelta(months=1)
        for name, user, team, amount in [
            ("open own", own, cls.team_led, 5100),
            ("open other", other, cls.team_formula, 4700),
        ]:
            cls._deal(
                name, user, team, amount, cls.stage_formula, date_deadline=cls.closing
            )
        # First activity done 6 hours after the assignment (own), 24 (other).
        activity_type = cls.env.ref("mail.mail_activity_data_call")
        cls.env["mail.message"].create(
            [
                {
                    "model": "crm.lead",
                    "res_id": lead.id,
                    "message_type": "notification",
                    "subtype_id": cls.env.ref("mail.mt_activities").id,
                    "mail_activity_type_id": activity_type.id,
                    "date": date,
                }
                for lead, date in [
                    (cls.won_may, "2026-05-05 16:00:00"),
                    (cls.won_other, "2026-05-07 10:00:00"),
                ]
            ]
        )
        cls.env["mail.activity"].create(
            {
                "res_model_id": cls.env["ir.model"]._get_id("crm.lead"),
                "res_id": cls.lead_own.id,
                "activity_type_id": activity_type.id,
                "user_id": own.id,
                "date_deadline": fields.Date.today() - timedelta(days=3),
            }
        )

    @classmethod
    def _deal(cls, name, user, team, amount, stage, **values):
        return cls.env["crm.lead"].create(
            {
                "name": name,
                "type": "opportunity",
                "user_id": user.id,
                "team_id": team.id,
                "expected_revenue": amount,
                "stage_id": stage.id,
                **values,
            }
        )

    @classmethod
    def _dates(cls, lead, created, closed, assigned=None):
        cls._backdate(
            lead,
            create_date=created,
            date_closed=closed,
            date_open=assigned or created,
        )

    def _wizard(self, user, report="commercial", **values):
        return (
            self.env["crm.digital.report.wizard"]
            .with_user(user)
            .create({"report": report, "day": DAY, **values})
        )

    def _html(self, wizard):
        reports = self.env["ir.actions.report"].with_user(wizard.env.user)
        return reports._render_qweb_html(PDF, wizard.ids)[0].decode()

    def _sheets(self, wizard):
        reports = self.env["ir.actions.report"].with_user(wizard.env.user)
        content, kind = reports._render_xlsx(XLSX, wizard.ids, None)
        self.assertEqual(kind, "xlsx")
        book = load_workbook(io.BytesIO(content))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    self.assertNotEqual(cell.data_type, "f", cell.coordinate)
        return book

    @staticmethod
    def _rows(sheet):
        """{first cell: the row's cells} of a sheet's table."""
        return {
            row[0].value: row
            for row in sheet.iter_rows(min_row=FIRST_ROW)
            if row[0].value
        }

    def test_commercial_pdf_shows_the_three_columns_and_the_variations(self):
        html = self._html(self._wizard(self.user_salesperson))
        for text in ("May 2026", "April 2026", "May 2025", "Salesperson"):
            self.assertIn(text, html)
        self.assertIn(self.user_salesperson.name, html)
        # Won amount, its change against April and against May 2025.
        for figure in ("7,300.00", "1,200.00", "2,500.00", "+6,100.00", "+4,800.00"):
            self.assertIn(figure, html)
        self.assertIn("+508.3", html)

    def test_a_salespersons_report_holds_only_their_figures(self):
        for report in ("commercial", "pipeline", "activity"):
            wizard = self._wizard(self.user_salesperson, report, cut="team_id")
            html = self._html(wizard)
            with self.subTest(report=report):
                self.assertNotIn("3,900.00", html)
                self.assertNotIn("4,700.00", html)
                self.assertNotIn(self.user_salesperson_other.name, html)
                self.assertNotIn("HYPERLINK", html)
                values = [
                    cell.value
                    for sheet in self._sheets(wizard).worksheets
                    for row in sheet.iter_rows()
                    for cell in row
                ]
                self.assertNotIn(3900, values)
                self.assertNotIn(HYPERLINK, values)
        manager = self._html(self._wizard(self.user_manager))
        self.assertIn("3,900.00", manager)
        self.assertIn("Manager", manager)

    def test_commercial_spreadsheet_writes_numbers_as_numbers(self):
        book = self._sheets(self._wizard(self.user_salesperson))
        sheet = book["Key Figures"]
        self.assertEqual(sheet["A1"].value, "Commercial Report")
        self.assertEqual(sheet["B2"].value, "May 2026")
        self.assertEqual(sheet["B5"].value, "Salesperson")
        self.assertEqual(sheet["B6"].value, self.user_salesperson.name)
        won = self._rows(sheet)["Won Amount"]
        self.assertEqual([cell.value for cell in won[1:4]], [7300, 1200, 6100])
        self.assertAlmostEqual(won[4].value, 6100 / 1200)
        self.assertEqual([cell.value for cell in won[5:7]], [2500, 4800])
        self.assertEqual(won[1].data_type, "n")
        self.assertIn("0.00", won[1].number_format)
        self.assertTrue(won[6].number_format.startswith("+"))
        self.assertEqual(self._rows(sheet)["Win Rate"][1].number_format, "0.0%")

    def test_names_that_look_like_formulas_stay_text(self):
        book = self._sheets(self._wizard(self.user_manager, cut="source_id"))
        source = self._rows(book["By Source"])["@SUM(1)"]
        self.assertEqual(source[0].data_type, "s")
        self.assertEqual(source[1].value, 3900)
        book = self._sheets(self._wizard(self.user_manager))
        team = self._rows(book["By Sales Team"])[HYPERLINK]
        self.assertEqual(team[0].data_type, "s")
        self.assertEqual(team[1].value, 3900)
        book = self._sheets(self._wizard(self.user_manager, "pipeline"))
        stage = self._rows(book["Pipeline by Stage"])["-2+3"]
        self.assertEqual(stage[0].data_type, "s")
        self.assertEqual([stage[1].value, stage[2].value], [2, 9800])

    def test_pipeline_report_by_stage_closing_month_and_stuck(self):
        wizard = self._wizard(self.user_salesperson, "pipeline")
        html = self._html(wizard)
        for text in ("Pipeline by Stage", "Pipeline by Expected Closing", "Stuck"):
            self.assertIn(text, html)
        book = self._sheets(wizard)
        months = self._rows(book["Pipeline by Expected Closing"])
        closing = months[format_date(self.closing, "LLLL y", locale="en_US")]
        self.assertEqual([closing[1].value, closing[2].value], [1, 5100])
        self.assertEqual(months["No Closing Date"][2].value, 12000)
        self.assertEqual(months["Total"][2].value, 17100)
        self.assertEqual(self._rows(book["Pipeline by Stage"])["-2+3"][2].value, 5100)
        kpis = self._rows(book["Key Figures"])
        self.assertEqual(kpis["Pipeline"][1].value, 17100)
        self.assertEqual(kpis["Stuck"][1].data_type, "n")
        self.assertNotIn("Won Amount", kpis)

    def test_activity_report_per_person(self):
        book = self._sheets(self._wizard(self.user_manager, "activity", cut="team_id"))
        people = self._rows(book["By Salesperson"])
        own = people[self.user_salesperson.name]
        other = people[self.user_salesperson_other.name]
        # Hours to the first activity done, activities done, overdue today.
        self.assertEqual([own[1].value, own[2].value, own[3].value], [6, 1, 1])
        self.assertEqual([other[1].value, other[2].value, other[3].value], [24, 1, 0])
        html = self._html(self._wizard(self.user_salesperson, "activity"))
        self.assertIn("Response Time", html)
        self.assertIn("6.0 h", html)
        self.assertNotIn("24.0 h", html)

    def test_wizard_buttons_print_the_chosen_report(self):
        wizard = self._wizard(self.user_manager, "pipeline", period="year")
        action = wizard.action_print_pdf()
        self.assertEqual(action["report_name"], "crm_digital_reporting.report_kpi")
        self.assertEqual(action["context"]["active_ids"], wizard.ids)
        action = wizard.action_export_xlsx()
        self.assertEqual(action["report_type"], "xlsx")
        self.assertEqual(wizard._crm_digital_title(), "Pipeline Report - 2026")

    def _run_monthly_report(self, **context):
        """The scheduled action, then the jobs it queued (one per manager);
        ``context`` is the jobs' (real PDFs need force_report_rendering)."""
        self.env.ref(
            "crm_digital_reporting.ir_cron_monthly_report"
        ).method_direct_trigger()
        queued = self.env["queue.job"].search(
            [
                ("model_name", "=", "crm.digital.report.wizard"),
                ("method_name", "=", "_crm_digital_send_monthly_report"),
                ("state", "=", "pending"),
            ]
        )
        for uuid in queued.mapped("uuid"):
            job = Job.load(self.env, uuid)
            job.recordset = job.recordset.with_context(**context)
            job.perform()
        return queued

    def _monthly_mails(self, user):
        return self.env["mail.mail"].search(
            [("recipient_ids", "in", user.partner_id.id)]
        )

    def test_monthly_email_to_each_manager_in_their_language(self):
        self.env["res.lang"]._activate_lang("es_ES")
        manager_es = new_test_user(
            self.env,
            "crmd_manager_es",
            groups="sales_team.group_sale_manager",
            lang="es_ES",
            tz="Europe/Madrid",
        )
        self._run_monthly_report(force_report_rendering=True)
        today = fields.Date.context_today(manager_es.with_context(tz=manager_es.tz))
        month = today.replace(day=1) - timedelta(days=1)
        label = format_date(month, "LLLL y", locale="es_ES").capitalize()
        self.assertNotEqual(label, format_date(month, "LLLL y", locale="en_US"))
        mail = self._monthly_mails(manager_es)
        self.assertEqual(len(mail), 1)
        self.assertIn(label, mail.subject)
        self.assertIn(label, mail.body_html)
        self.assertEqual(mail.state, "outgoing")
        pdf, xlsx = mail.attachment_ids.sorted("name")
        self.assertTrue(pdf.name.endswith(f"{label}.pdf"))
        self.assertTrue(base64.b64decode(pdf.datas).startswith(b"%PDF"))
        self.assertTrue(xlsx.name.endswith(f"{label}.xlsx"))
        sheet = load_workbook(io.BytesIO(base64.b64decode(xlsx.datas))).worksheets[0]
        self.assertEqual(sheet["B2"].value, label)
        self.assertEqual(sheet["B6"].value, manager_es.name)
        english = self._monthly_mails(self.user_manager)
        self.assertIn(format_date(month, "LLLL y", locale="en_US"), english.subject)
        self.assertFalse(self._monthly_mails(self.user_salesperson))

    def test_no_monthly_email_when_switched_off(self):
        self.env.company.crm_digital_report_monthly_email = False
        self.assertFalse(self._run_monthly_report())
        self.assertFalse(self._monthly_mails(self.user_manager))

    def test_justification_lists_the_reporting_evidence(self):
        self.env["crm.digital.sales.target"].create(
            {"month": DAY, "team_id": self.team_led.id, "amount_won": 20000}
        )
        Report = self.env["report.crm_digital.report_justification"]
        lines = Report._crm_digital_evidence(self.env.company)["reporting"]
        text = "\n".join(lines)
        self.assertIn(f"KPIs defined ({len(KPIS)}): Won Amount, Won,", text)
        self.assertIn("Profiles served:", text)
        self.assertIn("Commercial Report, Pipeline Report, Activity Report", text)
        self.assertIn("The commercial year starts in January.", text)
        self.assertIn("Monthly report emailed to the managers: on.", text)
        targets = self.env["crm.digital.sales.target"].search_count(
            [("company_id", "=", self.env.company.id)]
        )
        self.assertIn(f"Monthly sales targets set: {targets}.", text)
        self.env.company.crm_digital_report_monthly_email = False
        lines = Report._crm_digital_evidence(self.env.company)["reporting"]
        self.assertIn("Monthly report emailed to the managers: off.", lines)

    def _query_count(self, function):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        function()
        return self.env.cr.sql_log_count - before

    @users("crmd_manager")
    @warmup
    def test_report_data_query_count_does_not_grow_with_the_data(self):
        """A report's data costs the queries of its get_dashboard call and
        not one more (the tables are built in Python), at any data size."""
        Report = self.env["report.crm_digital_reporting.report_kpi"]
        wizards = {
            report: self.env["crm.digital.report.wizard"].create(
                {"report": report, "day": DAY}
            )
            for report in ("commercial", "pipeline", "activity")
        }
        dashboard = {
            report: self._query_count(wizard._crm_digital_dashboard)
            for report, wizard in wizards.items()
        }
        for size in (0, 30):
            self.env["crm.lead"].sudo().create(
                [
                    {
                        "name": f"more {n}",
                        "type": "opportunity",
                        "user_id": self.user_salesperson.id,
                        "stage_id": self.stage_formula.id,
                        "expected_revenue": 100,
                    }
                    for n in range(size)
                ]
            )
            for report, wizard in wizards.items():
                self.env.invalidate_all()
                with (
                    self.subTest(report=report, size=size),
                    self.assertQueryCount(crmd_manager=dashboard[report]),
                ):
                    Report._crm_digital_report_data(wizard)
