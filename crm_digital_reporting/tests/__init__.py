from . import test_pipeline_by_role
