# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import binascii
import hashlib
import logging
import uuid
from collections import Counter
from contextlib import contextmanager
from functools import partial

import psycopg2

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from odoo.addons.queue_job.exception import RetryableJobError

from ..engine.lead_duplicates import collect_keys, find_duplicates, index_records
from ..engine.lead_file import (
    MATCH_COLUMNS,
    PROBLEMS_COLUMN,
    LeadFileError,
    read_lead_file,
    write_rejections,
    write_rows,
)
from ..engine.lead_templates import guess_template
from ..engine.lead_values import LeadRowConverter
from .crm_digital_import_template import DUPLICATE_POLICIES

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

# What two records share when one duplicates the other (engine's match kinds).
MATCH_KINDS = {
    "email": _lt("email"),
    "person": _lt("contact name and company"),
    "phone": _lt("phone"),
    "vat": _lt("tax ID"),
    "company": _lt("company"),
}

# Conflicts with concurrent work, which a later run does not meet.
RETRIED_ERRORS = tuple(map(psycopg2.errors.lookup, PG_CONCURRENCY_ERRORS_TO_RETRY))
RETRY_SECONDS = 30

PREVIEW_ROWS = 10
# Characters of a value the preview shows: the import itself checks them all.
PREVIEW_CHARS = 200
# Leads created at once: big enough for batched computes, small enough to
# keep the worker's memory flat.
CREATE_BATCH = 2000


def _cut(text, size):
    return text if len(text) <= size else text[:size] + "…"


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
    template_sample_url = fields.Char(related="template_id.sample_url")
    column_ids = fields.One2many(
        "crm.digital.lead.import.column",
        "import_id",
        "Columns",
        compute="_compute_column_ids",
        store=True,
        readonly=False,
        help="Each column of the file and the lead field it fills, as the template "
        "maps it; columns the template does not map go to the notes.",
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
            ("failed", "Failed"),
        ],
        "Status",
        default="draft",
        required=True,
        tracking=True,
    )
    error_message = fields.Text(
        "Why It Failed",
        readonly=True,
        help="What stopped a background import; nothing of the file was imported.",
    )
    user_id = fields.Many2one(
        "res.users", "Imported by", default=lambda self: self.env.user, readonly=True
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, readonly=True
    )
    # Stored: the file is read when it or its mapping changes, not on each
    # read of the form.
    preview = fields.Html(compute="_compute_preview", store=True, sanitize=False)
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
    warning_count = fields.Integer(
        "Imported with Problems",
        readonly=True,
        help="Rows imported with a value that is not valid, kept as written in "
        "its field or in the notes.",
    )
    progress = fields.Integer(
        compute="_compute_progress",
        help="Share of the file imported, while in the background.",
    )
    rejection_file = fields.Binary(readonly=True, attachment=True)
    rejection_file_name = fields.Char(readonly=True)
    skipped_file = fields.Binary(
        readonly=True,
        attachment=True,
        help="The skipped rows as read, with the record each matched and why.",
    )
    skipped_file_name = fields.Char(readonly=True)
    warning_file = fields.Binary(
        "Problems File",
        readonly=True,
        attachment=True,
        help="The rows imported with problems, as read, with their problems.",
    )
    warning_file_name = fields.Char(readonly=True)
    lead_ids = fields.One2many("crm.lead", "import_id", "Leads")

    @api.depends("template_id")
    def _compute_duplicate_policy(self):
        for job in self:
            job.duplicate_policy = job.template_id.duplicate_policy or "skip"

    @api.depends("file", "template_id", "encoding", "delimiter")
    def _compute_column_ids(self):
        for job in self:
            try:
                parsed = job._parse() if job.file else None
            except UserError:
                parsed = None  # the preview and Import say what is wrong
            if not parsed:
                job.column_ids = [Command.clear()]
                continue
            mapping = job.template_id._mapping(parsed.header)
            strict = job.template_id._strict_columns(parsed.header)
            first = parsed.rows[0].values if parsed.rows else []
            job.column_ids = [Command.clear()] + [
                Command.create(
                    {
                        "sequence": index,
                        "name": name,
                        "target": mapping.get(name, "extra_notes"),
                        "strict": name in strict,
                        "sample": str(first[index])[:80]
                        if index < len(first) and first[index] is not None
                        else False,
                    }
                )
                for index, name in enumerate(parsed.header)
                if name
            ]

    @api.depends("state")
    def _compute_progress(self):
        reported = {
            progress.import_id.id: progress.percent
            for progress in self.env["crm.digital.lead.import.progress"]
            .sudo()
            .search_fetch([("import_id", "in", self.ids)], ["import_id", "percent"])
        }
        for job in self:
            job.progress = 100 if job.state == "done" else reported.get(job.id, 0)

    @api.onchange("file", "file_name")
    def _onchange_file_guess_template(self):
        if self.file and not self.template_id:
            self.template_id = self._guess_template()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("file"):
                self._check_base64(vals["file"])
                if not vals.get("template_id"):
                    vals["template_id"] = self.new(vals)._guess_template().id
        return super().create(vals_list)

    def _check_base64(self, value):
        try:
            base64.b64decode(value)
        except (binascii.Error, TypeError, ValueError) as error:
            raise UserError(
                self.env._(
                    "The file's content arrived damaged (it is not valid base64): "
                    "upload it again."
                )
            ) from error

    def _guess_template(self):
        """The template that maps the most columns of the file."""
        Template = self.env["crm.digital.import.template"]
        try:
            header = self._parse().header
        except UserError:
            return Template
        templates = Template.search([("column_ids", "!=", False)])
        return (
            guess_template(
                header,
                (
                    (template, [(c.name, c.target) for c in template.column_ids])
                    for template in templates
                ),
            )
            or Template
        )

    @api.depends(
        "file",
        "column_ids.target",
        "column_ids.strict",
        "encoding",
        "delimiter",
        "state",
    )
    def _compute_preview(self):
        for job in self:
            ready = job.file and job.state in ("draft", "failed")
            job.preview = job._preview_html() if ready else False

    # Reading -------------------------------------------------------------------

    def _file_data(self):
        # Forms read binaries as their size: the content is needed here.
        data = self.with_context(bin_size=False).file
        if not data:
            return b""
        self._check_base64(data)
        return base64.b64decode(data)

    def _parse(self):
        data = self._file_data()
        # create(), the columns, the preview and the run each read the file:
        # parsed once per cursor (a request, a job).
        key = (
            "crm_digital_lead_file",
            hashlib.sha1(data).hexdigest(),  # noqa: S324 - a cache key
            self.file_name or "",
            self.encoding or None,
            self.delimiter or None,
        )
        cache = self.env.cr.cache
        if key not in cache:
            try:
                cache[key] = read_lead_file(
                    data, key[2], encoding=key[3], delimiter=key[4]
                )
            except LeadFileError as error:
                raise UserError(self.env._(error.message)) from error
        return cache[key]

    def _mapping(self):
        return {column.name: column.target for column in self.column_ids}

    def _converter(self, parsed):
        strict = self.column_ids.filtered("strict").mapped("name")
        try:
            return LeadRowConverter(
                parsed.header,
                self._mapping(),
                strict=strict,
                bands=self.env["crm.digital.employee.band"].sudo()._bands(),
                sectors=self.env["crm.digital.sector.alias"]._names(),
            )
        except LeadFileError as error:
            raise UserError(self.env._(error.message)) from error

    def _preview_html(self):
        render = partial(self.env["ir.qweb"]._render, "crm_digital.lead_import_preview")
        try:
            parsed = self._parse()
            converter = self._converter(parsed)
        except UserError as error:
            return render({"error": error.args[0]})
        results = [converter.convert(row) for row in parsed.rows[:PREVIEW_ROWS]]
        keys = list(dict.fromkeys(key for r in results for key in r.values))
        to_notes = [
            column.name for column in self.column_ids if column.target == "extra_notes"
        ]
        return render(
            {
                "error": False,
                "notes": to_notes
                and self.env._(
                    "No field takes these columns: their values go to the notes "
                    'as "column: value" (choose a field for them under Columns): '
                    "%s.",
                    ", ".join(to_notes),
                ),
                "intro": self.env._(
                    "%(rows)s rows in the file; the first ones as they will be "
                    "imported:",
                    rows=len(parsed.rows),
                ),
                "keys": keys,
                "rows": [
                    {
                        "number": result.row.number,
                        "cells": [
                            _cut(str(result.values.get(key, "") or ""), PREVIEW_CHARS)
                            for key in keys
                        ],
                        "problems": [self.env._(message) for message in result.errors],
                        "warnings": [
                            self.env._(message) for message in result.warnings
                        ],
                    }
                    for result in results
                ],
            }
        )

    # Importing -----------------------------------------------------------------

    def action_download_template_sample(self):
        return self.template_id.action_download_sample()

    def action_import(self):
        self.ensure_one()
        if self.state == "queued":
            raise UserError(
                self.env._("This file is already being imported in the background.")
            )
        if self.state == "done":
            raise UserError(self.env._("This file is already imported."))
        parsed = self._parse()
        # The mapping's problems are said before anything starts.
        self._converter(parsed)
        threshold = self.env.company.crm_digital_import_background_rows
        if threshold and len(parsed.rows) > threshold:
            self.write({"state": "queued", "error_message": False})
            # A run before this one (failed, given up) leaves no figure behind.
            self.env["crm.digital.lead.import.progress"].sudo().search(
                [("import_id", "=", self.id)]
            ).unlink()
            self.with_delay(
                description=self.env._("Import leads from %s", self.file_name),
                # One job per import, however often Import is pressed.
                identity_key=f"crm_digital_lead_import_{self.id}",
            )._run_job()
            return self._notify_action(
                self.env._(
                    "The file has %(rows)s rows: it is being imported in the "
                    "background. You will be notified when it ends.",
                    rows=len(parsed.rows),
                )
            )
        # All or nothing: a failure leaves no lead of the file behind.
        with self._savepoint():
            self._run(parsed)
        return True

    def _run_job(self):
        """The background import: it ends done or failed, never half-written
        and never retried for ever."""
        if self.state != "queued":
            return f"Nothing to do: lead import {self.id} is {self.state}."
        try:
            with self._savepoint():
                self._run(self._parse())
        except RETRIED_ERRORS as error:
            # Run again later, a bounded number of times: when they are spent,
            # queue_job calls _on_job_failed.
            raise RetryableJobError(str(error), seconds=RETRY_SECONDS) from error
        except Exception as error:  # whatever it is, the user is told
            self._fail(error)
        self._notify_end()
        return f"Lead import {self.id}: {self.state}."

    def _on_job_failed(self, **failure):
        """queue_job gave up on the import's job (see its job function)."""
        for job in self.filtered(lambda job: job.state == "queued"):
            job._fail(
                UserError(
                    job.env._(
                        "The import kept colliding with other work on the same "
                        "records and was given up after several attempts: nothing "
                        "of the file was imported. Import it again."
                    )
                )
            )
            job._notify_end()

    def _fail(self, error):
        if isinstance(error, UserError):
            message = error.args[0]
        else:
            _logger.exception("Lead import %s failed", self.id)
            message = self.env._(
                "The import stopped on an unexpected error (%(error)s). Nothing of "
                "the file was imported; tell your administrator.",
                error=error,
            )
        self.write({"state": "failed", "error_message": message})

    def _run(self, parsed):
        """Import every row, all or nothing: created, updated, skipped, or
        rejected with its reason into the rejection file. Returns, by row
        number, the reason of each rejected row, the (matched record, reason)
        of each skipped one, and the import key of each accepted one."""
        converter = self._converter(parsed)
        Lead = self.env["crm.lead"]
        strict_keys = set(self.column_ids.filtered("strict").mapped("target")) - {
            "extra_notes"
        }
        outcome = Counter()
        rejected, reasons = [], []
        accepted, cache = [], {}
        for result in map(converter.convert, parsed.rows):
            problems = [self.env._(message) for message in result.errors]
            warnings = [self.env._(message) for message in result.warnings]
            values = {}
            if not problems:
                values, errors, notes = self.env["crm.digital.lead.resolver"]._resolve(
                    result.values, cache, strict_keys
                )
                problems += errors + [
                    self.env._(problem)  # pylint: disable=translation-required
                    for problem in Lead._crm_digital_limit_problems(values)
                ]
                warnings += notes
            if problems:
                rejected.append(result.row)
                reasons.append("; ".join(problems))
            else:
                accepted.append((result, values, warnings))
        refused, skipped = self._store(accepted, outcome)
        for row, reason in refused:
            rejected.append(row)
            reasons.append(reason)
        refused_rows = {id(row) for row, _reason in refused}
        skipped_rows = {id(row) for row, _matched, _reason in skipped}
        warned = [
            (result.row, "; ".join(warnings))
            for result, _values, warnings in accepted
            if warnings
            and id(result.row) not in refused_rows
            and id(result.row) not in skipped_rows
        ]
        report = {
            "rejected": {
                row.number: reason
                for row, reason in zip(rejected, reasons, strict=True)
            },
            "skipped": {
                row.number: (matched, reason) for row, matched, reason in skipped
            },
            "keys": {
                result.row.number: self._row_key(result)
                for result, _values, _warnings in accepted
            },
        }
        self.write(
            {
                "state": "done",
                "error_message": False,
                "row_count": len(parsed.rows),
                "created_count": outcome["created"],
                "updated_count": outcome["updated"],
                "flagged_count": outcome["flagged"],
                "skipped_count": outcome["skipped"],
                "rejected_count": len(rejected),
                "warning_count": len(warned),
                **self._report_file(
                    "rejection",
                    self.env._("rejected"),
                    rejected and write_rejections(parsed, rejected, reasons),
                ),
                **self._report_file(
                    "skipped",
                    self.env._("skipped"),
                    skipped
                    and write_rows(
                        parsed,
                        [row for row, _m, _r in skipped],
                        MATCH_COLUMNS,
                        [[matched, reason] for _row, matched, reason in skipped],
                    ),
                ),
                **self._report_file(
                    "warning",
                    self.env._("problems"),
                    warned
                    and write_rows(
                        parsed,
                        [row for row, _p in warned],
                        [PROBLEMS_COLUMN],
                        [[problems] for _row, problems in warned],
                    ),
                ),
            }
        )
        return report

    @contextmanager
    def _savepoint(self):
        """A savepoint whose pending computations are flushed as the importing
        user: at its end, Odoo flushes them as whichever user of the
        transaction comes first (under the REST API, the public user of the
        request), whose rights are not the importer's."""
        with self.env.cr.savepoint():
            yield
            self.env.flush_all()

    def _run_now(self):
        """Import the file at once, in this transaction, whatever its size
        (the API's bulk creation: its caller waits for the outcome); returns
        what became of each row (see _run)."""
        self.ensure_one()
        parsed = self._parse()
        self._converter(parsed)
        with self._savepoint():
            return parsed, self._run(parsed)

    def _report_file(self, kind, suffix, data):
        """Values of one of the files given back (rejected, skipped, problems)."""
        return {
            f"{kind}_file": base64.b64encode(data) if data else False,
            f"{kind}_file_name": self._report_file_name(suffix) if data else False,
        }

    def _report_file_name(self, suffix):
        stem, dot, extension = self.file_name.rpartition(".")
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
        """Create, update or skip the accepted rows. Returns the (row, reason)
        of those the importing user's access rights refuse, and the (row,
        matched record, reason) of the skipped ones."""
        Lead = self.env["crm.lead"]
        keys = [self._row_key(result) for result, _values, _warnings in accepted]
        # Rows and duplicates are found among every lead, not only those the
        # user sees: the rules may have given them to someone else. Only their
        # keys and names are read.
        done = {
            lead.import_key: lead
            for lead in Lead.sudo()
            .with_context(active_test=False)
            .search_fetch([("import_key", "in", keys)], ["import_key", "name"])
        }
        rows_values = [result.values for result, _values, _warnings in accepted]
        lead_dups = find_duplicates(rows_values, self._existing_leads(rows_values))
        # What the importer may not read is never named nor updated.
        readable = self._readable(
            "crm.lead",
            [lead.id for lead in done.values()]
            + [dup.existing.target for dup in lead_dups if dup.existing],
        )
        partner_dups = find_duplicates(
            rows_values, self._existing_partners(rows_values)
        )
        to_create, refused, skipped, duplicates, seen_keys = [], [], [], [], {}
        for index, (result, values, _warnings) in enumerate(accepted):
            key = keys[index]
            if key in done or key in seen_keys:
                outcome["skipped"] += 1
                skipped.append(
                    self._skipped_again(result.row, done, seen_keys, key, readable)
                )
                continue
            seen_keys[key] = result.row
            # A company shared by different people makes no duplicate.
            duplicate = next(
                (
                    match
                    for match in (lead_dups[index].existing, lead_dups[index].earlier)
                    if match and match.same_lead
                ),
                None,
            )
            customer = partner_dups[index].existing
            customer = customer if customer and customer.same_lead else None
            values = dict(values, import_key=key, import_id=self.id)
            if customer:
                values["partner_id"] = customer.target
            if not (duplicate or customer):
                to_create.append((result.row, values, "created"))
            elif self.duplicate_policy == "skip":
                outcome["skipped"] += 1
                source = (
                    "customer"
                    if not duplicate
                    else "lead"
                    if duplicate is lead_dups[index].existing
                    else "row"
                )
                duplicates.append((result.row, source, duplicate or customer))
            elif (
                self.duplicate_policy == "update"
                and duplicate is lead_dups[index].existing
                and duplicate.target not in readable
            ):
                outcome["skipped"] += 1
                skipped.append((result.row, *self._hidden_match()))
            elif (
                self.duplicate_policy == "update"
                and duplicate is lead_dups[index].existing
            ):
                # The file's values, not its ownership nor its links.
                kept = ("user_id", "partner_id", "import_key", "import_id")
                lead = Lead.browse(duplicate.target)
                try:
                    with self._savepoint():
                        lead.write({k: v for k, v in values.items() if k not in kept})
                    outcome["updated"] += 1
                except AccessError:
                    refused.append((result.row, self._refusal(values)))
            else:
                values["import_duplicate"] = True
                to_create.append((result.row, values, "flagged"))
        skipped += self._skipped_duplicates(duplicates, accepted)
        return refused + self._create_leads(to_create, outcome), skipped

    def _readable(self, model, ids):
        """Those of ``ids`` the importing user may read."""
        records = (
            self.env[model]
            .with_context(active_test=False)
            .search([("id", "in", list(set(ids)))])
        )
        return set(records.ids)

    def _hidden_match(self):
        """(matched record, reason) of a row matching a record the importing
        user may not read: that it exists is all they learn."""
        return (
            self.env._("A record you cannot see"),
            self.env._("It matches a record you cannot see."),
        )

    def _skipped_again(self, row, done, seen_keys, key, readable):
        if key in done and done[key].id not in readable:
            return (row, *self._hidden_match())
        if key in done:
            lead = done[key]
            return (
                row,
                self.env._("Lead %(name)s (#%(id)s)", name=lead.name, id=lead.id),
                self.env._("An earlier import of this file already created it."),
            )
        return (
            row,
            self.env._("Row %s", seen_keys[key].number),
            self.env._("The same row stands earlier in the file."),
        )

    def _skipped_duplicates(self, skipped, accepted):
        """(row, matched record, reason) of the rows skipped as duplicates,
        given as (row, "lead", "customer" or "row", engine match)."""
        names = {}
        for source, model in (("lead", "crm.lead"), ("customer", "res.partner")):
            ids = [match.target for _row, kind, match in skipped if kind == source]
            records = (
                self.env[model]
                .with_context(active_test=False)
                .search_fetch([("id", "in", ids)], ["display_name"])
            )
            names.update(((source, r.id), r.display_name) for r in records)
        texts = {
            "lead": lambda match: self.env._(
                "Lead %(name)s (#%(id)s)",
                name=names.get(("lead", match.target)),
                id=match.target,
            ),
            "customer": lambda match: self.env._(
                "Customer %(name)s (#%(id)s)",
                name=names.get(("customer", match.target)),
                id=match.target,
            ),
            "row": lambda match: self.env._(
                "Row %s", accepted[match.target][0].row.number
            ),
        }
        lang = self.env.lang or "en_US"
        return [
            (
                row,
                texts[source](match),
                self.env._(
                    "Same %(what)s as this record.",
                    what=MATCH_KINDS[match.kind]._translate(lang),
                ),
            )
            if source == "row" or (source, match.target) in names
            else (row, *self._hidden_match())
            for row, source, match in skipped
        ]

    def _create_leads(self, to_create, outcome):
        """Create the leads in batches; when access rights refuse some of a
        batch, find them one by one and return them as (row, reason)."""
        batch = f"import-{self.id}-{uuid.uuid4().hex}"
        # Unmapped salesperson: the rules decide, not the importing user (see
        # _keep_unassigned). No chatter line nor follower per lead: the import
        # itself is the record.
        Lead = (
            self.env["crm.lead"]
            ._crm_digital_owner()
            .with_context(
                default_user_id=False,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                crm_digital_batch=batch,
                crm_digital_announce_later=True,
            )
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
        self._keep_unassigned()
        self._announce_assigned()
        return refused

    def _keep_unassigned(self):
        """Leads no column nor rule gave to anyone stay with whoever imported
        them, unless they are a manager: else every salesperson would read and
        change them."""
        if self.env.user.has_group("sales_team.group_sale_salesman_all_leads"):
            return
        self.env["crm.lead"].search(
            [("import_id", "=", self.id), ("user_id", "=", False)]
        ).with_context(tracking_disable=True).write({"user_id": self.env.uid})

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
        transaction is all or nothing, so the figure is committed apart, in a
        row of its own that the job never writes."""
        if self.state != "queued":
            return
        Progress = self.env["crm.digital.lead.import.progress"]
        try:
            with self.env.registry.cursor() as cr:
                cr.execute(
                    SQL(
                        # Nothing for an import this cursor cannot see yet.
                        "INSERT INTO %(table)s (import_id, percent, create_uid, "
                        "write_uid, create_date, write_date) SELECT id, "
                        "%(percent)s, %(uid)s, %(uid)s, %(now)s, %(now)s FROM "
                        "%(imports)s WHERE id = %(id)s "
                        "ON CONFLICT (import_id) DO UPDATE SET percent = "
                        "EXCLUDED.percent, write_date = EXCLUDED.write_date",
                        table=SQL.identifier(Progress._table),
                        imports=SQL.identifier(self._table),
                        id=self.id,
                        percent=min(percent, 99),
                        uid=self.env.uid,
                        now=fields.Datetime.now(),
                    )
                )
        except Exception as error:
            # E.g. an import not committed yet: the figure is only a courtesy.
            _logger.info("Lead import %s: progress not shown (%s)", self.id, error)

    def _create_chunk(self, Lead, chunk, outcome):
        try:
            with self._savepoint():
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
                with self._savepoint():
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
                [
                    "email_from",
                    "phone",
                    "mobile",
                    "vat",
                    "partner_name",
                    "contact_name",
                ],
            )
        )
        return index_records(
            (
                lead.id,
                {
                    "contact_name": lead.contact_name,
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
        records = [
            (
                partner.id,
                {
                    "email_from": partner.email,
                    "phone": partner.phone,
                    "mobile": partner.mobile,
                    "vat": partner.vat,
                    # A person of their own, or a company and its people.
                    "contact_name" if not partner.is_company else "partner_name": (
                        partner.name
                    ),
                },
            )
            for partner in partners
        ]
        companies = set(partners.filtered("is_company").ids)
        return index_records(records, companies=companies)

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
        if self.state == "failed":
            subject = self.env._("Lead import failed")
            body = self.env._(
                "%(file)s: nothing was imported. %(error)s",
                file=self.file_name,
                error=self.error_message,
            )
        else:
            subject = self.env._("Lead import finished")
            body = self.env._(
                "%(file)s: %(created)s created, %(updated)s updated, %(flagged)s "
                "flagged as possible duplicates, %(skipped)s skipped, %(rejected)s "
                "rejected; %(warned)s imported with problems.",
                file=self.file_name,
                created=self.created_count,
                updated=self.updated_count,
                flagged=self.flagged_count,
                skipped=self.skipped_count,
                rejected=self.rejected_count,
                warned=self.warning_count,
            )
        # From OdooBot: the job may run for a user without an email address.
        self.message_notify(
            author_id=self.env.ref("base.partner_root").id,
            partner_ids=self.user_id.partner_id.ids,
            subject=subject,
            body=body,
        )

    def action_save_template(self):
        """Keep the columns as mapped here as a template: the next file with
        these columns is guessed to it. Whoever may import may save one; only
        their own is ever changed, saving again from the same file."""
        self.ensure_one()
        self.check_access("write")
        if not self.column_ids:
            raise UserError(
                self.env._(
                    "Upload a readable file first: its columns make the template."
                )
            )
        stem = self.file_name.rpartition(".")[0] or self.file_name
        name = self.env._("%(file)s (by %(user)s)", file=stem, user=self.env.user.name)
        Template = self.env["crm.digital.import.template"].sudo()
        template = Template.search(
            [
                ("name", "=", name),
                ("code", "=", False),
                ("create_uid", "=", self.env.uid),
            ],
            limit=1,
        )
        values = {
            "duplicate_policy": self.duplicate_policy or "skip",
            "column_ids": [Command.clear()]
            + [
                Command.create(
                    {
                        "name": column.name,
                        "target": column.target,
                        "strict": column.strict,
                    }
                )
                for column in self.column_ids
            ],
        }
        if template:
            template.write(values)
        else:
            template = Template.create(dict(values, name=name))
        self.template_id = template.id
        return self._notify_action(
            self.env._(
                'Template "%s" saved: files with these columns will use it.',
                template.name,
            )
        )
