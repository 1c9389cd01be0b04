# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Ready mappings for the lead exports of other CRMs and for our own Excel
template: {column as the product writes it: target key of lead_values}.

Several columns may share a target key: lead_values joins them in template
order (first name, then last name). No two columns of a template are the same
name once column_key() folds them, so a file's column matches one at most.
"""

from odoo.tools.translate import LazyTranslate

from .lead_file import column_key

_lt = LazyTranslate(__name__)

# A guess needs this many columns of a template in the file.
_GUESS_MINIMUM = 3

TEMPLATES = {
    # Our Excel template's columns, each followed by the names Spanish,
    # Catalan and English spreadsheets give it.
    "crm_digital": {
        "name": _lt("CRM Digital Excel template"),
        "sample": "plantilla_leads.xlsx",
        "columns": {
            "Oportunidad": "name",
            "Oportunitat": "name",
            "Empresa": "partner_name",
            "Razón social": "partner_name",
            "Raó social": "partner_name",
            "Nombre comercial": "partner_name",
            "Nom comercial": "partner_name",
            "Compañía": "partner_name",
            "Companyia": "partner_name",
            "Company": "partner_name",
            # Whole names first, then first name before surname(s): joined in
            # this order.
            "Contacto": "contact_name",
            "Contacte": "contact_name",
            "Persona de contacto": "contact_name",
            "Persona de contacte": "contact_name",
            "Nombre y apellidos": "contact_name",
            "Nom i cognoms": "contact_name",
            "Nombre": "contact_name",
            "Nom": "contact_name",
            "First Name": "contact_name",
            "Apellidos": "contact_name",
            "Apellido": "contact_name",
            "Primer apellido": "contact_name",
            "Segundo apellido": "contact_name",
            "Cognoms": "contact_name",
            "Last Name": "contact_name",
            "Cargo": "function",
            "Puesto": "function",
            "Càrrec": "function",
            "Job Title": "function",
            "Email": "email_from",
            "Correo electrónico": "email_from",
            "Correo": "email_from",
            "Correu electrònic": "email_from",
            "Correu": "email_from",
            "Teléfono": "phone",
            "Tel.": "phone",
            "Telf.": "phone",
            "Tfno.": "phone",
            "Tlf.": "phone",
            "Teléfono fijo": "phone",
            "Telèfon": "phone",
            "Phone": "phone",
            "Móvil": "mobile",
            "Teléfono móvil": "mobile",
            "Celular": "mobile",
            "Mòbil": "mobile",
            "Telèfon mòbil": "mobile",
            "Mobile": "mobile",
            "NIF": "vat",
            "CIF": "vat",
            "DNI": "vat",
            "NIE": "vat",
            "CIF/NIF": "vat",
            "NIF/CIF": "vat",
            "VAT": "vat",
            "Dirección": "street",
            "Domicilio": "street",
            "Adreça": "street",
            "Address": "street",
            "Código postal": "zip",
            "C.P.": "zip",
            "Codi postal": "zip",
            "Postal Code": "zip",
            "Ciudad": "city",
            "Población": "city",
            "Població": "city",
            "Localidad": "city",
            "Municipio": "city",
            "Ciutat": "city",
            "Localitat": "city",
            "Municipi": "city",
            "City": "city",
            "Provincia": "state",
            "Province": "state",
            "País": "country",
            "Country": "country",
            "Web": "website",
            "Página web": "website",
            "Sitio web": "website",
            "Website": "website",
            "Sector (CNAE)": "sector",
            "CNAE": "sector",
            "Nº de empleados": "employee_band",
            "Número de empleados": "employee_band",
            "Empleados": "employee_band",
            "Ingreso esperado": "expected_revenue",
            "Importe": "expected_revenue",
            "Importe previsto": "expected_revenue",
            "Importe estimado": "expected_revenue",
            "Valor": "expected_revenue",
            "Import": "expected_revenue",
            "Import previst": "expected_revenue",
            "Probabilidad": "probability",
            "Probabilitat": "probability",
            "Fecha de cierre": "date_deadline",
            "Prioridad": "priority",
            "Prioritat": "priority",
            "Tipo": "type",
            "Etiquetas": "tags",
            "Etiquetes": "tags",
            "Origen": "source",
            "Medio": "medium",
            "Campaña": "campaign",
            "Campanya": "campaign",
            "Comercial": "user",
            "Vendedor": "user",
            "Responsable": "user",
            "Venedor": "user",
            "Equipo": "team",
            "Equip": "team",
            "Idioma": "lang",
            "Notas": "description",
            "Observaciones": "description",
            "Comentarios": "description",
            "Observacions": "description",
            "Comentaris": "description",
            "Notes": "description",
            "Comments": "description",
            "ID externo": "external_id",
        },
    },
    # Odoo's export writes the field labels of crm.lead (not import-compatible).
    "odoo": {
        "name": _lt("Odoo 18 CRM export"),
        "sample": "odoo_leads.csv",
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
        "sample": "salesforce_leads.csv",
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
        "sample": "hubspot_contacts.csv",
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
        "sample": "pipedrive_persons.csv",
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
        "sample": "zoho_leads.csv",
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


def match_columns(columns, header):
    """{column name as in ``header``: target key} for the (column name,
    target key) pairs of ``columns`` whose column the file has, in ``columns``
    order; names are compared as :func:`column_key` folds them (case, accents,
    spaces and punctuation do not count)."""
    names = {column_key(name): name for name in header if name}
    return {
        names[key]: target
        for column, target in columns
        if (key := column_key(column)) in names
    }


def guess_template(header, templates):
    """The template sharing the most columns with ``header``, or None when
    none shares enough to be a likely match: 3 columns, or all of a file with
    fewer. ``templates`` are (key, [(column, target)]) in order of preference
    (the first wins a tie)."""
    best, best_score = None, 0
    for key, columns in templates:
        score = len(match_columns(columns, header))
        if score > best_score:
            best, best_score = key, score
    enough = min(_GUESS_MINIMUM, len([name for name in header if name]))
    return best if best_score >= max(enough, 1) else None
