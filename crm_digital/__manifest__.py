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
    "depends": ["crm", "sale_crm", "base_automation", "contacts", "queue_job"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/security.xml",
        "security/ir.model.access.csv",
        "security/crm_digital_assignment_rule_security.xml",
        "security/crm_digital_lead_import_security.xml",
        "data/crm_digital_employee_band_data.xml",
        "data/crm_digital_import_template_data.xml",
        "views/crm_lead_views.xml",
        "views/crm_digital_assignment_rule_views.xml",
        "views/crm_digital_employee_band_views.xml",
        "views/res_partner_views.xml",
        "views/crm_digital_import_template_views.xml",
        "views/crm_digital_lead_import_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/crm_digital_assignment_preview_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_digital/static/tests/tours/*.js",
        ],
    },
}
