# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bulk creation of imported leads, ten times faster than create().

create() spends about a millisecond per lead in the ORM's per-record machinery
(defaults, some forty stored computes, conversions, the flush). For leads
without a customer, whose values the import engine has already checked, the
stored computes are simple functions of the values: they are worked out here
in plain Python and the rows copied in with COPY. What
create() does besides is kept: defaults, assignment rules, access rights and
record rules, constraints, the salesperson as follower, automated actions, the
predictive lead scoring (stock's own), and every stored compute this file does
not know (another module's) is left to the ORM. A create() override this file
does not know sends the leads through create() instead.
"""

import io
import json
from functools import partial

from psycopg2.extras import execute_values

from odoo import Command, api, models
from odoo.tools import SQL, email_normalize, email_split

from odoo.addons.base_automation.models.base_automation import CREATE_TRIGGERS
from odoo.addons.iap.tools import iap_tools
from odoo.addons.mail.tools import mail_validation

from .crm_lead import normalize_vat

# Modules whose create() on crm.lead the bulk path stands in for.
KNOWN_CREATE_MODULES = {
    "odoo.models",
    "odoo.addons.mail.models.mail_thread",
    "odoo.addons.crm.models.crm_lead",
    "odoo.addons.crm_iap_enrich.models.crm_lead",
    "odoo.addons.crm_digital.models.crm_lead",
    "odoo.addons.crm_digital.models.crm_lead_limits",
    "odoo.addons.base_automation.models.base_automation",
}
# Stored computes worked out here (for leads without customer); the scoring
# ones with stock's own computation. Those that only follow the customer keep
# the given value (_crm_digital_customer_fields).
COMPUTED_HERE = {
    "team_id",
    "stage_id",
    "company_id",
    "date_open",
    "day_open",
    "day_close",
    "date_last_stage_update",
    "crm_digital_stage_date",
    "email_normalized",
    "email_domain_criterion",
    "email_state",
    "phone_sanitized",
    "phone_state",
    "recurring_revenue_monthly",
    "crm_digital_outcome",
    "probability",
    "automated_probability",
    "prorated_revenue",
    "recurring_revenue_prorated",
    "recurring_revenue_monthly_prorated",
}
INSERT_PAGE = 1000


def copy_text(value):
    """A column value in PostgreSQL's COPY text format."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if hasattr(value, "adapted"):  # psycopg2's Json
        value = json.dumps(value.adapted)
    elif isinstance(value, dict | list):
        value = json.dumps(value)
    text = str(value)
    for char, escaped in (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
        text = text.replace(char, escaped)
    return text


# Apart from crm_lead.py: the bulk path is a unit of its own (see above).
# pylint: disable=consider-merging-classes-inherited
class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model
    def _crm_digital_bulk_ready(self):
        """Whether every create() override on crm.lead is one the bulk path
        stands in for."""
        return all(
            cls.__dict__["create"].__module__ in KNOWN_CREATE_MODULES
            # An addon's create() that does its part in _crm_digital_bulk_after
            # says so.
            or getattr(cls.__dict__["create"], "crm_digital_bulk_safe", False)
            for cls in type(self).mro()
            if "create" in cls.__dict__
        )

    @api.model
    def _crm_digital_bulk_create(self, vals_list):
        """Create leads without customer (no partner_id) whose phones are
        valid and in E.164 form; return them in the order of `vals_list`."""
        if not vals_list:
            return self.browse()
        self.check_access("create")
        proposals, undecided = self._crm_digital_assign_before(vals_list)
        rows, tags = self._crm_digital_bulk_rows(vals_list)
        self._crm_digital_bulk_scores(rows, tags)
        leads = self._crm_digital_bulk_insert(rows, tags)
        self._crm_digital_bulk_after(leads, rows)
        self._crm_digital_assign_after(leads, proposals, undecided)
        return leads

    def _crm_digital_bulk_rows(self, vals_list):
        """The stored values of each lead, as create() would have them, and
        the tag ids of each."""
        defaults = self.default_get(
            [name for name, field in self._fields.items() if field.store]
        )
        now = self.env.cr.now()
        uid = self.env.uid
        teams, stages, companies = {}, {}, {}
        Users, Teams = self.env["res.users"], self.env["crm.team"]
        rows, tags = [], []
        for vals in vals_list:
            row = {**defaults, **vals}
            row["vat"] = row.get("vat") and normalize_vat(row["vat"])
            if row.get("website"):
                row["website"] = self.env["res.partner"]._clean_website(row["website"])
            user = Users.browse(row.get("user_id"))
            team = Teams.browse(row.get("team_id"))
            if user and "team_id" not in row:
                team = self._crm_digital_team_for(team, row.get("type"), user, teams)
            if team not in stages:
                stages[team] = self._stage_find(
                    team_id=team.id, domain=[("fold", "=", False)]
                )
            if (team, user) not in companies:
                companies[team, user] = self._crm_digital_bulk_company(team, user)
            email = email_normalize(row.get("email_from"), strict=False)
            computed = dict(
                team_id=team.id,
                stage_id=stages[team].id,
                company_id=companies[team, user],
                date_open=now if user else None,
                day_open=0.0 if user else None,
                day_close=None,
                date_last_stage_update=now,
                crm_digital_stage_date=now,
                email_normalized=email,
                email_domain_criterion=email
                and iap_tools.mail_prepare_for_domain_search(email),
                email_state=self._crm_digital_bulk_email_state(
                    row.get("email_from"), email
                ),
                phone_sanitized=row.get("mobile") or row.get("phone") or None,
                phone_state=row.get("phone") and "correct",
                recurring_revenue_monthly=row.get("recurring_revenue") or 0.0,
            )
            # As create(): a value given for an editable computed field stays.
            row.update(
                {
                    name: value
                    for name, value in computed.items()
                    if name not in vals or self._fields[name].readonly
                },
                create_uid=uid,
                create_date=now,
                write_uid=uid,
                write_date=now,
            )
            row["crm_digital_outcome"] = self._crm_digital_bulk_outcome(row)
            tags.append(self._crm_digital_tag_ids(row.pop("tag_ids", None)))
            rows.append(row)
        return rows, tags

    def _crm_digital_bulk_outcome(self, row):
        # crm.lead._compute_crm_digital_outcome; without a given probability,
        # an archived lead is not scored (stays at 0).
        if not row.get("active", True) and not row.get("probability"):
            return "cancelled"
        return "won" if self.env["crm.stage"].browse(row["stage_id"]).is_won else "open"

    def _crm_digital_bulk_company(self, team, user):
        # Stock's _compute_company_id for a lead without customer.
        if team.company_id:
            return team.company_id.id
        if user:
            if self.env.company in user.company_ids:
                return self.env.company.id
            return (user.company_id & self.env.companies).id
        return None

    @staticmethod
    def _crm_digital_bulk_email_state(email_from, normalized):
        # Stock's _compute_email_state; a plain address needs no splitting.
        if not email_from:
            return None
        addresses = (
            [email_from] if email_from == normalized else email_split(email_from)
        )
        valid = any(mail_validation.mail_validate(e) for e in addresses)
        return "correct" if valid else "incorrect"

    def _crm_digital_bulk_insert(self, rows, tags):
        names = list(dict.fromkeys(name for row in rows for name in row))
        columns = [
            name
            for name in names
            if name in self._fields
            and self._fields[name].store
            and self._fields[name].column_type
        ]
        converters = [self._crm_digital_bulk_converter(name) for name in columns]
        self.env.flush_all()
        # COPY, the fastest way into PostgreSQL, takes no RETURNING: the ids
        # are drawn from the table's sequence first.
        self.env.cr.execute(
            SQL(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                "FROM generate_series(1, %s)",
                self._table,
                len(rows),
            )
        )
        ids = sorted(lead_id for (lead_id,) in self.env.cr.fetchall())
        data = io.StringIO()
        for lead_id, row in zip(ids, rows, strict=True):
            fields_text = (
                copy_text(convert(row.get(name)))
                for name, convert in zip(columns, converters, strict=True)
            )
            data.write("\t".join([str(lead_id), *fields_text]) + "\n")
        data.seek(0)
        cursor = self.env.cr._obj
        cursor.copy_expert(
            SQL(
                "COPY %s (id, %s) FROM STDIN",
                SQL.identifier(self._table),
                SQL(", ").join(SQL.identifier(name) for name in columns),
            ).code,
            data,
        )
        links = [
            (lead_id, tag_id)
            for lead_id, tag_ids in zip(ids, tags, strict=True)
            for tag_id in tag_ids
        ]
        if links:
            execute_values(
                cursor, "INSERT INTO crm_tag_rel (lead_id, tag_id) VALUES %s", links
            )
        return self.browse(ids)

    def _crm_digital_bulk_converter(self, name):
        """The column value of a Python value, as the ORM writes it; the ORM's
        own conversion where it does more than pass the value on (HTML is
        sanitised, translated text is JSON)."""
        field = self._fields[name]
        if field.type == "monetary":
            # create() stores amounts as given: the company, hence the
            # currency, is not known when the row is written.
            return lambda value: float(value or 0.0)
        if field.type in ("many2one", "char", "selection", "date", "datetime"):
            if not field.translate:
                return lambda value: value or None
        if field.type == "boolean":
            return bool
        return partial(field.convert_to_column_insert, record=self)

    @api.model
    def _crm_digital_customer_fields(self):
        """Stored computes that only follow the customer (its name, address,
        contact and identity): leads without one keep the value given."""
        depends = self.pool.field_depends
        return {
            name
            for name, field in self._fields.items()
            if field.store
            and field.compute
            and depends[field]
            and all(path.split(".")[0] == "partner_id" for path in depends[field])
        }

    def _crm_digital_bulk_after(self, leads, rows):
        """What create() does once the rows exist."""
        given = list(dict.fromkeys(name for row in rows for name in row))
        given = [name for name in given if name in self._fields]
        # Stored fields of other models that depend on leads learn of them;
        # the leads' own fields are all set, but those of unknown computes.
        with self.env.protecting(self._fields.values(), leads):
            leads.modified(given, create=True)
        known = COMPUTED_HERE | self._crm_digital_customer_fields()
        for field in self._fields.values():
            if (
                field.store
                and field.compute
                and field.name not in known
                and field.name not in given
            ):
                self.env.add_to_compute(field, leads)
        self._crm_digital_bulk_stays(leads, rows)
        leads.check_access("create")
        leads._validate_fields(given)
        if self._check_company_auto:
            self._crm_digital_bulk_check_company(leads, rows)
        if not self.env.context.get("tracking_disable"):
            self._crm_digital_bulk_subscribe(leads, rows)
        automations = self.env["base.automation"]._get_actions(leads, CREATE_TRIGGERS)
        for automation in automations.with_context(old_values=None):
            automation._process(automation._filter_post(leads, feedback=True))
        self._crm_digital_bulk_enrich()

    def _crm_digital_bulk_subscribe(self, leads, rows):
        """The salesperson follows their leads with the default subtypes, as
        create() has it (mail.followers' _add_default_followers), in two
        statements instead of a record each."""
        users = self.env["res.users"].browse(
            {row["user_id"] for row in rows if row.get("user_id")}
        )
        partners = {user.id: user.partner_id for user in users.sudo()}
        pairs = [
            (self._name, lead.id, partners[row["user_id"]].id)
            for lead, row in zip(leads, rows, strict=True)
            if row.get("user_id")
        ]
        if not pairs:
            return
        default, _internal, external = self.env[
            "mail.message.subtype"
        ]._default_subtypes(self._name)
        shared = {p.id for p in partners.values() if p.partner_share}
        followers = execute_values(
            self.env.cr._obj,
            "INSERT INTO mail_followers (res_model, res_id, partner_id) VALUES %s "
            "ON CONFLICT DO NOTHING RETURNING id, partner_id",
            pairs,
            page_size=INSERT_PAGE,
            fetch=True,
        )
        links = [
            (follower_id, subtype_id)
            for follower_id, partner_id in followers
            for subtype_id in (external if partner_id in shared else default)
        ]
        if links:
            execute_values(
                self.env.cr._obj,
                "INSERT INTO mail_followers_mail_message_subtype_rel "
                "(mail_followers_id, mail_message_subtype_id) VALUES %s",
                links,
                page_size=INSERT_PAGE,
            )
        self.env["mail.followers"].invalidate_model()
        leads.invalidate_recordset(["message_follower_ids"])

    def _crm_digital_bulk_stays(self, leads, rows):
        # Each lead's first stay in its stage (crm.lead._crm_digital_log_stages).
        uid, now = self.env.uid, self.env.cr.now()
        execute_values(
            self.env.cr._obj,
            "INSERT INTO crm_digital_stage_history (lead_id, stage_id, team_id, "
            "salesperson_id, company_id, user_id, date_entered, create_uid, "
            "create_date, write_uid, write_date) VALUES %s",
            [
                (
                    lead.id,
                    row["stage_id"],
                    row["team_id"] or None,
                    row.get("user_id") or None,
                    row["company_id"] or None,
                    uid,
                    now,
                    uid,
                    now,
                    uid,
                    now,
                )
                for lead, row in zip(leads, rows, strict=True)
                if row.get("stage_id")
            ],
            page_size=INSERT_PAGE,
        )

    def _crm_digital_bulk_check_company(self, leads, rows):
        """Stock's _check_company, on one lead for each combination of company
        and checked relations: its verdict depends on nothing else, and
        thousands of imported leads share a handful of them."""
        names = [
            name
            for name, field in self._fields.items()
            if field.relational and field.check_company and field.store
        ]
        seen, sample = set(), []
        for lead, row in zip(leads, rows, strict=True):
            key = tuple(str(row.get(name)) for name in ["company_id", *names])
            if key not in seen:
                seen.add(key)
                sample.append(lead.id)
        self.browse(sample)._check_company()

    def _crm_digital_bulk_scores(self, rows, tags):
        """Stock's predictive lead scoring, and the revenues it prorates, put
        in the rows before they are written. The score depends only on the
        values scoring looks at (stage, team and the scoring fields set in
        CRM settings), which thousands of imported leads share: stock's own
        computation runs once on an unsaved lead for each combination."""
        names = ["stage_id", "team_id", *self._pls_get_safe_fields()]
        samples, keys = {}, []
        for row, tag_ids in zip(rows, tags, strict=True):
            values = {
                name: row.get(name) or False for name in names if name != "tag_ids"
            }
            if "tag_ids" in names:
                values["tag_ids"] = [Command.set(sorted(tag_ids))]
            key = repr(sorted(values.items()))
            keys.append(key)
            if key not in samples:
                samples[key] = self.new(values)
        leads = self.browse().concat(*samples.values())
        automated = leads._pls_get_naive_bayes_probabilities()
        scores = {key: automated.get(lead.id, 0.0) for key, lead in samples.items()}
        currency = self.env.company.currency_id
        for row, key in zip(rows, keys, strict=True):
            # A given probability spares create() the computation of both.
            if "probability" in row:
                probability, score = row["probability"] or 0.0, None
            else:
                probability = score = scores[key]
            recurring = (row.get("recurring_revenue") or 0.0) * probability / 100
            expected = row.get("expected_revenue") or 0.0
            row.update(
                probability=probability,
                automated_probability=score,
                prorated_revenue=currency.round(round(expected * probability / 100, 2)),
                recurring_revenue_prorated=currency.round(recurring),
                recurring_revenue_monthly_prorated=currency.round(recurring),
            )

    def _crm_digital_bulk_enrich(self):
        # crm_iap_enrich's create(): leads are enriched by its cron.
        if "iap_enrich_done" not in self._fields:
            return
        mode = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm.iap.lead.enrich.setting", "auto")
        )
        cron = self.env.ref(
            "crm_iap_enrich.ir_cron_lead_enrichment", raise_if_not_found=False
        )
        if mode == "auto" and cron:
            cron._trigger()
