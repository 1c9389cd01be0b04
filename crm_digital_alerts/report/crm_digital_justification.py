# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ReportCrmDigitalJustification(models.AbstractModel):
    _inherit = "report.crm_digital.report_justification"

    def _crm_digital_extensions(self):
        return super()._crm_digital_extensions() | {"alerts"}

    def _crm_digital_evidence(self, company):
        evidence = super()._crm_digital_evidence(company)
        Alert = self.env["crm.digital.alert"].with_context(active_test=False)
        raised = dict(
            Alert._read_group(
                [("company_id", "in", [company.id, False])], ["active"], ["__count"]
            )
        )
        never = self.env._("off")
        evidence["alerts"] += [
            self.env._(
                "Alerts on stuck opportunities: %(stuck)s; days before a quotation "
                "expires: %(quotations)s; days before a service renews: "
                "%(renewals)s; on customers gone inactive: %(inactive)s; pop-ups: "
                "%(popups)s.",
                stuck=self.env._("on") if company.crm_digital_alert_stuck else never,
                quotations=company.crm_digital_alert_quotation_days or never,
                renewals=company.crm_digital_alert_renewal_days or never,
                inactive=self.env._("on")
                if company.crm_digital_alert_inactive
                else never,
                popups=self.env._("on") if company.crm_digital_alert_popup else never,
            ),
            self.env._(
                "Alerts raised: %(count)s, %(open)s of them open.",
                count=self._crm_digital_number(sum(raised.values())),
                open=self._crm_digital_number(raised.get(True, 0)),
            ),
        ]
        return evidence
