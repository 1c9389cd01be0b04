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
    "depends": ["crm_digital", "report_xlsx"],
    "uninstall_hook": "uninstall_hook",
    "data": [
        "security/ir.model.access.csv",
        "security/crm_digital_sales_target_security.xml",
        "security/crm_digital_pipeline_snapshot_security.xml",
        "security/crm_digital_quotation_analysis_security.xml",
        "views/crm_lead_views.xml",
        "views/crm_digital_quotation_analysis_views.xml",
        "views/crm_digital_stage_history_views.xml",
        "views/crm_digital_sales_target_views.xml",
        "views/crm_digital_pipeline_snapshot_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_digital_kpi_dashboard_views.xml",
        "views/menus.xml",
        "wizard/crm_digital_report_wizard_views.xml",
        "data/ir_cron_data.xml",
        "data/mail_templates.xml",
        "report/crm_digital_kpi_report_reports.xml",
        "report/crm_digital_kpi_report_templates.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_digital_reporting/static/src/**/*",
        ],
        "web.assets_tests": [
            "crm_digital_reporting/static/tests/tours/*.js",
        ],
    },
}
