from . import test_api_key
from . import test_customers_activities
from . import test_docs
from . import test_justification
from . import test_lead_bulk
from . import test_leads
from . import test_quotations_documents
from . import test_webhooks
