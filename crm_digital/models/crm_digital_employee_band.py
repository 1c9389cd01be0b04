# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmDigitalEmployeeBand(models.Model):
    _name = "crm.digital.employee.band"
    _description = "Employee Band"
    _order = "min_employees"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="e.g. 10-49")
    min_employees = fields.Integer(required=True)
    max_employees = fields.Integer(help="Empty for no upper limit.")
    kit_digital_segment = fields.Selection(
        [("I", "I"), ("II", "II"), ("III", "III"), ("IV", "IV"), ("V", "V")],
        help="Kit Digital segment of companies with this number of employees.",
    )
    kit_digital_users = fields.Integer(
        "Users Required",
        help="Users the CRM must serve for a company of this segment (Kit Digital).",
    )
    kit_digital_hours = fields.Integer(
        "Hours Required",
        help="Parametrisation hours the digitalising agent owes a company of this "
        "segment (Kit Digital).",
    )

    @api.model
    def _for_segment(self, segment):
        """The band of a Kit Digital segment: its users and hours."""
        if not segment:
            return self.browse()
        return self.search([("kit_digital_segment", "=", segment)], limit=1)

    def _bands(self):
        """(code, least, most or None) of every band, for the file engine."""
        return tuple(
            # An empty maximum is no upper limit.
            (band.code, band.min_employees, band.max_employees or None)
            for band in self.search([])
        )

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each employee band exists only once.")
    ]
