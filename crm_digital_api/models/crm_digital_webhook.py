# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from ..addresses import parse_allowed, refused_address

PAUSE_AFTER = timedelta(days=1)
INTERNAL_HOSTS = "crm_digital_api.webhook_internal_hosts"


class CrmDigitalWebhook(models.Model):
    """An address another system gives to be told of commercial events as
    they happen. Each delivery is signed with the webhook's secret and sent in
    the background after the change is committed, retried with growing waits;
    an address that fails for a day is paused and its owner told."""

    _name = "crm.digital.webhook"
    _description = "Webhook"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    url = fields.Char(
        "URL",
        required=True,
        tracking=True,
        help="Where each event is POSTed, as JSON (https, or http inside the "
        "company's network, whose hosts the consultant allows in Settings).",
    )
    event_ids = fields.Many2many(
        "crm.digital.webhook.event", string="Events", required=True
    )
    secret = fields.Char(
        default=lambda self: secrets.token_hex(32),
        required=True,
        copy=False,
        groups="base.group_user",
        help="Signs each delivery (header X-CRM-Digital-Signature, HMAC-SHA256 "
        "over timestamp.body): give it to the receiving system to check them.",
    )
    user_id = fields.Many2one(
        "res.users",
        "Owner",
        required=True,
        default=lambda self: self.env.user,
        help="Deliveries hold only what the owner may read, and the owner is "
        "told when the webhook is paused.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("active", "Active"), ("paused", "Paused")],
        default="active",
        required=True,
        tracking=True,
        help="Paused: nothing is sent (it pauses itself after failing for a day).",
    )
    failing_since = fields.Datetime(
        readonly=True, help="The first failed delivery since the last one that went."
    )
    delivery_ids = fields.One2many(
        "crm.digital.webhook.delivery", "webhook_id", "Deliveries"
    )

    @api.constrains("url")
    def _check_url(self):
        for webhook in self:
            parts = urlsplit(webhook.url or "")
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValidationError(
                    self.env._(
                        "The webhook URL %(url)s is not an http(s) address.",
                        url=webhook.url,
                    )
                )
            refused = webhook._refused_address()
            if refused:
                raise ValidationError(webhook._refused_message(refused))

    def _refused_address(self):
        """The address inside the network that the URL reaches and that the
        consultant did not allow, else None; resolved anew on each call (a
        name may point elsewhere by the time of a delivery)."""
        allowed = self.env["ir.config_parameter"].sudo().get_param(INTERNAL_HOSTS)
        return refused_address(self.url, parse_allowed(allowed))

    def _refused_message(self, address):
        return self.env._(
            "The webhook URL %(url)s reaches %(address)s, inside a network: "
            "webhooks are sent only to public addresses, and to the hosts of "
            "the company's network allowed in Settings > CRM Digital > "
            "Integrations.",
            url=self.url,
            address=address,
        )

    @api.model
    @tools.ormcache("self.env.company.id")
    def _subscribed_codes(self):
        """The events some active webhook of the company waits for: a change
        nobody listens to costs nothing more."""
        webhooks = self.sudo().search(
            [("state", "=", "active"), ("company_id", "=", self.env.company.id)]
        )
        return frozenset(webhooks.event_ids.mapped("code"))

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if {"state", "event_ids", "company_id"} & vals.keys():
            self.env.registry.clear_cache()
        if vals.get("state") == "active":
            vals["failing_since"] = False
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    def action_pause(self):
        self.state = "paused"

    def action_resume(self):
        self.state = "active"

    def action_new_secret(self):
        """A new secret, for when the old one leaked."""
        for webhook in self:
            webhook.secret = secrets.token_hex(32)

    def _failed(self, now):
        """A delivery failed: pause the webhook once failing for a day."""
        for webhook in self.filtered(lambda w: w.state == "active"):
            if not webhook.failing_since:
                webhook.failing_since = now
            elif now - webhook.failing_since >= PAUSE_AFTER:
                webhook.state = "paused"
                webhook._tell_owner_paused()

    def _tell_owner_paused(self):
        owner = self.user_id
        env = self.with_context(lang=owner.lang).env
        message = env._(
            "The webhook %(name)s was paused: %(url)s has failed every delivery "
            "for a day. Fix the receiving system, then resume it and resend the "
            "failed deliveries.",
            name=self.name,
            url=self.url,
        )
        self.message_post(body=message, partner_ids=owner.partner_id.ids)
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=env._("Webhook paused: %(name)s", name=self.name),
            note=message,
            user_id=owner.id,
        )
