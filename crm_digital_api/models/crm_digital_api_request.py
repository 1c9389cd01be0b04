# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class CrmDigitalApiRequest(models.Model):
    """A request of a key, recorded in the request's own transaction: an
    insert waits for no other request (a counter shared by a key's requests
    would, or fail to serialise), and needs no connection of its own. Counted
    for the rate limit, which so holds across workers and servers; summed
    into the requests per day by the daily clean-up."""

    _name = "crm.digital.api.request"
    _description = "CRM Digital API Request"
    _log_access = False

    key_id = fields.Integer("API Key", required=True)
    date = fields.Datetime(required=True)

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS crm_digital_api_request_key_date_index "
            "ON crm_digital_api_request (key_id, date)"
        )

    @api.model
    def _record(self, key_id, limit=0):
        """Record a request of the key; return the key's requests in this
        minute (this one included), counted up to just past `limit` (none
        without a limit: nothing reads them), and the seconds left in it."""
        self.env.cr.execute(
            SQL(
                """
                WITH request AS (
                    INSERT INTO crm_digital_api_request (key_id, date)
                    VALUES (%(key)s, now() at time zone 'utc')
                )
                SELECT (SELECT count(*) FROM (
                           SELECT 1 FROM crm_digital_api_request
                            WHERE key_id = %(key)s
                              AND date >= date_trunc('minute', %(now)s)
                            LIMIT %(limit)s) AS seen) + 1,
                       60 - extract(second from %(now)s)
                """,
                key=key_id,
                limit=max(limit, 0),
                now=SQL("now() at time zone 'utc'"),
            )
        )
        hits, left = self.env.cr.fetchone()
        return hits, max(1, int(left))

    @api.model
    def _calls_since(self, day):
        """Requests since `day` (UTC), those not yet summed included."""
        self.flush_model()
        self.env["crm.digital.api.usage"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT (SELECT COALESCE(sum(calls), 0) FROM crm_digital_api_usage
                         WHERE day >= %(day)s)
                     + (SELECT count(*) FROM crm_digital_api_request
                         WHERE date >= %(day)s)
                """,
                day=day,
            )
        )
        return self.env.cr.fetchone()[0]

    @api.autovacuum
    def _gc_requests(self):
        """Sum the requests of past minutes into the requests per day."""
        self.flush_model()
        self.env.cr.execute(
            """
            WITH done AS (
                DELETE FROM crm_digital_api_request
                 WHERE date < date_trunc('minute', now() at time zone 'utc')
                RETURNING key_id, date::date AS day
            )
            INSERT INTO crm_digital_api_usage AS usage (key_id, day, calls)
            SELECT key_id, day, count(*) FROM done GROUP BY key_id, day
            ON CONFLICT (key_id, day) DO UPDATE SET calls = usage.calls + EXCLUDED.calls
            """
        )
        self.env["crm.digital.api.usage"].invalidate_model()
