# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ReportCrmDigitalJustification(models.AbstractModel):
    _inherit = "report.crm_digital.report_justification"

    def _crm_digital_extensions(self):
        return super()._crm_digital_extensions() | {"reporting"}

    def _crm_digital_evidence(self, company):
        evidence = super()._crm_digital_evidence(company)
        # Only the KPI definitions are read, not figures: whoever prints the
        # justification need not be in sales.
        board = (
            self.env["crm.digital.kpi.report"]
            .sudo()
            .with_company(company)
            .get_dashboard()
        )
        users = company._crm_digital_sales_users()
        all_leads = self.env.ref("sales_team.group_sale_salesman_all_leads")
        team_leader = self.env.ref("crm_digital.group_crm_digital_team_leader")
        managers = users.filtered(lambda user: all_leads in user.groups_id)
        leaders = (users - managers).filtered(
            lambda user: team_leader in user.groups_id
        )
        reports = self.env["crm.digital.report.wizard"]._fields["report"]
        months = company._fields["crm_digital_year_first_month"]
        targets = (
            self.env["crm.digital.sales.target"]
            .sudo()
            .search_count([("company_id", "=", company.id)])
        )
        state = (
            self.env._("on")
            if company.crm_digital_report_monthly_email
            else self.env._("off")
        )
        evidence["reporting"] += [
            self.env._(
                "KPIs defined (%(count)s): %(names)s.",
                count=self._crm_digital_number(len(board["kpis"])),
                names=", ".join(kpi["label"] for kpi in board["kpis"]),
            ),
            self.env._(
                "Profiles served: salespeople, who see their own figures: "
                "%(salespeople)s; team leaders, their teams': %(leaders)s; "
                "managers, all: %(managers)s.",
                salespeople=self._crm_digital_number(len(users - managers - leaders)),
                leaders=self._crm_digital_number(len(leaders)),
                managers=self._crm_digital_number(len(managers)),
            ),
            self.env._(
                "Reports, as PDF and spreadsheet: %(reports)s; and the "
                "commercial dashboard.",
                reports=", ".join(
                    label for _key, label in reports._description_selection(self.env)
                ),
            ),
            self.env._(
                "The commercial year starts in %(month)s.",
                month=dict(months._description_selection(self.env))[
                    company.crm_digital_year_first_month
                ],
            ),
            self.env._(
                "Monthly report emailed to the managers: %(state)s.", state=state
            ),
            self.env._(
                "Monthly sales targets set: %(count)s.",
                count=self._crm_digital_number(targets),
            ),
        ]
        return evidence
