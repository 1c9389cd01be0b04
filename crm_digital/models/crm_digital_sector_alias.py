# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmDigitalSectorAlias(models.Model):
    """Another name of a CNAE section in the files users import: its short
    name, or the industry another CRM exports ("Hospitality", "Retail")."""

    _name = "crm.digital.sector.alias"
    _description = "Sector Name in Imported Files"
    _order = "industry_id, name"

    name = fields.Char(
        required=True, help="As a file may write it; case and accents do not count."
    )
    industry_id = fields.Many2one(
        "res.partner.industry",
        "Sector",
        required=True,
        ondelete="cascade",
        domain=[("full_name", "=like", "_ - %")],
        help="A CNAE section (A to U) of Odoo's sectors.",
    )

    _sql_constraints = [
        ("name_unique", "unique(name)", "Each sector name leads to one sector only.")
    ]

    @api.model
    def _names(self):
        """{name: CNAE section letter}, for the file engine."""
        letters = {
            record.res_id: record.name.removeprefix("res_partner_industry_")
            for record in self.env["ir.model.data"]
            .sudo()
            .search(
                [
                    ("module", "=", "base"),
                    ("model", "=", "res.partner.industry"),
                    ("name", "=like", "res_partner_industry_%"),
                ]
            )
        }
        return {
            alias.name: letters[alias.industry_id.id]
            for alias in self.sudo().search([])
            if alias.industry_id.id in letters
        }
