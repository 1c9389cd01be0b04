# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A record as a webhook delivery carries it: the same as the API answers."""

from .routers.alerts import _alerts
from .routers.customers import CUSTOMERS
from .routers.customers import FIELD_NAMES as CUSTOMER_FIELDS
from .routers.documents import _documents
from .routers.leads import FIELD_NAMES as LEAD_FIELDS
from .routers.leads import LEADS
from .routers.quotations import _quotations
from .schemas.customer import Customer
from .schemas.lead import Lead


def _json(model):
    return model.model_dump(mode="json") if model is not None else None


def payload(record):
    """The `data` of a delivery about `record`."""
    if record._name == "crm.lead":
        return _json(Lead(**LEADS.values(record, LEAD_FIELDS)))
    if record._name == "res.partner":
        return _json(Customer(**CUSTOMERS.values(record, CUSTOMER_FIELDS)))
    if record._name == "sale.order":
        return _json(_quotations(record)[0])
    if record._name == "ir.attachment":
        return {
            **_json(_documents(record)[0]),
            "record": {"model": record.res_model, "id": record.res_id},
        }
    if record._name == "crm.digital.alert":
        return _json(_alerts(record)[0])
    return {"id": record.id, "name": record.display_name}
