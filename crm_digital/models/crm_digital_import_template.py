# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models

from ..engine.lead_file import column_key
from ..engine.lead_templates import TEMPLATES, match_columns

DUPLICATE_POLICIES = [
    ("skip", "Skip the row"),
    ("update", "Update the existing lead"),
    ("flag", "Import it flagged as a possible duplicate"),
]


class CrmDigitalImportTemplate(models.Model):
    _name = "crm.digital.import.template"
    _description = "Lead Import Template"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        readonly=True,
        copy=False,
        help="Set on the templates that come with CRM Digital.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    column_ids = fields.One2many(
        "crm.digital.import.template.column", "template_id", "Columns", copy=True
    )
    duplicate_policy = fields.Selection(
        DUPLICATE_POLICIES,
        "Duplicates",
        required=True,
        default="skip",
        help="What to do with a row whose email, phone, tax ID or company name "
        "matches an existing lead, opportunity or customer, or an earlier row.",
    )

    sample_url = fields.Char(
        "Sample File",
        compute="_compute_sample_url",
        help="A file of this shape to try the import with or to fill in.",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each ready template exists only once.")
    ]

    @api.depends("code")
    def _compute_sample_url(self):
        for template in self:
            sample = TEMPLATES.get(template.code, {}).get("sample")
            template.sample_url = (
                sample and f"/crm_digital/static/import_samples/{sample}"
            )

    def action_download_sample(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": self.sample_url,
            "target": "download",
        }

    def _mapping(self, header):
        """{column as the file spells it: target} for the columns of this
        template the file has (names compared as column_key does)."""
        return match_columns(
            [(column.name, column.target) for column in self.column_ids], header
        )

    def _strict_columns(self, header):
        """Names, as the file spells them, of the columns whose invalid values
        reject the row."""
        strict = {column_key(c.name) for c in self.column_ids if c.strict}
        return {name for name in header if name and column_key(name) in strict}

    @api.model
    def _load_ready_templates(self):
        """Create the templates of the engine that the database lacks, and
        give those it has the engine's columns they lack (new header
        variants reach upgraded databases); columns there are left alone."""
        ready = self.with_context(active_test=False).search([("code", "!=", False)])
        existing = set(ready.mapped("code"))
        for template in ready.filtered(lambda t: t.code in TEMPLATES):
            known = {column_key(column.name) for column in template.column_ids}
            missing = [
                Command.create({"name": column, "target": target})
                for column, target in TEMPLATES[template.code]["columns"].items()
                if column_key(column) not in known
            ]
            if missing:
                template.column_ids = missing
        templates = self.create(
            [
                {
                    "name": template["name"]._translate("en_US"),
                    "code": code,
                    "sequence": sequence,
                    "column_ids": [
                        Command.create({"name": column, "target": target})
                        for column, target in template["columns"].items()
                    ],
                }
                for sequence, (code, template) in enumerate(TEMPLATES.items())
                if code not in existing
            ]
        )
        langs = self.env["res.lang"].get_installed()
        for template in templates:
            name = TEMPLATES[template.code]["name"]
            for lang, _label in langs:
                template.with_context(lang=lang).name = name._translate(lang)
