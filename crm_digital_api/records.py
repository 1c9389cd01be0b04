# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""From the API's values to Odoo's and back, for the resources that map a
model's fields one to one."""

from datetime import date, datetime

from odoo import Command, fields

from .problems import invalid, not_found
from .schemas.common import ref, refs


def readable(model, record_id, belongs=None):
    """The record of ``model`` with this id, which the user may read and which
    ``belongs`` (if given) to the resource; else 404, whether it does not
    exist or is of another resource, 403 when the user may not read it."""
    record = model.browse(record_id).exists()
    if not record or (belongs and not belongs(record)):
        raise not_found(model.env)
    record.check_access("read")
    return record


class FieldMap:
    """The API's names of a model's fields: `read` gives an API name the
    Odoo field it shows, `write` the Odoo field an API value goes to (with the
    model a many2one or many2many value names)."""

    def __init__(self, model, read, write):
        self.model = model
        self.read = read
        self.write = write

    def fnames(self, names):
        """The Odoo fields to fetch to give these API fields."""
        return sorted({self.read[name].split(".")[0] for name in names if name != "id"})

    def values(self, record, names):
        """The API values of a record, only `names`."""
        out = {"id": record.id}
        for name in names:
            if name == "id":
                continue
            path = self.read[name]
            fname, _dot, sub = path.partition(".")
            field = record._fields[fname]
            value = record[fname]
            if sub:
                value = value[sub] or None if value else None
            elif field.type == "many2one":
                value = ref(value)
            elif field.type in ("many2many", "one2many"):
                value = refs(value)
            elif field.type in (
                "char",
                "text",
                "html",
                "selection",
                "date",
                "datetime",
            ):
                value = value or None
            out[name] = value
        return out

    def to_odoo(self, env, data):
        """The Odoo values of the API values sent (only those sent); 422 for
        an id of no record."""
        vals = {}
        problems = []
        for name, value in data.items():
            target = self.write[name]
            fname, _dot, lookup = target.partition(":")
            field = env[self.model]._fields[fname]
            if field.type == "many2one" and lookup:
                found = env[field.comodel_name].search(
                    [(lookup, "=ilike", value)], limit=1
                )
                if value and not found:
                    problems.append(
                        {"loc": ["body", name], "msg": env._("Unknown value.")}
                    )
                value = found.id
            elif field.type == "many2one":
                if value and not env[field.comodel_name].browse(value).exists():
                    problems.append(
                        {"loc": ["body", name], "msg": env._("No record with this id.")}
                    )
                value = value or False
            elif field.type == "many2many":
                ids = value or []
                if len(env[field.comodel_name].browse(ids).exists()) != len(set(ids)):
                    problems.append(
                        {
                            "loc": ["body", name],
                            "msg": env._("No record with one of these ids."),
                        }
                    )
                value = [Command.set(ids)]
            elif isinstance(value, date) and not isinstance(value, datetime):
                value = fields.Date.to_string(value)
            elif value is None:
                value = False
            vals[fname] = value
        if problems:
            raise invalid(env, problems)
        return vals
