# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

KEEP_HOURS = 24


class CrmDigitalApiIdempotency(models.Model):
    """The answer given to a POST sent with an Idempotency-Key, to give it again
    when the client retries. Written in the request's own transaction: if the
    request fails, nothing of it stays, this included, and a retry runs it."""

    _name = "crm.digital.api.idempotency"
    _description = "CRM Digital API Idempotent Request"
    _log_access = False

    key_id = fields.Integer("API Key", required=True)
    name = fields.Char("Idempotency Key", required=True)
    fingerprint = fields.Char(required=True, help="Method, path and body sent.")
    status = fields.Integer()
    body = fields.Text()
    create_date = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("name_unique", "unique(key_id, name)", "One answer per key and request."),
    ]

    @api.model
    def _claim(self, key_id, name, fingerprint):
        """(row id, None) when this request is the first with its key: it runs.
        (None, row) when an earlier one finished. (None, None) when another one
        with the same key is running right now (this waits for it to end)."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                INSERT INTO crm_digital_api_idempotency
                    (key_id, name, fingerprint, create_date)
                VALUES (%s, %s, %s, now() at time zone 'utc')
                ON CONFLICT (key_id, name) DO NOTHING
                RETURNING id
                """,
                key_id,
                name,
                fingerprint,
            )
        )
        row = cr.fetchone()
        if row:
            return row[0], None
        cr.execute(
            SQL(
                "SELECT fingerprint, status, body FROM crm_digital_api_idempotency "
                "WHERE key_id = %s AND name = %s AND status IS NOT NULL",
                key_id,
                name,
            )
        )
        return None, cr.dictfetchone()

    @api.model
    def _answer(self, row_id, status, body):
        self.env.cr.execute(
            SQL(
                "UPDATE crm_digital_api_idempotency SET status = %s, body = %s "
                "WHERE id = %s",
                status,
                body,
                row_id,
            )
        )

    @api.autovacuum
    def _gc_answers(self):
        self.env.cr.execute(
            SQL(
                "DELETE FROM crm_digital_api_idempotency WHERE create_date < "
                "now() at time zone 'utc' - make_interval(hours => %s)",
                KEEP_HOURS,
            )
        )
