from . import test_documents_access
