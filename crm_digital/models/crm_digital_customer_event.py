# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

KINDS = [
    ("lead", "Lead"),
    ("opportunity", "Opportunity"),
    ("stage", "Stage Change"),
    ("won", "Won"),
    ("cancelled", "Cancelled"),
    ("quotation", "Quotation"),
    ("order", "Order"),
    ("activity", "Planned Activity"),
    ("activity_done", "Activity Done"),
]


class CrmDigitalCustomerEvent(models.Model):
    """A customer's history: one row per thing that happened with the
    company or its contacts, read from the records themselves (a view, so it
    is never out of date). Addons add their own rows by extending
    _crm_digital_event_queries() and `kind`."""

    _name = "crm.digital.customer.event"
    _description = "Customer History Event"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "name"

    date = fields.Datetime(readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    # Translated where the source is (activity types), else the text as typed.
    name = fields.Char("Description", readonly=True, translate=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    lead_id = fields.Many2one("crm.lead", "Lead / Opportunity", readonly=True)
    stage_id = fields.Many2one("crm.stage", readonly=True)
    user_id = fields.Many2one("res.users", "Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", "Sales Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    amount = fields.Float(readonly=True, digits=(16, 2))
    res_model = fields.Char("Document Model", readonly=True)
    res_id = fields.Many2oneReference(
        "Document", model_field="res_model", readonly=True
    )

    def _crm_digital_event_queries(self):
        """SELECTs of the view, each giving id, date, kind, name, partner_id,
        lead_id, stage_id, user_id, team_id, company_id, amount, res_model,
        res_id. Ids are the source's id times 64 plus a number of its own:
        1 to 15 here, 16 to 63 for other addons."""
        return [
            SQL(
                """SELECT l.id * 64 + 1, l.create_date, l.type,
                    jsonb_build_object('en_US', l.name), p.commercial_partner_id,
                    l.id, NULL::int, l.user_id,
                    l.team_id, l.company_id, l.expected_revenue, 'crm.lead', l.id
                FROM crm_lead l JOIN res_partner p ON p.id = l.partner_id"""
            ),
            SQL(
                """SELECT h.id * 64 + 2, h.date_entered, 'stage',
                    jsonb_build_object('en_US', l.name), p.commercial_partner_id,
                    l.id, h.stage_id, l.user_id,
                    l.team_id, l.company_id, NULL, 'crm.lead', l.id
                FROM crm_digital_stage_history h
                JOIN crm_lead l ON l.id = h.lead_id
                JOIN res_partner p ON p.id = l.partner_id
                WHERE h.previous_stage_id IS NOT NULL"""
            ),
            SQL(
                """SELECT l.id * 64 + 3, COALESCE(l.date_closed, l.write_date),
                    l.crm_digital_outcome, jsonb_build_object('en_US', l.name),
                    p.commercial_partner_id, l.id, l.stage_id, l.user_id,
                    l.team_id, l.company_id,
                    l.expected_revenue, 'crm.lead', l.id
                FROM crm_lead l JOIN res_partner p ON p.id = l.partner_id
                WHERE l.crm_digital_outcome IN ('won', 'cancelled')"""
            ),
            SQL(
                """SELECT o.id * 64 + 4, o.create_date, 'quotation',
                    jsonb_build_object('en_US', o.name), p.commercial_partner_id,
                    o.opportunity_id, NULL::int,
                    o.user_id, o.team_id, o.company_id, o.amount_total,
                    'sale.order', o.id
                FROM sale_order o JOIN res_partner p ON p.id = o.partner_id"""
            ),
            SQL(
                """SELECT o.id * 64 + 5, o.date_order, 'order',
                    jsonb_build_object('en_US', o.name), p.commercial_partner_id,
                    o.opportunity_id, NULL::int,
                    o.user_id, o.team_id, o.company_id, o.amount_total,
                    'sale.order', o.id
                FROM sale_order o JOIN res_partner p ON p.id = o.partner_id
                WHERE o.state = 'sale'"""
            ),
            SQL(
                """SELECT a.id * 64 + 6, a.date_deadline::timestamp, 'activity',
                    CASE WHEN a.summary <> ''
                        THEN jsonb_build_object('en_US', a.summary) ELSE t.name END,
                    p.commercial_partner_id, l.id, NULL::int, a.user_id,
                    l.team_id, l.company_id, NULL, 'crm.lead', l.id
                FROM mail_activity a
                JOIN crm_lead l ON a.res_model = 'crm.lead' AND l.id = a.res_id
                JOIN res_partner p ON p.id = l.partner_id
                LEFT JOIN mail_activity_type t ON t.id = a.activity_type_id"""
            ),
            SQL(
                """SELECT m.id * 64 + 7, m.date, 'activity_done',
                    t.name, p.commercial_partner_id, l.id, NULL::int, l.user_id,
                    l.team_id, l.company_id, NULL,
                    'crm.lead', l.id
                FROM mail_message m
                JOIN crm_lead l ON m.model = 'crm.lead' AND l.id = m.res_id
                JOIN res_partner p ON p.id = l.partner_id
                JOIN mail_activity_type t ON t.id = m.mail_activity_type_id"""
            ),
        ]

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s (id, date, kind, name, partner_id, lead_id,
                    stage_id, user_id, team_id, company_id, amount, res_model,
                    res_id) AS (%s)""",
                SQL.identifier(self._table),
                SQL(" UNION ALL ").join(self._crm_digital_event_queries()),
            )
        )

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
        }
