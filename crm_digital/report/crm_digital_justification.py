# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, models
from odoo.tools import format_date, formatLang
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# The requirements an addon of its own fulfils, and what it brings, in the
# words of the justification. Each such addon says which one it fulfils
# (_crm_digital_extensions), so none is named here.
EXTENSIONS = {
    "reporting": _lt("KPI dashboards by profile, analyses and commercial reports"),
    "alerts": _lt("customer alerts shown with icons, badges and pop-ups"),
    "documents": _lt("document management of customers, opportunities and quotations"),
    "integration": _lt("the REST API with keys per user"),
}


class ReportCrmDigitalJustification(models.AbstractModel):
    """Kit Digital justification: each functional requirement of the
    "Gestión de clientes" category with the configuration of this database
    that fulfils it, the users served and the parametrisation hours logged.
    Addons add evidence by extending _crm_digital_evidence()."""

    _name = "report.crm_digital.report_justification"
    _description = "Kit Digital Justification Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        companies = self.env["res.company"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "res.company",
            "docs": companies,
            "justification": {
                company.id: self.with_company(company)._justification(company)
                for company in companies
            },
            # Numbers and dates as the reader's language writes them.
            "format_number": self._crm_digital_number,
            "format_day": lambda day: format_date(self.env, day),
        }

    def _crm_digital_number(self, value, digits=0):
        return formatLang(self.env, value, digits=digits)

    def _justification(self, company):
        segment = company.crm_digital_segment
        band = self.env["crm.digital.employee.band"].sudo()._for_segment(segment)
        users_required, hours_required = band.kit_digital_users, band.kit_digital_hours
        users = company._crm_digital_sales_users()
        entries = company._crm_digital_work_items()
        by_area = defaultdict(float)
        for entry in entries:
            by_area[entry.area] += entry.hours
        areas = entries._fields["area"]._description_selection(self.env)
        evidence = self._crm_digital_evidence(company)
        return {
            "segment": segment,
            "users_required": users_required,
            "hours_required": hours_required,
            "users": users,
            "entries": entries,
            "hours_logged": sum(entries.mapped("hours")),
            "hours_by_area": [
                (label, by_area[key]) for key, label in areas if by_area[key]
            ],
            "requirements": [
                {"title": title, "text": text, "evidence": evidence[key]}
                for key, title, text in self._crm_digital_requirements()
            ],
        }

    def _crm_digital_requirements(self):
        return [
            (
                "customers",
                self.env._("Customer management"),
                self.env._(
                    "Every customer's data and history since it was an "
                    "opportunity, including simulated purchases (quotations)."
                ),
            ),
            (
                "leads",
                self.env._("Lead management"),
                self.env._(
                    "Leads created by hand or imported from files, worked until "
                    "converted, assigned by configurable business rules."
                ),
            ),
            (
                "opportunities",
                self.env._("Opportunity management"),
                self.env._("Offers and quotations, with a state for each opportunity."),
            ),
            (
                "tasks",
                self.env._("Commercial actions and tasks"),
                self.env._(
                    "Commercial actions and tasks created by hand and automatically."
                ),
            ),
            (
                "reporting",
                self.env._("Reporting, planning and follow-up"),
                self.env._(
                    "KPIs and pipeline by salesperson, team leader and manager."
                ),
            ),
            (
                "alerts",
                self.env._("Alerts"),
                self.env._(
                    "Customer alerts shown graphically: icons, badges, pop-ups."
                ),
            ),
            (
                "documents",
                self.env._("Document management"),
                self.env._(
                    "Documents of the commercial activity and of the customers."
                ),
            ),
            (
                "responsive",
                self.env._("Responsive design"),
                self.env._("Usable on phones, tablets and desktops."),
            ),
            (
                "integration",
                self.env._("Integration with other platforms"),
                self.env._("APIs and web services to consolidate the company's data."),
            ),
        ]

    def _crm_digital_extensions(self):
        """The keys of EXTENSIONS whose addon is installed: each adds its own."""
        return set()

    def _crm_digital_evidence(self, company):
        """{requirement key: [lines]}: what this database has configured and
        recorded for each requirement."""
        Lead = self.env["crm.lead"].with_context(active_test=False)
        mine = [("company_id", "in", [company.id, False])]
        evidence = defaultdict(list)
        customers = self.env["res.partner"].search_count(
            [("opportunity_ids", "!=", False)]
        )
        quotations = self.env["sale.order"].search_count(
            [("opportunity_id", "!=", False), ("company_id", "=", company.id)]
        )
        evidence["customers"] += [
            self.env._(
                "Customers with opportunities: %(count)s.",
                count=self._crm_digital_number(customers),
            ),
            self.env._(
                "Quotations made from opportunities: %(count)s.",
                count=self._crm_digital_number(quotations),
            ),
        ]
        rules = self.env["crm.digital.assignment.rule"].search(
            [("company_id", "in", [company.id, False])]
        )
        templates = self.env["crm.digital.import.template"].search(
            [("column_ids", "!=", False)]
        )
        imports = self.env["crm.digital.lead.import"].search_count(
            [("state", "=", "done"), ("company_id", "=", company.id)]
        )
        evidence["leads"] += [
            self.env._(
                "Leads: %(count)s.",
                count=self._crm_digital_number(
                    Lead.search_count([*mine, ("type", "=", "lead")])
                ),
            ),
            self.env._(
                "Assignment rules (%(count)s): %(names)s.",
                count=self._crm_digital_number(len(rules)),
                names=", ".join(rules.mapped("name")) or "-",
            ),
            self.env._(
                "Import templates (%(count)s): %(names)s. Files imported: %(imports)s.",
                count=self._crm_digital_number(len(templates)),
                names=", ".join(templates.mapped("name")),
                imports=self._crm_digital_number(imports),
            ),
        ]
        stages = self.env["crm.stage"].search(
            [
                "|",
                ("team_id", "=", False),
                ("team_id.company_id", "in", [company.id, False]),
            ]
        )
        outcomes = dict(
            Lead._read_group(
                [*mine, ("type", "=", "opportunity")],
                ["crm_digital_outcome"],
                ["__count"],
            )
        )
        evidence["opportunities"] += [
            self.env._(
                "Pipeline: %(stages)s. Stages with rules to enter them: %(rules)s.",
                stages=" → ".join(stages.mapped("name")),
                rules=self._crm_digital_number(
                    len(stages.filtered("crm_digital_required_field_ids"))
                ),
            ),
            self.env._(
                "%(open)s open, %(won)s won and %(cancelled)s cancelled "
                "opportunities; %(changes)s stage changes recorded.",
                open=self._crm_digital_number(outcomes.get("open", 0)),
                won=self._crm_digital_number(outcomes.get("won", 0)),
                cancelled=self._crm_digital_number(outcomes.get("cancelled", 0)),
                changes=self._crm_digital_number(
                    self.env["crm.digital.stage.history"].search_count(
                        [("company_id", "in", [company.id, False])]
                    )
                ),
            ),
        ]
        activity_types = self.env["mail.activity.type"].search(
            [("res_model", "in", [False, "crm.lead"])]
        )
        automations = self.env["base.automation"].search_count(
            [("model_name", "in", ["crm.lead", "sale.order"])]
        )
        evidence["tasks"] += [
            self.env._(
                "Activity types (%(count)s): %(names)s.",
                count=self._crm_digital_number(len(activity_types)),
                names=", ".join(activity_types.mapped("name")),
            ),
            self.env._(
                "Activities planned on leads and opportunities: %(count)s. "
                "Automated rules on leads and quotations: %(automations)s.",
                count=self._crm_digital_number(
                    self.env["mail.activity"].search_count(
                        [("res_model", "=", "crm.lead")]
                    )
                ),
                automations=self._crm_digital_number(automations),
            ),
        ]
        evidence["responsive"].append(
            self.env._(
                "Odoo's web client adapts to the screen; CRM Digital's browser "
                "tests run at phone (390 px), tablet (820 px) and desktop "
                "(1366 px) widths."
            )
        )
        installed = self._crm_digital_extensions()
        for key, what in EXTENSIONS.items():
            if key in installed:
                evidence[key].append(
                    self.env._("Installed: %(what)s.", what=self.env._(what))
                )
            else:
                evidence[key].append(
                    self.env._("Not installed: %(what)s.", what=self.env._(what))
                )
        evidence["integration"].append(
            self.env._("Odoo's XML-RPC and JSON-RPC web services are available.")
        )
        return evidence
