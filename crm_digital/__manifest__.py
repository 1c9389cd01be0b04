# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CRM Digital",
    "summary": "Kit Digital customer management on top of Odoo CRM: roles, "
    "leads, opportunities and commercial tasks for Spanish SMEs",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-digital/crm_digital",
    "author": "crm_digital",
    "license": "AGPL-3",
    "depends": ["crm", "sale_crm", "base_automation", "contacts"],
    "data": [
        "security/security.xml",
        "views/crm_lead_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_digital/static/tests/tours/*.js",
        ],
    },
}
