# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Ready mappings for the lead exports of other CRMs and for our own Excel
template: {column as the product writes it: target key of lead_values}.

Several columns may share a target key: lead_values joins them in template
order (first name, then last name).
"""

from odoo.tools.translate import LazyTranslate

from .lead_file import header_key

_lt = LazyTranslate(__name__)

# A guess needs this many columns of a template in the file.
_GUESS_MINIMUM = 3

TEMPLATES = {
    "crm_digital": {
        "name": _lt("CRM Digital Excel template"),
        "columns": {
            "Oportunidad": "name",
            "Empresa": "partner_name",
            "Contacto": "contact_name",
            "Cargo": "function",
            "Email": "email_from",
            "Teléfono": "phone",
            "Móvil": "mobile",
            "NIF": "vat",
            "Dirección": "street",
            "Código postal": "zip",
            "Ciudad": "city",
            "Provincia": "state",
            "País": "country",
            "Web": "website",
            "Sector (CNAE)": "sector",
            "Nº de empleados": "employee_band",
            "Ingreso esperado": "expected_revenue",
            "Probabilidad": "probability",
            "Fecha de cierre": "date_deadline",
            "Prioridad": "priority",
            "Tipo": "type",
            "Etiquetas": "tags",
            "Origen": "source",
            "Medio": "medium",
            "Campaña": "campaign",
            "Comercial": "user",
            "Equipo": "team",
            "Idioma": "lang",
            "Notas": "description",
            "ID externo": "external_id",
        },
    },
    # Odoo's export writes the field labels of crm.lead (not import-compatible).
    "odoo": {
        "name": _lt("Odoo 18 CRM export"),
        "columns": {
            "ID": "external_id",
            "Opportunity": "name",
            "Contact Name": "contact_name",
            "Company Name": "partner_name",
            "Email": "email_from",
            "Phone": "phone",
            "Mobile": "mobile",
            "Job Position": "function",
            "Website": "website",
            "Street": "street",
            "Street2": "street2",
            "Zip": "zip",
            "City": "city",
            "State": "state",
            "Country": "country",
            "Salesperson": "user",
            "Sales Team": "team",
            "Tags": "tags",
            "Expected Revenue": "expected_revenue",
            "Probability": "probability",
            "Expected Closing": "date_deadline",
            "Priority": "priority",
            "Type": "type",
            "Source": "source",
            "Medium": "medium",
            "Campaign": "campaign",
            "Language": "lang",
            "Notes": "description",
        },
    },
    "salesforce": {
        "name": _lt("Salesforce leads"),
        "columns": {
            "Lead ID": "external_id",
            "First Name": "contact_name",
            "Last Name": "contact_name",
            "Company": "partner_name",
            "Title": "function",
            "Email": "email_from",
            "Phone": "phone",
            "Mobile": "mobile",
            "Street": "street",
            "City": "city",
            "State/Province": "state",
            "Zip/Postal Code": "zip",
            "Country": "country",
            "Website": "website",
            "Lead Source": "source",
            "Lead Status": "tags",
            "Rating": "priority",
            "Industry": "sector",
            "No. of Employees": "employee_band",
            "Description": "description",
            # A company's revenue is no opportunity's: kept in the notes.
            "Annual Revenue": "extra_notes",
            "Lead Owner": "user",
        },
    },
    "hubspot": {
        "name": _lt("HubSpot contacts"),
        "columns": {
            "Record ID": "external_id",
            "First Name": "contact_name",
            "Last Name": "contact_name",
            "Email": "email_from",
            "Phone Number": "phone",
            "Mobile Phone Number": "mobile",
            "Company Name": "partner_name",
            "Job Title": "function",
            "Street Address": "street",
            "City": "city",
            "State/Region": "state",
            "Postal Code": "zip",
            "Country/Region": "country",
            "Website URL": "website",
            "Lifecycle Stage": "tags",
            "Lead Status": "tags",
            "Contact owner": "user",
            "Original Source": "source",
            "Industry": "sector",
            "Number of Employees": "employee_band",
            "Annual Revenue": "extra_notes",
        },
    },
    "pipedrive": {
        "name": _lt("Pipedrive persons and organizations"),
        "columns": {
            "Person - ID": "external_id",
            "Person - Name": "contact_name",
            "Person - Email": "email_from",
            "Person - Phone": "phone",
            "Person - Owner": "user",
            "Person - Label": "tags",
            "Organization - Name": "partner_name",
            # The address as typed; its parts below fill the other fields.
            "Organization - Address": "street",
            "Organization - Address - ZIP/Postal code": "zip",
            "Organization - Address - City/town/village/locality": "city",
            "Organization - Address - State/county": "state",
            "Organization - Address - Country": "country",
            "Organization - Label": "tags",
        },
    },
    "zoho": {
        "name": _lt("Zoho CRM leads"),
        "columns": {
            "Record Id": "external_id",
            "First Name": "contact_name",
            "Last Name": "contact_name",
            "Company": "partner_name",
            "Designation": "function",
            "Email": "email_from",
            "Phone": "phone",
            "Mobile": "mobile",
            "Street": "street",
            "City": "city",
            "State": "state",
            "Zip Code": "zip",
            "Country": "country",
            "Website": "website",
            "Lead Source": "source",
            "Lead Status": "tags",
            # Zoho's stock industries are IT market segments, not CNAE sectors.
            "Industry": "extra_notes",
            "No. of Employees": "employee_band",
            "Description": "description",
            "Annual Revenue": "extra_notes",
            "Lead Owner": "user",
        },
    },
}


def template_mapping(code, header):
    """{column name as in ``header``: target key} for the columns of template
    ``code`` the file has, in template order; names are compared ignoring
    case, accents and surrounding spaces."""
    names = {header_key(name): name for name in header if name}
    return {
        names[key]: target
        for column, target in TEMPLATES[code]["columns"].items()
        if (key := header_key(column)) in names
    }


def guess_template(header):
    """Code of the template sharing the most columns with ``header``, or None
    when none shares enough to be a likely match."""
    scores = {code: len(template_mapping(code, header)) for code in TEMPLATES}
    best = max(scores, key=scores.get)
    return best if scores[best] >= _GUESS_MINIMUM else None
