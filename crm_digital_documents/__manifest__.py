# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CRM Digital Documents",
    "summary": "Centralised documents of the commercial activity and of the "
    "customers, on OCA's Document Management System",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-digital/crm_digital",
    "author": "crm_digital",
    "license": "AGPL-3",
    "depends": ["crm_digital", "dms"],
    "data": [
        "security/security.xml",
        "data/dms_storage_data.xml",
        "views/crm_digital_customer_event_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "post_init_hook": "post_init_hook",
}
