# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import timedelta

from odoo import Command, api, fields, models

from ..engine.definitions import CUTS

PDF_REPORT = "crm_digital_reporting.action_report_kpi"
XLSX_REPORT = "crm_digital_reporting.action_report_kpi_xlsx"


class CrmDigitalReportWizard(models.TransientModel):
    """What to print: a commercial report of the period around a day, in the
    scope of whoever prints it (the figures come from the dashboard's)."""

    _name = "crm.digital.report.wizard"
    _description = "Commercial Report"

    report = fields.Selection(
        [
            ("commercial", "Commercial Report"),
            ("pipeline", "Pipeline Report"),
            ("activity", "Activity Report"),
        ],
        required=True,
        default="commercial",
        help="Commercial: every KPI against the period before and the same "
        "period of the commercial year before, targets and breakdown. "
        "Pipeline: open opportunities by stage and closing month, funnel and "
        "forecast. Activity: activities and response time per salesperson.",
    )
    period = fields.Selection(
        [
            ("month", "Month"),
            ("ytd", "Year to Date"),
            ("year", "Commercial Year"),
        ],
        required=True,
        default="month",
        help="The commercial year starts in the month set in the CRM settings.",
    )
    day = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="A day of the period: its month, or its commercial year (up to "
        "this day for the year to date).",
    )
    cut = fields.Selection(
        selection="_selection_cut",
        string="Breakdown By",
        help="Leave empty for your profile's breakdown: per salesperson for "
        "team leaders, per team for managers, none for salespeople.",
    )

    @api.model
    def _selection_cut(self):
        return [(key, self.env._(label)) for key, label in CUTS]

    def _crm_digital_cut(self):
        # Activities are reported per person whatever the breakdown chosen.
        return "user_id" if self.report == "activity" else self.cut or False

    def _crm_digital_dashboard(self):
        self.ensure_one()
        return self.env["crm.digital.kpi.report"]._crm_digital_dashboard(
            period=self.period,
            day=fields.Date.to_string(self.day),
            cut=self._crm_digital_cut(),
        )

    def _crm_digital_title(self):
        """The report's name and its period ("Pipeline Report - May 2026"),
        without computing any figure: the files are named after it."""
        self.ensure_one()
        kpi = self.env["crm.digital.kpi.report"]
        first_month, columns = kpi._crm_digital_periods(self.period, self.day)
        label = kpi._crm_digital_period_label(
            self.period, columns["current"], first_month, kpi._crm_digital_locale()
        )
        report = dict(self._fields["report"]._description_selection(self.env))
        return f"{report[self.report]} - {label}"

    def action_print_pdf(self):
        return self.env.ref(PDF_REPORT).report_action(self, config=False)

    def action_export_xlsx(self):
        return self.env.ref(XLSX_REPORT).report_action(self, config=False)

    # ------------------------------------------------------------------
    # The monthly email to the managers
    # ------------------------------------------------------------------

    @api.model
    def _cron_crm_digital_monthly_report(self):
        """Each sales manager of a company that wants it gets the commercial
        report of the month just ended, computed as them (their scope); one
        job each, so that one failing report does not hold back the others."""
        manager_group = self.env.ref("sales_team.group_sale_manager")
        companies = self.env["res.company"].search(
            [("crm_digital_report_monthly_email", "=", True)]
        )
        for company in companies:
            managers = self.env["res.users"].search(
                [
                    ("share", "=", False),
                    ("email", "!=", False),
                    ("company_ids", "in", company.id),
                    ("groups_id", "in", manager_group.id),
                ]
            )
            for manager in managers:
                self.with_delay(
                    description=self.env._(
                        "Monthly commercial report to %s", manager.name
                    ),
                    identity_key=f"crm_digital_monthly_report_{company.id}_"
                    f"{manager.id}_{fields.Date.today():%Y-%m}",
                )._crm_digital_send_monthly_report(company, manager)

    def _crm_digital_send_monthly_report(self, company, user):
        env = self.with_user(user).with_company(company)
        env = env.with_context(lang=user.lang, tz=user.tz).env
        today = fields.Date.context_today(env.user)
        wizard = env["crm.digital.report.wizard"].create(
            {
                "report": "commercial",
                "period": "month",
                "day": today.replace(day=1) - timedelta(days=1),
            }
        )
        title = wizard._crm_digital_title()
        reports = env["ir.actions.report"]
        files = [
            (f"{title}.pdf", reports._render_qweb_pdf(PDF_REPORT, wizard.ids)[0]),
            (f"{title}.xlsx", reports._render_xlsx(XLSX_REPORT, wizard.ids, None)[0]),
        ]
        report = env["report.crm_digital_reporting.report_kpi"]
        body = env["ir.qweb"]._render(
            "crm_digital_reporting.mail_monthly_report",
            {
                "user": user,
                "company": company,
                "report": report._crm_digital_report_data(wizard),
                "format_cell": report._crm_digital_format,
            },
        )
        # As digests do: an email to the user, sent by the mail queue.
        mail = (
            env["mail.mail"]
            .sudo()
            .create(
                {
                    "auto_delete": True,
                    "author_id": self.env.user.partner_id.id,
                    "email_from": company.partner_id.email_formatted
                    or self.env.ref("base.user_root").email_formatted,
                    "recipient_ids": [Command.link(user.partner_id.id)],
                    "subject": env._(
                        "%(company)s: %(title)s", company=company.name, title=title
                    ),
                    "body_html": body,
                }
            )
        )
        attachments = (
            env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": name,
                        "datas": base64.b64encode(content),
                        "res_model": "mail.message",
                        "res_id": mail.mail_message_id.id,
                    }
                    for name, content in files
                ]
            )
        )
        mail.attachment_ids = [Command.set(attachments.ids)]
        return mail
