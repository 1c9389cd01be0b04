from . import test_customer_documents, test_documents_access
