# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmDigitalLeadImportColumn(models.Model):
    _name = "crm.digital.lead.import.column"
    _description = "Lead Import Column"
    _order = "import_id, sequence, id"

    import_id = fields.Many2one(
        "crm.digital.lead.import", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer()
    name = fields.Char("Column", required=True, readonly=True)
    sample = fields.Char(
        "First Value", readonly=True, help="The column's first value in the file."
    )
    target = fields.Selection(
        lambda self: self.env["crm.digital.import.template.column"]._selection_target(),
        "Lead Field",
        help="Where the column's values go. Columns the template does not map go "
        'to the notes as "column: value".',
    )
    strict = fields.Boolean(
        "Invalid Value Rejects the Row",
        help="Off: a value that is not valid (a phone, a date, a country…) is kept "
        "as written and listed in the import's problems. On: the row is rejected "
        "instead. An invalid tax ID always rejects its row.",
    )
