from . import test_customer_documents
from . import test_document_filing
from . import test_document_moves
from . import test_documents_access
from . import test_documents_portal
from . import test_engine_file_names
