# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CRM Digital API",
    "summary": "REST API (FastAPI, scoped API keys) to integrate other systems "
    "with CRM Digital",
    "version": "18.0.2.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-digital/crm_digital",
    "author": "crm_digital",
    "license": "AGPL-3",
    "external_dependencies": {"python": ["swagger-ui-bundle"]},
    "depends": ["crm_digital", "fastapi", "queue_job"],
    "data": [
        "security/security.xml",
        "security/ir.model.access.csv",
        "security/crm_digital_webhook_security.xml",
        "data/crm_digital_api_scope.xml",
        "data/crm_digital_webhook_event.xml",
        "data/queue_job_function_data.xml",
        "views/crm_digital_webhook_views.xml",
        "views/api_docs_templates.xml",
        "views/res_config_settings_views.xml",
        "wizard/res_users_apikeys_description_views.xml",
        "data/fastapi_endpoint.xml",
    ],
}
