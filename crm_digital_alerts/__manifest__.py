# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CRM Digital Alerts",
    "summary": "Customer alerts shown as icons, badges and pop-ups in CRM Digital",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-digital/crm_digital",
    "author": "crm_digital",
    "license": "AGPL-3",
    "depends": ["crm_digital", "web_notify"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_digital_alert_security.xml",
        "data/ir_cron_data.xml",
        "views/crm_digital_alert_views.xml",
        "views/crm_digital_customer_event_views.xml",
        "views/crm_lead_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_digital_alerts/static/tests/tours/*.js",
        ],
    },
}
