# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, models
from odoo.tools import SQL

from ..models.res_users_apikeys import SCOPE


class ReportCrmDigitalJustification(models.AbstractModel):
    _inherit = "report.crm_digital.report_justification"

    def _crm_digital_extensions(self):
        return super()._crm_digital_extensions() | {"integration"}

    def _crm_digital_evidence(self, company):
        evidence = super()._crm_digital_evidence(company)
        endpoint = self.env.ref("crm_digital_api.fastapi_endpoint_crm_digital").sudo()
        operations = [
            route
            for router in endpoint._get_fastapi_routers()
            for route in router.routes
            if getattr(route, "include_in_schema", False)
        ]
        since = fields.Date.today() - timedelta(days=30)
        self.env.cr.execute(
            SQL(
                """
                SELECT count(DISTINCT k.id), count(DISTINCT k.user_id)
                  FROM res_users_apikeys k JOIN res_users u ON u.id = k.user_id
                 WHERE u.active AND (k.scope = %s OR k.scope LIKE %s)
                   AND (k.expiration_date IS NULL
                        OR k.expiration_date >= now() at time zone 'utc')
                """,
                SCOPE,
                f"{SCOPE} %",
            )
        )
        keys, users = self.env.cr.fetchone()
        calls = self.env["crm.digital.api.request"].sudo()._calls_since(since)
        webhooks = self.env["crm.digital.webhook"].sudo()
        delivered = (
            self.env["crm.digital.webhook.delivery"]
            .sudo()
            .search_count(
                [
                    ("webhook_id.company_id", "=", company.id),
                    ("state", "=", "done"),
                    ("occurred_at", ">=", since),
                ]
            )
        )
        number = self._crm_digital_number
        evidence["integration"] += [
            self.env._(
                "REST API: %(operations)s operations, described in OpenAPI "
                "3.1, with signed webhooks; XML-RPC and JSON-RPC.",
                operations=number(len(operations)),
            ),
            self.env._(
                "Live REST API keys: %(keys)s, of %(users)s users; REST calls "
                "in the last 30 days: %(calls)s.",
                keys=number(keys),
                users=number(users),
                calls=number(calls),
            ),
            self.env._(
                "Active webhooks: %(webhooks)s; events delivered in the last 30 "
                "days: %(delivered)s.",
                webhooks=number(
                    webhooks.search_count(
                        [("state", "=", "active"), ("company_id", "=", company.id)]
                    )
                ),
                delivered=number(delivered),
            ),
        ]
        return evidence
