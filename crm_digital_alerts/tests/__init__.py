from . import test_popup
