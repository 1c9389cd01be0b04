# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import escape_psql

from ..engine.file_names import clean_file_name, unique_name


class DmsDirectory(models.Model):
    _inherit = "dms.directory"

    @api.model_create_multi
    def create(self, vals_list):
        """dms names a record's folder after the record and refuses a second
        folder of that name: two leads both called "Solicitud de información"
        each get theirs ("... (2)"), so attaching to the second works."""
        given = {}
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            parent = vals.get("parent_id")
            if not (parent and vals.get("res_model") and vals.get("res_id")):
                continue
            name = vals.get("name") or f"#{vals['res_id']}"
            # Only the folders named like this one: a parent holds one per lead.
            taken = given.setdefault(parent, set()) | self._crm_digital_names_like(
                parent, name
            )
            vals["name"] = unique_name(name, taken)
            given[parent].add(vals["name"])
        return super().create(vals_list)

    def _crm_digital_names_like(self, parent, name):
        """Names of the folders in ``parent`` that are ``name`` or start so."""
        folders = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("parent_id", "=", parent),
                    ("name", "=like", escape_psql(name) + "%"),
                ],
                ["name"],
            )
        )
        return set(folders.mapped("name"))

    def _crm_digital_file_names(self):
        """Names of the files in this folder, archived ones too."""
        self.ensure_one()
        files = self.env["dms.file"].sudo().with_context(active_test=False)
        return set(
            files.search_fetch([("directory_id", "=", self.id)], ["name"]).mapped(
                "name"
            )
        )

    def _crm_digital_free_file_name(self, name, file=None):
        """``name`` cleaned and made unique among the files of this folder
        (other than ``file``)."""
        taken = self._crm_digital_file_names()
        if file and file.directory_id == self:
            taken.discard(file.name)
        return unique_name(clean_file_name(name), taken)
