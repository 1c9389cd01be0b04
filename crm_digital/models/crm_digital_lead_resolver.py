# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import Command, models
from odoo.tools import plaintext2html

from ..engine.lead_countries import country_code
from ..engine.lead_file import header_key
from ..engine.lead_values import TARGETS

# Lead values the engine gives that the ORM takes as they are.
PLAIN_FIELDS = (
    "name",
    "contact_name",
    "partner_name",
    "email_from",
    "phone",
    "mobile",
    "function",
    "website",
    "street",
    "street2",
    "zip",
    "city",
    "vat",
    "expected_revenue",
    "probability",
    "date_deadline",
    "priority",
    "type",
)


class CrmDigitalLeadResolver(models.AbstractModel):
    """Names in a lead file (a country, a province, a salesperson, a team,
    tags…) to the records they name, as the user importing may see them."""

    _name = "crm.digital.lead.resolver"
    _description = "CRM Digital Lead Names to Records"

    def _resolve(self, values, cache, strict_keys=()):
        """ORM values of the lead from the engine's values, the reasons the
        row cannot be imported and its problems. A name no record has (a
        country, a salesperson…) rejects the row only for ``strict_keys``;
        else it is kept in the notes. ``cache`` keeps each name's record for
        the whole file."""
        lead = {key: values[key] for key in PLAIN_FIELDS if key in values}
        errors, warnings, notes = [], [], []
        if not lead.get("name"):
            lead["name"] = (
                values.get("partner_name")
                or values.get("contact_name")
                or values.get("email_from")
            )
        lang = self.env.lang or "en_US"
        for key, method in (
            ("country", self._find_country),
            ("state", self._find_state),
            ("sector", self._find_industry),
            ("employee_band", self._find_band),
            ("user", self._find_user),
            ("team", self._find_team),
        ):
            if not values.get(key):
                continue
            field, record, problem = method(values[key], lead, cache)
            if not problem:
                lead[field] = record.id
            elif key in strict_keys:
                errors.append(problem)
            else:
                notes.append(f"{TARGETS[key]._translate(lang)}: {values[key]}")
                warnings.append(
                    self.env._("%(problem)s It is kept in the notes.", problem=problem)
                )
        if values.get("lang"):
            found = self._find_lang(values["lang"], cache)
            if found:
                lead["lang_id"] = found.id
            else:
                # A language the database does not use yet: kept in the notes.
                notes.append(self.env._("Language: %s", values["lang"]))
        if description := self._notes_html(values.get("description"), notes):
            lead["description"] = description
        for key, model in (
            ("source", "utm.source"),
            ("medium", "utm.medium"),
            ("campaign", "utm.campaign"),
        ):
            if values.get(key):
                lead[f"{key}_id"] = self._find_or_create(model, values[key], cache).id
        if values.get("tags"):
            lead["tag_ids"] = [
                Command.link(self._find_or_create("crm.tag", tag, cache).id)
                for tag in values["tags"]
            ]
        return lead, errors, warnings

    def _notes_html(self, text, notes):
        """HTML notes of the lead: the file's, then what no field took."""
        extra = "\n".join(notes)
        if text and text.lstrip().startswith("<"):
            return text + (plaintext2html(extra) if extra else "")
        text = "\n".join(filter(None, [text, extra]))
        return plaintext2html(text) if text else False

    def _cached(self, cache, kind, text, search):
        key = (kind, text.casefold())
        if key not in cache:
            cache[key] = search()
        return cache[key]

    def _find_country(self, text, lead, cache):
        # Names in Spanish, English or Catalan, or ISO codes, matched exactly:
        # never another country that starts alike.
        code = country_code(text)
        country = self._cached(
            cache,
            "country",
            code or "",
            lambda: (
                self.env["res.country"].search([("code", "=", code)], limit=1)
                if code
                else self.env["res.country"]
            ),
        )
        problem = not country and self.env._('Country "%s" does not exist.', text)
        return "country_id", country, problem

    def _find_state(self, text, lead, cache):
        if "spain" not in cache:
            cache["spain"] = self.env.ref("base.es").id
        country_id = lead.get("country_id") or cache["spain"]
        key = ("states", country_id)
        if key not in cache:
            cache[key] = self._state_index(country_id)
        state = cache[key].get(header_key(text), self.env["res.country.state"])
        problem = not state and self.env._('Province "%s" does not exist.', text)
        return "state_id", state, problem

    def _state_index(self, country_id):
        """{code or any of its names, without accents or case: state}: Spanish
        provinces are named in both languages, "València (Valencia)"."""
        index = {}
        for state in self.env["res.country.state"].search(
            [("country_id", "=", country_id)]
        ):
            index[header_key(state.code)] = state
            for name in re.split(r"[()/]", state.name):
                if name.strip():
                    index.setdefault(header_key(name), state)
        return index

    def _find_industry(self, letter, lead, cache):
        industry = self._cached(
            cache,
            "industry",
            letter,
            lambda: (
                self.env.ref(
                    f"base.res_partner_industry_{letter.upper()}",
                    raise_if_not_found=False,
                )
                or self.env["res.partner.industry"]
            ),
        )
        problem = not industry and self.env._('Sector "%s" does not exist.', letter)
        return "industry_id", industry, problem

    def _find_band(self, code, lead, cache):
        band = self._cached(
            cache,
            "band",
            code,
            lambda: self.env["crm.digital.employee.band"].search(
                [("code", "=", code)], limit=1
            ),
        )
        problem = not band and self.env._('Employee band "%s" does not exist.', code)
        return "employee_band_id", band, problem

    def _find_user(self, text, lead, cache):
        # Whether the importing user may own leads for them is the record
        # rules' call, made when the lead is created (see _create_leads).
        user = self._cached(cache, "user", text, lambda: self._search_user(text))
        problem = not user and self.env._(
            'Salesperson "%s" is not a user: write their login, email or name.', text
        )
        return "user_id", user, problem

    def _search_user(self, text):
        Users = self.env["res.users"]
        exact = Users.search(
            [
                ("share", "=", False),
                "|",
                "|",
                ("login", "=ilike", text),
                ("email", "=ilike", text),
                ("name", "=ilike", text),
            ],
            limit=1,
        )
        if exact:
            return exact
        # Other CRMs export short names ("Ana García" for "Ana García Torres"):
        # accepted when exactly one user's name starts so.
        start = Users.search(
            [("share", "=", False), ("name", "=ilike", f"{text} %")], limit=2
        )
        return start if len(start) == 1 else Users

    def _find_team(self, text, lead, cache):
        team = self._cached(
            cache,
            "team",
            text,
            lambda: self.env["crm.team"].search([("name", "=ilike", text)], limit=1),
        )
        problem = not team and self.env._('Sales team "%s" does not exist.', text)
        return "team_id", team, problem

    def _find_lang(self, text, cache):
        return self._cached(
            cache,
            "lang",
            text,
            lambda: self.env["res.lang"].search(
                ["|", ("code", "=ilike", text), ("name", "=ilike", text)], limit=1
            ),
        )

    def _find_or_create(self, model, name, cache):
        def find():
            Model = self.env[model]
            field = Model._rec_name
            record = Model.search([(field, "=ilike", name)], limit=1)
            return record or Model.create({field: name})

        return self._cached(cache, model, name, find)
