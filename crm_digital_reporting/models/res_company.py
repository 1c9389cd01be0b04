# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

MONTHS = [
    ("1", "January"),
    ("2", "February"),
    ("3", "March"),
    ("4", "April"),
    ("5", "May"),
    ("6", "June"),
    ("7", "July"),
    ("8", "August"),
    ("9", "September"),
    ("10", "October"),
    ("11", "November"),
    ("12", "December"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_digital_year_first_month = fields.Selection(
        MONTHS,
        "Commercial Year Starts In",
        default="1",
        required=True,
        help="The month the commercial year begins: the year to date and the "
        "comparisons between commercial years count from it.",
    )
    crm_digital_report_monthly_email = fields.Boolean(
        "Email the Monthly Report to Managers",
        default=True,
        help="On the first day of each month, sales managers get the commercial "
        "report of the month just ended by email (PDF and spreadsheet).",
    )

    def _crm_digital_kpi_board(self, period="month", day=False, cut=False):
        return self.env["crm.digital.kpi.report"]._crm_digital_dashboard(
            period, day, cut
        )
