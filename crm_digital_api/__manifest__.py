# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "CRM Digital API",
    "summary": "REST API (FastAPI, API keys) to integrate other systems with "
    "CRM Digital",
    "version": "18.0.1.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-digital/crm_digital",
    "author": "crm_digital",
    "license": "AGPL-3",
    "external_dependencies": {"python": ["swagger-ui-bundle"]},
    "depends": ["crm_digital", "fastapi", "fastapi_auth_api_key"],
    "data": [
        "security/security.xml",
        "views/auth_api_key_views.xml",
        "views/api_docs_templates.xml",
        "data/fastapi_endpoint.xml",
    ],
}
