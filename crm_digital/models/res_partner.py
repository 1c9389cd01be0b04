# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import fields, models

LEAD_FACTS = [
    "partner_id",
    "type",
    "crm_digital_outcome",
    "create_date",
    "date_conversion",
    "date_closed",
    "write_date",
]
LIFECYCLE = [
    ("lead", "Lead"),
    ("prospect", "Prospect"),
    ("customer", "Customer"),
    ("recurring", "Recurring Customer"),
    ("lost", "Lost"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    employee_band_id = fields.Many2one(
        "crm.digital.employee.band",
        "Employees",
        help="Number of employees of the company (Kit Digital segments).",
    )
    # Kept up to date by the leads and orders of the company and its contacts
    # (_crm_digital_refresh_lifecycle), so it can be searched and grouped.
    crm_digital_lifecycle = fields.Selection(
        LIFECYCLE,
        "Commercial Stage",
        readonly=True,
        index=True,
        help="Lead: only leads so far. Prospect: an open opportunity. Customer: "
        "a won opportunity or a confirmed order. Recurring: several of them. "
        "Lost: its opportunities were all cancelled.",
    )
    crm_digital_lead_date = fields.Date("Lead Since", readonly=True)
    crm_digital_prospect_date = fields.Date("Prospect Since", readonly=True)
    crm_digital_customer_date = fields.Date("Customer Since", readonly=True)
    crm_digital_recurring_date = fields.Date("Recurring Since", readonly=True)
    crm_digital_lost_date = fields.Date("Lost Since", readonly=True)
    crm_digital_event_count = fields.Integer(
        "History", compute="_compute_crm_digital_event_count"
    )

    def _compute_crm_digital_event_count(self):
        Event = self.env["crm.digital.customer.event"]
        counts = dict(
            Event._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.crm_digital_event_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def action_crm_digital_history(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_digital.crm_digital_customer_event_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["display_name"] = self.env._(
            "History of %s", self.commercial_partner_id.display_name
        )
        return action

    def _crm_digital_refresh_lifecycle(self):
        """Work out the commercial stage, and the date it was first reached,
        of these partners' companies from their leads and orders."""
        companies = self.commercial_partner_id
        if not companies:
            return
        deals = defaultdict(list)
        for lead in (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("partner_id", "child_of", companies.ids)],
                LEAD_FACTS,
            )
        ):
            deals[lead.partner_id.commercial_partner_id].append(lead)
        signed = defaultdict(list)
        for order in (
            self.env["sale.order"]
            .sudo()
            .search_fetch(
                [("partner_id", "child_of", companies.ids), ("state", "=", "sale")],
                ["partner_id", "date_order"],
            )
        ):
            signed[order.partner_id.commercial_partner_id].append(order.date_order)
        # Each company and its contacts, read in one query, written only where
        # something changed.
        people = (
            self.sudo()
            .with_context(active_test=False, tracking_disable=True)
            .search([("commercial_partner_id", "in", companies.ids)])
        )
        for company, members in people.grouped("commercial_partner_id").items():
            values = self._crm_digital_lifecycle_values(deals[company], signed[company])
            members.filtered(
                lambda partner, values=values: any(
                    partner[name] != value for name, value in values.items()
                )
            ).write(values)

    def _crm_digital_lifecycle_values(self, leads, signed):
        opportunities = [lead for lead in leads if lead.type == "opportunity"]
        won = [lead for lead in opportunities if lead.crm_digital_outcome == "won"]
        wins = sorted([lead.date_closed or lead.write_date for lead in won] + signed)
        cancelled = [
            lead.write_date
            for lead in opportunities
            if lead.crm_digital_outcome == "cancelled"
        ]
        if len(wins) > 1:
            stage = "recurring"
        elif wins:
            stage = "customer"
        elif any(lead.crm_digital_outcome == "open" for lead in opportunities):
            stage = "prospect"
        elif cancelled:
            stage = "lost"
        elif leads:
            stage = "lead"
        else:
            stage = False
        prospected = [
            lead.date_conversion or lead.create_date for lead in opportunities
        ]

        created = [lead.create_date for lead in leads]

        def day(moments, pick=min):
            return pick(moments).date() if moments else False

        return {
            "crm_digital_lifecycle": stage,
            "crm_digital_lead_date": day(created),
            "crm_digital_prospect_date": day(prospected),
            "crm_digital_customer_date": day(wins),
            "crm_digital_recurring_date": day(wins[1:]),
            "crm_digital_lost_date": day(cancelled, max) if stage == "lost" else False,
        }
