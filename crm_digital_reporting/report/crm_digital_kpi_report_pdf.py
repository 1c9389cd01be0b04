# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools.misc import format_date, format_datetime, formatLang

# Per report: the KPI groups it shows (None: all of them) and the KPIs of
# its breakdown (a PDF page is not wide enough for all of them).
REPORTS = {
    "commercial": (
        None,
        (
            "won_count",
            "won_amount",
            "cancelled_count",
            "win_rate",
            "average_deal",
            "open_count",
            "open_amount",
            "activities_done",
        ),
    ),
    "pipeline": (
        {"pipeline"},
        (
            "open_count",
            "open_amount",
            "weighted_amount",
            "forecast_amount",
            "stuck_count",
        ),
    ),
    "activity": (
        {"activity"},
        ("activities_done", "activities_overdue", "response_time"),
    ),
}
TARGETS = {"commercial": None, "pipeline": (), "activity": ("activities_done",)}
NO_BASE = "\N{EM DASH}"


def _cell(value, unit="text", signed=False):
    """A figure and how to show it: the PDF formats it, the spreadsheet
    writes it as a number with a format (text as text)."""
    return {"value": value, "unit": unit, "signed": signed}


class ReportCrmDigitalKpi(models.AbstractModel):
    """The commercial, pipeline and activity reports: tables built from
    get_dashboard only (so each user gets their own scope), rendered as PDF
    here and as a spreadsheet by the XLSX report."""

    _name = "report.crm_digital_reporting.report_kpi"
    _description = "Commercial Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["crm.digital.report.wizard"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": wizards._name,
            "docs": wizards,
            "reports": {
                wizard.id: self._crm_digital_report_data(wizard) for wizard in wizards
            },
            "format_cell": self._crm_digital_format,
        }

    def _crm_digital_report_data(self, wizard):
        """The report ``wizard`` asks for: its heading and its tables, each
        {"key", "title", "headers", "rows": [{"cells", "total"}]}."""
        board = wizard._crm_digital_dashboard()
        groups, breakdown_keys = REPORTS[wizard.report]
        kpis = [
            kpi for kpi in board["kpis"] if groups is None or kpi["group"] in groups
        ]
        tables = [self._crm_digital_kpi_table(board, kpis)]
        if wizard.report == "pipeline":
            tables += self._crm_digital_pipeline_tables(board)
        tables.append(self._crm_digital_target_table(board, TARGETS[wizard.report]))
        tables.append(self._crm_digital_breakdown_table(board, breakdown_keys))
        tables.append(self._crm_digital_definition_table(kpis))
        reports = dict(wizard._fields["report"]._description_selection(self.env))
        return {
            "name": reports[wizard.report],
            "profile": board["profile_label"],
            "printed_by": self.env.user.name,
            "printed_on": format_datetime(self.env, fields.Datetime.now()),
            "currency": board["currency"],
            "columns": [
                {
                    "label": column["label"],
                    "dates": f"{format_date(self.env, column['start'])} - "
                    f"{format_date(self.env, column['end'])}",
                }
                for column in board["columns"]
            ],
            "tables": [table for table in tables if table["rows"]],
        }

    def _crm_digital_kpi_table(self, board, kpis):
        current, previous, before = (column["label"] for column in board["columns"])
        headers = [self.env._("KPI"), current, previous, self.env._("Change"), "%"]
        headers += [before, self.env._("Change"), "%"]
        rows = []
        for kpi in kpis:
            values, variation = kpi["values"], kpi["variation"]
            cells = [_cell(kpi["label"]), _cell(values["current"], kpi["unit"])]
            for column in ("previous", "year_before"):
                cells += [
                    _cell(values[column], kpi["unit"]),
                    _cell(variation[column]["difference"], kpi["unit"], signed=True),
                    _cell(variation[column]["percent"], "change", signed=True),
                ]
            rows.append({"cells": cells, "total": False})
        return {
            "key": "kpis",
            "title": self.env._("Key Figures"),
            "headers": headers,
            "rows": rows,
        }

    def _crm_digital_pipeline_tables(self, board):
        pipeline = board["pipeline"]
        count, amount = self.env._("Opportunities"), self.env._("Pipeline")
        weighted, forecast = self.env._("Weighted"), self.env._("Forecast")
        stages = [
            [
                _cell(stage["name"]),
                _cell(stage["count"], "count"),
                _cell(stage["amount"], "amount"),
                _cell(stage["weighted"], "amount"),
                _cell(stage["forecast"], "amount"),
            ]
            for stage in pipeline["stages"]
        ]
        months = [
            [
                _cell(month["label"]),
                _cell(month["count"], "count"),
                _cell(month["amount"], "amount"),
                _cell(month["weighted"], "amount"),
            ]
            for month in pipeline["months"]
        ]
        funnel = [
            [
                _cell(stage["name"]),
                _cell(stage["count"], "count"),
                _cell(stage["conversion"], "percent"),
                _cell(stage["days"], "days"),
            ]
            for stage in board["funnel"]
        ]
        return [
            {
                "key": "stages",
                "title": self.env._("Pipeline by Stage"),
                "headers": [self.env._("Stage"), count, amount, weighted, forecast],
                "rows": self._crm_digital_with_total(stages),
            },
            {
                "key": "months",
                "title": self.env._("Pipeline by Expected Closing"),
                "headers": [self.env._("Expected Closing"), count, amount, weighted],
                "rows": self._crm_digital_with_total(months),
            },
            {
                "key": "funnel",
                "title": self.env._("Funnel"),
                "headers": [
                    self.env._("Stage"),
                    self.env._("Reached"),
                    self.env._("To Next Stage"),
                    self.env._("Average Days"),
                ],
                "rows": [{"cells": cells, "total": False} for cells in funnel],
            },
        ]

    def _crm_digital_with_total(self, lines):
        rows = [{"cells": cells, "total": False} for cells in lines]
        if lines:
            total = [_cell(self.env._("Total"))] + [
                _cell(sum(line[index]["value"] for line in lines), cell["unit"])
                for index, cell in enumerate(lines[0][1:], start=1)
            ]
            rows.append({"cells": total, "total": True})
        return rows

    def _crm_digital_target_table(self, board, kinds):
        rows = [
            {
                "cells": [
                    _cell(target["label"]),
                    _cell(target["target"], target["unit"]),
                    _cell(target["achieved"], target["unit"]),
                    _cell(target["achievement"], "percent"),
                    _cell(target["pace"], "percent"),
                ],
                "total": False,
            }
            for target in board["targets"]
            if kinds is None or target["kind"] in kinds
        ]
        return {
            "key": "targets",
            "title": self.env._("Targets"),
            "headers": [
                self.env._("Target"),
                board["columns"][0]["label"],
                self.env._("Achieved"),
                self.env._("Achievement"),
                self.env._("Pace"),
            ],
            "rows": rows,
        }

    def _crm_digital_breakdown_table(self, board, keys):
        breakdown = board["breakdown"]
        kpis = [kpi for kpi in board["kpis"] if kpi["key"] in keys]
        return {
            "key": "breakdown",
            "title": self.env._("By %(cut)s", cut=breakdown["label"]),
            "headers": [breakdown["label"], *(kpi["label"] for kpi in kpis)],
            "rows": [
                {
                    "cells": [
                        _cell(row["name"]),
                        *(
                            _cell(row["values"][kpi["key"]], kpi["unit"])
                            for kpi in kpis
                        ),
                    ],
                    "total": False,
                }
                for row in breakdown["rows"]
            ],
        }

    def _crm_digital_definition_table(self, kpis):
        return {
            "key": "definitions",
            "title": self.env._("Definitions"),
            "headers": [self.env._("KPI"), self.env._("Definition")],
            "rows": [
                {"cells": [_cell(kpi["label"]), _cell(kpi["help"])], "total": False}
                for kpi in kpis
            ],
        }

    def _crm_digital_format(self, cell, currency):
        """A cell as the PDF shows it, in the user's language."""
        value, unit = cell["value"], cell["unit"]
        if unit == "text":
            return value
        if value is None:
            return NO_BASE
        sign = "+" if cell["signed"] and value > 0 else ""
        if unit == "count":
            return sign + formatLang(self.env, value, digits=0)
        if unit == "percent":
            number = formatLang(self.env, value * 100, digits=1)
            if cell["signed"]:
                return self.env._("%(points)s pp", points=sign + number)
            return f"{number}\N{NO-BREAK SPACE}%"
        if unit == "change":
            return f"{sign}{formatLang(self.env, value, digits=1)}\N{NO-BREAK SPACE}%"
        if unit == "days":
            number = sign + formatLang(self.env, value, digits=1)
            return self.env._("%(days)s d", days=number)
        if unit == "hours":
            number = sign + formatLang(self.env, value, digits=1)
            return self.env._("%(hours)s h", hours=number)
        number = sign + formatLang(self.env, value, digits=currency["digits"])
        if currency["position"] == "before":
            amount = f"{currency['symbol']}\N{NO-BREAK SPACE}{number}"
        else:
            amount = f"{number}\N{NO-BREAK SPACE}{currency['symbol']}"
        if unit == "amount_per_day":
            return self.env._("%(amount)s/day", amount=amount)
        return amount
