from . import test_roles
from . import test_ui
