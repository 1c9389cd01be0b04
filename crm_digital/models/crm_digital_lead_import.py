# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib
import logging
import re
import uuid
from collections import Counter

import psycopg2
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, plaintext2html

from ..engine.lead_duplicates import collect_keys, find_duplicates, index_records
from ..engine.lead_file import (
    LeadFileError,
    header_key,
    read_lead_file,
    write_rejections,
)
from ..engine.lead_values import LeadRowConverter
from .crm_digital_import_template import DUPLICATE_POLICIES

_logger = logging.getLogger(__name__)

PREVIEW_ROWS = 10
# Leads created at once: big enough for batched computes, small enough to
# keep the worker's memory flat.
CREATE_BATCH = 2000


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


class CrmDigitalLeadImport(models.Model):
    _name = "crm.digital.lead.import"
    _description = "Lead Import"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _rec_name = "file_name"

    file = fields.Binary(required=True, attachment=True)
    file_name = fields.Char(required=True)
    template_id = fields.Many2one(
        "crm.digital.import.template",
        help="How the file's columns map to lead fields; guessed from the file.",
    )
    duplicate_policy = fields.Selection(
        DUPLICATE_POLICIES,
        "Duplicates",
        compute="_compute_duplicate_policy",
        store=True,
        readonly=False,
    )
    encoding = fields.Selection(
        [
            ("utf-8", "UTF-8"),
            ("cp1252", "Windows-1252"),
            ("latin-1", "Latin-1 (ISO-8859-1)"),
        ],
        help="Leave empty to detect it.",
    )
    delimiter = fields.Selection(
        [(",", "Comma"), (";", "Semicolon"), ("\t", "Tab")],
        help="Leave empty to detect it.",
    )
    state = fields.Selection(
        [
            ("draft", "To Import"),
            ("queued", "Queued"),
            ("done", "Done"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users", "Imported by", default=lambda self: self.env.user, readonly=True
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, readonly=True
    )
    preview = fields.Html(compute="_compute_preview", sanitize=False)
    row_count = fields.Integer("Rows", readonly=True)
    created_count = fields.Integer("Created", readonly=True)
    updated_count = fields.Integer("Updated", readonly=True)
    flagged_count = fields.Integer("Created as Possible Duplicates", readonly=True)
    skipped_count = fields.Integer(
        "Skipped",
        readonly=True,
        help="Rows that matched an existing lead or customer, or that an earlier "
        "import of the same file already created.",
    )
    rejected_count = fields.Integer("Rejected", readonly=True)
    progress = fields.Integer(
        readonly=True, help="Share of the file imported, while in the background."
    )
    rejection_file = fields.Binary(readonly=True, attachment=True)
    rejection_file_name = fields.Char(readonly=True)
    lead_ids = fields.One2many("crm.lead", "import_id", "Leads")

    @api.depends("template_id")
    def _compute_duplicate_policy(self):
        for job in self:
            job.duplicate_policy = job.template_id.duplicate_policy or "skip"

    @api.onchange("file", "file_name")
    def _onchange_file_guess_template(self):
        if self.file and not self.template_id:
            self.template_id = self._guess_template()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("file") and not vals.get("template_id"):
                vals["template_id"] = self.new(vals)._guess_template().id
        return super().create(vals_list)

    def _guess_template(self):
        """The template that maps the most columns of the file (3 at least)."""
        try:
            header = self._parse().header
        except UserError:
            return self.env["crm.digital.import.template"]
        templates = self.env["crm.digital.import.template"].search(
            [("column_ids", "!=", False)]
        )
        scored = [(len(t._mapping(header)), -t.sequence, t) for t in templates]
        best = max(scored, key=lambda item: item[:2], default=(0, 0, templates[:0]))
        return best[2] if best[0] >= 3 else templates[:0]

    @api.depends("file", "template_id", "encoding", "delimiter", "state")
    def _compute_preview(self):
        for job in self:
            ready = job.file and job.template_id and job.state == "draft"
            job.preview = job._preview_html() if ready else False

    # Reading -------------------------------------------------------------------

    def _parse(self):
        try:
            return read_lead_file(
                # Forms read binaries as their size: the content is needed here.
                base64.b64decode(self.with_context(bin_size=False).file),
                self.file_name or "",
                encoding=self.encoding or None,
                delimiter=self.delimiter or None,
            )
        except LeadFileError as error:
            raise UserError(self.env._(error.message)) from error

    def _converter(self, parsed):
        mapping = self.template_id._mapping(parsed.header)
        try:
            return LeadRowConverter(parsed.header, mapping)
        except LeadFileError as error:
            raise UserError(self.env._(error.message)) from error

    def _preview_html(self):
        try:
            parsed = self._parse()
            converter = self._converter(parsed)
        except UserError as error:
            return Markup('<div class="alert alert-danger">%s</div>') % error.args[0]
        results = [converter.convert(row) for row in parsed.rows[:PREVIEW_ROWS]]
        keys = list(dict.fromkeys(key for r in results for key in r.values))
        head = Markup("").join(Markup("<th>%s</th>") % key for key in ["#", *keys])
        body = Markup("")
        for result in results:
            problems = [self.env._(message) for message in result.errors]
            css = "table-danger" if problems else ""
            cells = Markup("").join(
                Markup("<td>%s</td>") % (result.values.get(key, "") or "")
                for key in keys
            )
            note = (
                Markup(
                    '<tr class="table-danger"><td></td><td colspan="%s">%s</td></tr>'
                )
                % (len(keys), "; ".join(problems))
                if problems
                else Markup("")
            )
            body += Markup('<tr class="%s"><td>%s</td>%s</tr>%s') % (
                css,
                result.row.number,
                cells,
                note,
            )
        return Markup(
            '<p>%s</p><div class="table-responsive"><table class="table table-sm">'
            "<thead><tr>%s</tr></thead><tbody>%s</tbody></table></div>"
        ) % (
            self.env._(
                "%(rows)s rows in the file; the first ones as they will be imported:",
                rows=len(parsed.rows),
            ),
            head,
            body,
        )

    # Importing -----------------------------------------------------------------

    def action_import(self):
        self.ensure_one()
        if not self.template_id:
            raise UserError(
                self.env._("Choose the template that maps the file's columns.")
            )
        if self.state == "done":
            raise UserError(self.env._("This file is already imported."))
        threshold = self.env.company.crm_digital_import_background_rows
        parsed = self._parse()
        if threshold and len(parsed.rows) > threshold:
            self.state = "queued"
            self.with_delay(
                description=self.env._("Import leads from %s", self.file_name)
            )._run_job()
            return self._notify_action(
                self.env._(
                    "The file has %(rows)s rows: it is being imported in the "
                    "background. You will be notified when it ends.",
                    rows=len(parsed.rows),
                )
            )
        # All or nothing: a failure leaves no lead of the file behind.
        with self.env.cr.savepoint():
            self._run(parsed)
        return True

    def _run_job(self):
        self._run(self._parse())
        self._notify_end()

    def _run(self, parsed):
        """Import every row, all or nothing: created, updated, skipped, or
        rejected with its reason into the rejection file."""
        converter = self._converter(parsed)
        results = [converter.convert(row) for row in parsed.rows]
        outcome = Counter()
        rejected, reasons = [], []
        accepted, cache = [], {}
        for result in results:
            problems = [self.env._(message) for message in result.errors]
            values, problem = (
                self._resolve(result.values, cache) if not problems else ({}, None)
            )
            if problem:
                problems.append(problem)
            if problems:
                rejected.append(result.row)
                reasons.append("; ".join(problems))
            else:
                accepted.append((result, values))
        for row, reason in self._store(accepted, outcome):
            rejected.append(row)
            reasons.append(reason)
        self.write(
            {
                "state": "done",
                "progress": 100,
                "row_count": len(parsed.rows),
                "created_count": outcome["created"],
                "updated_count": outcome["updated"],
                "flagged_count": outcome["flagged"],
                "skipped_count": outcome["skipped"],
                "rejected_count": len(rejected),
                "rejection_file": base64.b64encode(
                    write_rejections(parsed, rejected, reasons)
                )
                if rejected
                else False,
                "rejection_file_name": self._rejection_file_name()
                if rejected
                else False,
            }
        )

    def _rejection_file_name(self):
        stem, dot, extension = self.file_name.rpartition(".")
        suffix = self.env._("rejected")
        return f"{stem}-{suffix}.{extension}" if dot else f"{extension}-{suffix}.csv"

    def _row_key(self, result):
        """The row's identity across runs: the source system's id when mapped,
        else the row's own content."""
        if result.values.get("external_id"):
            seed = f"{self.template_id.id}:id:{result.values['external_id']}"
        else:
            seed = f"{self.template_id.id}:row:" + "\x1f".join(
                str(value) for value in result.row.values
            )
        return hashlib.sha1(seed.encode()).hexdigest()  # noqa: S324 - an identity, not a secret

    def _store(self, accepted, outcome):
        """Create, update or skip the accepted rows; return (row, reason) of
        those the importing user's access rights refuse."""
        Lead = self.env["crm.lead"]
        keys = [self._row_key(result) for result, _values in accepted]
        # Rows and duplicates are found among every lead, not only those the
        # user sees: the rules may have given them to someone else. Only their
        # keys are read.
        done = {
            lead.import_key
            for lead in Lead.sudo()
            .with_context(active_test=False)
            .search_fetch([("import_key", "in", keys)], ["import_key"])
        }
        rows_values = [result.values for result, _values in accepted]
        lead_dups = find_duplicates(rows_values, self._existing_leads(rows_values))
        partner_dups = find_duplicates(
            rows_values, self._existing_partners(rows_values)
        )
        to_create, refused, seen_keys = [], [], set()
        for index, (result, values) in enumerate(accepted):
            key = keys[index]
            if key in done or key in seen_keys:
                outcome["skipped"] += 1
                continue
            seen_keys.add(key)
            duplicate = lead_dups[index].existing or lead_dups[index].earlier
            customer = partner_dups[index].existing
            values = dict(values, import_key=key, import_id=self.id)
            if customer:
                values["partner_id"] = customer.target
            if not (duplicate or customer):
                to_create.append((result.row, values, "created"))
            elif self.duplicate_policy == "skip":
                outcome["skipped"] += 1
            elif self.duplicate_policy == "update" and lead_dups[index].existing:
                # The file's values, not its ownership nor its links.
                kept = ("user_id", "partner_id", "import_key", "import_id")
                lead = Lead.browse(lead_dups[index].existing.target)
                try:
                    with self.env.cr.savepoint():
                        lead.write({k: v for k, v in values.items() if k not in kept})
                    outcome["updated"] += 1
                except AccessError:
                    refused.append((result.row, self._refusal(values)))
            else:
                values["import_duplicate"] = True
                to_create.append((result.row, values, "flagged"))
        return refused + self._create_leads(to_create, outcome)

    def _create_leads(self, to_create, outcome):
        """Create the leads in batches; when access rights refuse some of a
        batch, find them one by one and return them as (row, reason)."""
        batch = f"import-{self.id}-{uuid.uuid4().hex}"
        # Unmapped salesperson: the rules decide, not the importing user. No
        # chatter line nor follower per lead: the import itself is the record.
        Lead = self.env["crm.lead"].with_context(
            default_user_id=False,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            crm_digital_batch=batch,
            crm_digital_announce_later=True,
        )
        refused = []
        for start in range(0, len(to_create), CREATE_BATCH):
            chunk = to_create[start : start + CREATE_BATCH]
            refused += self._create_chunk(Lead, chunk, outcome)
            # Created leads leave the cache: memory stays flat on big files.
            self.env.flush_all()
            self.env.invalidate_all()
            self._report_progress(100 * (start + len(chunk)) // len(to_create))
        self.env.cr.cache.pop(("crm_digital_defaults", batch), None)
        self._announce_assigned()
        return refused

    def _announce_assigned(self):
        Lead = self.env["crm.lead"].sudo()
        assigned = Lead.search_fetch(
            [("import_id", "=", self.id), ("assignment_rule_id", "!=", False)],
            ["name", "user_id"],
        )
        Lead._crm_digital_announce(
            [{"lead": lead, "user": lead.user_id} for lead in assigned]
        )

    def _report_progress(self, percent):
        """Let the user follow an import in the background: the job's own
        transaction is all or nothing, so the figure is written apart."""
        if self.state != "queued":
            return
        try:
            with self.env.registry.cursor() as cr:
                cr.execute("SET LOCAL lock_timeout = '1s'")
                cr.execute(
                    SQL(
                        "UPDATE %s SET progress = %s WHERE id = %s",
                        SQL.identifier(self._table),
                        min(percent, 99),
                        self.id,
                    )
                )
        except psycopg2.errors.LockNotAvailable:
            _logger.info("Lead import %s: progress not shown (row locked)", self.id)

    def _create_chunk(self, Lead, chunk, outcome):
        try:
            with self.env.cr.savepoint():
                # Leads of a customer take its address and more: create() has
                # them; the others are inserted in bulk.
                bulk = Lead._crm_digital_bulk_ready()
                Lead._crm_digital_bulk_create(
                    [v for _row, v, _kind in chunk if bulk and not v.get("partner_id")]
                )
                Lead.create(
                    [v for _row, v, _kind in chunk if not bulk or v.get("partner_id")]
                )
            outcome.update(kind for _row, _values, kind in chunk)
            return []
        except AccessError:
            _logger.info("Lead import %s: access refused, finding the rows", self.id)
        refused = []
        for row, values, kind in chunk:
            try:
                with self.env.cr.savepoint():
                    Lead.create([values])
                outcome[kind] += 1
            except AccessError:
                refused.append((row, self._refusal(values)))
        return refused

    def _refusal(self, values):
        return self.env._(
            "Your access rights do not cover a lead of salesperson %(user)s in "
            "team %(team)s: import your own leads, or your teams' as a team leader.",
            user=self.env["res.users"].browse(values.get("user_id")).name or "-",
            team=self.env["crm.team"].browse(values.get("team_id")).name or "-",
        )

    def _existing_leads(self, rows_values):
        keys = collect_keys(rows_values)
        leads = (
            self.env["crm.lead"]
            .sudo()
            .search_fetch(
                self._duplicate_domain(keys, ("partner_name", "!=", False)),
                ["email_from", "phone", "mobile", "vat", "partner_name"],
            )
        )
        return index_records(
            (
                lead.id,
                {
                    "email_from": lead.email_from,
                    "phone": lead.phone,
                    "mobile": lead.mobile,
                    "vat": lead.vat,
                    "partner_name": lead.partner_name,
                },
            )
            for lead in leads
        )

    def _existing_partners(self, rows_values):
        keys = collect_keys(rows_values)
        partners = self.env["res.partner"].search_fetch(
            self._duplicate_domain(keys, ("is_company", "=", True)),
            ["email", "phone", "mobile", "vat", "name", "is_company"],
        )
        return index_records(
            (
                partner.id,
                {
                    "email_from": partner.email,
                    "phone": partner.phone,
                    "mobile": partner.mobile,
                    "vat": partner.vat,
                    "partner_name": partner.name if partner.is_company else False,
                },
            )
            for partner in partners
        )

    def _duplicate_domain(self, keys, company_names):
        # Names cannot be compared in SQL once normalised: every record with
        # one is read, and the engine compares them.
        return [
            "|",
            "|",
            "|",
            ("email_normalized", "in", list(keys["email"])),
            ("phone_sanitized", "in", list(keys["phone"])),
            ("vat", "in", [*keys["vat"], *(f"ES{key}" for key in keys["vat"])]),
            company_names,
        ]

    def _notify_action(self, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "info", "message": message, "sticky": False},
        }

    def _notify_end(self):
        self.message_notify(
            partner_ids=self.user_id.partner_id.ids,
            subject=self.env._("Lead import finished"),
            body=self.env._(
                "%(file)s: %(created)s created, %(updated)s updated, %(flagged)s "
                "flagged as possible duplicates, %(skipped)s skipped, %(rejected)s "
                "rejected.",
                file=self.file_name,
                created=self.created_count,
                updated=self.updated_count,
                flagged=self.flagged_count,
                skipped=self.skipped_count,
                rejected=self.rejected_count,
            ),
        )

    # Names in the file to records ---------------------------------------------

    def _resolve(self, values, cache):
        """ORM values of the lead from the engine's values, and the reason
        the row cannot be imported (a name no record has), if any. `cache`
        keeps each name's record for the whole file."""
        lead = {key: values[key] for key in PLAIN_FIELDS if key in values}
        description = values.get("description")
        if description:
            lead["description"] = (
                description
                if description.lstrip().startswith("<")
                else plaintext2html(description)
            )
        if not lead.get("name"):
            lead["name"] = (
                values.get("partner_name")
                or values.get("contact_name")
                or values.get("email_from")
            )
        for key, method in (
            ("country", self._find_country),
            ("state", self._find_state),
            ("sector", self._find_industry),
            ("employee_band", self._find_band),
            ("user", self._find_user),
            ("team", self._find_team),
        ):
            if values.get(key):
                field, record, problem = method(values[key], lead, cache)
                if problem:
                    return {}, problem
                lead[field] = record.id
        if values.get("lang"):
            lang = self._find_lang(values["lang"], cache)
            if lang:
                lead["lang_id"] = lang.id
            else:
                # A language the database does not use yet: kept in the notes.
                note = self.env._("Language: %s", values["lang"])
                lead["description"] = (lead.get("description") or "") + plaintext2html(
                    note
                )
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
        return lead, None

    def _cached(self, cache, kind, text, search):
        key = (kind, text.casefold())
        if key not in cache:
            cache[key] = search()
        return cache[key]

    def _find_country(self, text, lead, cache):
        country = self._cached(
            cache,
            "country",
            text,
            lambda: self.env["res.country"].search(
                ["|", ("code", "=ilike", text), ("name", "=ilike", text)], limit=1
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
