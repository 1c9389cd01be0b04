# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmDigitalLeadImportProgress(models.Model):
    """How far a background import has come. A row of its own, written from a
    cursor apart: the import's job is one transaction that writes the import
    itself at the end, and a row both wrote would fail it as a concurrent
    update."""

    _name = "crm.digital.lead.import.progress"
    _description = "Lead Import Progress"

    import_id = fields.Many2one(
        "crm.digital.lead.import", required=True, ondelete="cascade"
    )
    percent = fields.Integer()

    _sql_constraints = [
        ("import_unique", "unique(import_id)", "One progress per import.")
    ]
