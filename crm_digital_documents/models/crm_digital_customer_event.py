# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class CrmDigitalCustomerEvent(models.Model):
    _inherit = "crm.digital.customer.event"

    kind = fields.Selection(selection_add=[("document", "Document")])

    def _crm_digital_event_queries(self):
        """Files filed with the customer, one of its opportunities or one of
        its quotations (dms directories linked to those records); the
        customer's own files are its salesperson's and that salesperson's
        main team's, as in dms (res.partner _crm_digital_sales_domain). dms files
        image fields too (a logo, in five sizes): those are left out; an
        attachment filed in several storages counts once."""
        once = SQL(
            """f.active
                AND NOT EXISTS (SELECT 1 FROM ir_attachment a
                    WHERE a.id = f.attachment_id AND a.res_field IS NOT NULL)
                AND NOT EXISTS (SELECT 1 FROM dms_file g
                    WHERE g.attachment_id = f.attachment_id AND g.active
                    AND g.id < f.id)"""
        )
        return {
            **super()._crm_digital_event_queries(),
            "document_customer": SQL(
                """SELECT f.id, f.create_date, 'document',
                    jsonb_build_object('en_US', f.name), c.id, NULL::int,
                    NULL::int, c.user_id, u.sale_team_id,
                    c.company_id, NULL, 'dms.file', f.id
                FROM dms_file f
                JOIN dms_directory d ON d.id = f.directory_id
                JOIN res_partner p ON d.res_model = 'res.partner'
                    AND p.id = d.res_id
                JOIN res_partner c ON c.id = p.commercial_partner_id
                LEFT JOIN res_users u ON u.id = c.user_id
                WHERE %s""",
                once,
            ),
            "document_opportunity": SQL(
                """SELECT f.id, f.create_date, 'document',
                    jsonb_build_object('en_US', f.name), p.commercial_partner_id,
                    l.id, NULL::int, l.user_id,
                    l.team_id, l.company_id, NULL, 'dms.file', f.id
                FROM dms_file f
                JOIN dms_directory d ON d.id = f.directory_id
                JOIN crm_lead l ON d.res_model = 'crm.lead' AND l.id = d.res_id
                JOIN res_partner p ON p.id = l.partner_id
                WHERE %s""",
                once,
            ),
            "document_quotation": SQL(
                """SELECT f.id, f.create_date, 'document',
                    jsonb_build_object('en_US', f.name), p.commercial_partner_id,
                    o.opportunity_id, NULL::int,
                    o.user_id, o.team_id, o.company_id, NULL, 'dms.file', f.id
                FROM dms_file f
                JOIN dms_directory d ON d.id = f.directory_id
                JOIN sale_order o ON d.res_model = 'sale.order' AND o.id = d.res_id
                JOIN res_partner p ON p.id = o.partner_id
                WHERE %s""",
                once,
            ),
        }
