# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

from odoo import api, fields, models
from odoo.tools import SQL

KEEP_MINUTES = 10


class CrmDigitalApiRate(models.Model):
    """Requests of each key in each minute, counted in PostgreSQL so that the
    limit holds across workers and servers."""

    _name = "crm.digital.api.rate"
    _description = "CRM Digital API Requests per Minute"
    _log_access = False

    key_id = fields.Integer("API Key", required=True, index=True)
    minute = fields.Datetime(required=True)
    hits = fields.Integer(required=True, default=0)

    _sql_constraints = [
        ("minute_unique", "unique(key_id, minute)", "One count per key and minute."),
    ]

    @api.model
    def _hit(self, key_id):
        """Count a request of the key in this minute and this day, on a cursor
        of its own (committed at once, whatever becomes of the request, and
        never holding a lock while the request runs); return the minute's
        count and the seconds left in it."""
        with self._own_cursor() as cr:
            # One round trip: the day's count, then the minute's.
            cr.execute(
                SQL(
                    """
                    WITH usage AS (
                        INSERT INTO crm_digital_api_usage AS usage (key_id, day, calls)
                        VALUES (%(key)s, (now() at time zone 'utc')::date, 1)
                        ON CONFLICT (key_id, day)
                        DO UPDATE SET calls = usage.calls + 1
                    )
                    INSERT INTO crm_digital_api_rate AS rate (key_id, minute, hits)
                    VALUES (%(key)s, date_trunc('minute', now() at time zone 'utc'), 1)
                    ON CONFLICT (key_id, minute) DO UPDATE SET hits = rate.hits + 1
                    RETURNING rate.hits,
                        60 - extract(second from now() at time zone 'utc')
                    """,
                    key=key_id,
                )
            )
            hits, left = cr.fetchone()
        return hits, max(1, int(left))

    @contextmanager
    def _own_cursor(self):
        registry = self.env.registry
        if registry.in_test_mode():
            # Tests run every request on the test's one cursor, held by the
            # request's thread: a second one would wait for it forever.
            yield self.env.cr
            return
        with registry.cursor() as cr:
            # Requests of one key count on one row: under Odoo's REPEATABLE
            # READ, two at once make one fail to serialise, and Odoo retries
            # the whole request. READ COMMITTED waits for the other's commit
            # (a few ms: nothing else runs on this cursor) and adds to it.
            # A count lost in a crash does no harm: its commit need not wait
            # for the disk, as the request's own commit does.
            cr.execute(
                "SET TRANSACTION ISOLATION LEVEL READ COMMITTED; "
                "SET LOCAL synchronous_commit TO OFF"
            )
            yield cr

    @api.autovacuum
    def _gc_minutes(self):
        self.env.cr.execute(
            SQL(
                "DELETE FROM crm_digital_api_rate WHERE minute < "
                "now() at time zone 'utc' - make_interval(mins => %s)",
                KEEP_MINUTES,
            )
        )
