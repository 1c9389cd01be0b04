# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# dms names are plain text, not translatable: the storage and its root
# folders take the words of the language the administrator installs in.
NAMES = {
    "crm_digital_documents.dms_storage_commercial": _lt("Commercial Documents"),
    "crm_digital_documents.dms_directory_customers": _lt("Customers"),
    "crm_digital_documents.dms_directory_opportunities": _lt("Leads and Opportunities"),
    "crm_digital_documents.dms_directory_quotations": _lt("Quotations and Orders"),
}


def post_init_hook(env):
    lang = env.ref("base.user_admin").lang or env.lang
    env = env(context=dict(env.context, lang=lang))
    for xmlid, name in NAMES.items():
        record = env.ref(xmlid, raise_if_not_found=False)
        if record:
            record.name = env._(name)
