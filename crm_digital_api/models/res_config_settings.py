# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..dependencies import DEFAULT_RATE_LIMIT
from .crm_digital_webhook import INTERNAL_HOSTS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_digital_api_rate_limit = fields.Integer(
        "API Requests per Minute",
        config_parameter="crm_digital_api.rate_limit",
        default=DEFAULT_RATE_LIMIT,
        help="Requests each API key may send a minute, over all the server's "
        "workers; past it the API answers 429 with the seconds to wait "
        "(0: no limit).",
    )
    crm_digital_api_webhook_hosts = fields.Char(
        "Webhook Hosts Inside the Network",
        config_parameter=INTERNAL_HOSTS,
        help="Host names, addresses or networks of the company's own network "
        "that webhooks may be sent to, separated by commas (erp.local, "
        "*.intranet.es, 10.0.0.0/8). Any other address inside a network "
        "(loopback, private, link-local) is refused, so that nobody can make "
        "the server reach what only it can reach.",
    )
    crm_digital_api_max_body_mb = fields.Integer(
        "Largest API Request (MB)",
        config_parameter="crm_digital_api.max_body_mb",
        default=25,
        help="A larger request body is refused with 413.",
    )
