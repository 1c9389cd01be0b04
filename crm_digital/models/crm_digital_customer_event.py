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

# What each source of the view gives, after its row's id, with its type: a
# source's NULL takes it, whichever source comes first.
COLUMNS = {
    "date": "timestamp",
    "kind": "varchar",
    "name": "jsonb",
    "partner_id": "int",
    "lead_id": "int",
    "stage_id": "int",
    "user_id": "int",
    "team_id": "int",
    "company_id": "int",
    "amount": "numeric",
    "res_model": "varchar",
    "res_id": "int",
}


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
        """The view's sources by name, for other addons to add to: SELECTs
        each giving its source row's id, then the view's other COLUMNS."""
        return {
            "lead": SQL(
                """SELECT l.id, l.create_date, l.type,
                    jsonb_build_object('en_US', l.name), p.commercial_partner_id,
                    l.id, NULL::int, l.user_id,
                    l.team_id, l.company_id, l.expected_revenue, 'crm.lead', l.id
                FROM crm_lead l JOIN res_partner p ON p.id = l.partner_id"""
            ),
            "stage": SQL(
                """SELECT h.id, h.date_entered, 'stage',
                    jsonb_build_object('en_US', l.name), p.commercial_partner_id,
                    l.id, h.stage_id, l.user_id,
                    l.team_id, l.company_id, NULL, 'crm.lead', l.id
                FROM crm_digital_stage_history h
                JOIN crm_lead l ON l.id = h.lead_id
                JOIN res_partner p ON p.id = l.partner_id
                WHERE h.previous_stage_id IS NOT NULL"""
            ),
            "outcome": SQL(
                """SELECT l.id, COALESCE(l.date_closed, l.write_date),
                    l.crm_digital_outcome, jsonb_build_object('en_US', l.name),
                    p.commercial_partner_id, l.id, l.stage_id, l.user_id,
                    l.team_id, l.company_id,
                    l.expected_revenue, 'crm.lead', l.id
                FROM crm_lead l JOIN res_partner p ON p.id = l.partner_id
                WHERE l.crm_digital_outcome IN ('won', 'cancelled')"""
            ),
            "quotation": SQL(
                """SELECT o.id, o.create_date, 'quotation',
                    jsonb_build_object('en_US', o.name), p.commercial_partner_id,
                    o.opportunity_id, NULL::int,
                    o.user_id, o.team_id, o.company_id, o.amount_total,
                    'sale.order', o.id
                FROM sale_order o JOIN res_partner p ON p.id = o.partner_id"""
            ),
            "order": SQL(
                """SELECT o.id, o.date_order, 'order',
                    jsonb_build_object('en_US', o.name), p.commercial_partner_id,
                    o.opportunity_id, NULL::int,
                    o.user_id, o.team_id, o.company_id, o.amount_total,
                    'sale.order', o.id
                FROM sale_order o JOIN res_partner p ON p.id = o.partner_id
                WHERE o.state = 'sale'"""
            ),
            "activity": SQL(
                """SELECT a.id, a.date_deadline::timestamp, 'activity',
                    CASE WHEN a.summary <> ''
                        THEN jsonb_build_object('en_US', a.summary) ELSE t.name END,
                    p.commercial_partner_id, l.id, NULL::int, a.user_id,
                    l.team_id, l.company_id, NULL, 'crm.lead', l.id
                FROM mail_activity a
                JOIN crm_lead l ON a.res_model = 'crm.lead' AND l.id = a.res_id
                JOIN res_partner p ON p.id = l.partner_id
                LEFT JOIN mail_activity_type t ON t.id = a.activity_type_id"""
            ),
            "activity_done": SQL(
                """SELECT m.id, m.date, 'activity_done',
                    t.name, p.commercial_partner_id, l.id, NULL::int, l.user_id,
                    l.team_id, l.company_id, NULL,
                    'crm.lead', l.id
                FROM mail_message m
                JOIN crm_lead l ON m.model = 'crm.lead' AND l.id = m.res_id
                JOIN res_partner p ON p.id = l.partner_id
                JOIN mail_activity_type t ON t.id = m.mail_activity_type_id"""
            ),
        }

    def init(self):
        # An event's id: its source row's id times 64 plus its source's slot.
        # Slots follow the sources' names, so that no addon needs to know
        # another's; installing one renumbers the events, which nothing keeps.
        queries = sorted(self._crm_digital_event_queries().items())
        if len(queries) > 63:
            raise ValueError("The customer history holds 63 sources at most.")
        columns = SQL(", ").join(SQL.identifier(column) for column in COLUMNS)
        typed = SQL(", ").join(
            SQL("%s::%s", SQL.identifier(column), SQL(kind))
            for column, kind in COLUMNS.items()
        )
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE VIEW %s (id, %s) AS (%s)",
                SQL.identifier(self._table),
                columns,
                SQL(" UNION ALL ").join(
                    SQL(
                        "SELECT source_id * 64 + %s, %s FROM (%s) AS source "
                        "(source_id, %s)",
                        slot,
                        typed,
                        query,
                        columns,
                    )
                    for slot, (_name, query) in enumerate(queries, start=1)
                ),
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
