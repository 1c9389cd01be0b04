# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..engine.lead_values import TARGETS


class CrmDigitalImportTemplateColumn(models.Model):
    _name = "crm.digital.import.template.column"
    _description = "Lead Import Template Column"
    _order = "template_id, id"

    template_id = fields.Many2one(
        "crm.digital.import.template", required=True, ondelete="cascade"
    )
    name = fields.Char(
        "Column",
        required=True,
        help="The column's name as written in the file's header row.",
    )
    target = fields.Selection(
        "_selection_target",
        "Lead Field",
        help="Several columns may fill one field: their texts are joined.",
    )
    strict = fields.Boolean(
        "Invalid Value Rejects the Row",
        help="Off: a value that is not valid (a phone, a date, a country…) is kept "
        "as written and listed in the import's problems. On: the row is rejected "
        "instead. An invalid tax ID always rejects its row.",
    )

    def _selection_target(self):
        # Labels are lazy translations: rendered here, in the user's language.
        lang = self.env.lang or "en_US"
        return [(key, label._translate(lang)) for key, label in TARGETS.items()]
