# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CRM Digital Reporting",
    "summary": "KPIs, pipeline and comparisons by salesperson, team leader and "
    "manager for CRM Digital",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-digital/crm_digital",
    "author": "crm_digital",
    "license": "AGPL-3",
    "depends": ["crm_digital"],
    "data": [
        "views/crm_lead_views.xml",
        "views/menus.xml",
    ],
}
