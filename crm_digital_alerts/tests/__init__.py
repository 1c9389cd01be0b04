from . import test_alerts, test_popup
