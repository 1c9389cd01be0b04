from . import test_pipeline_by_role
from . import test_engine_kpis
from . import test_engine_periods
