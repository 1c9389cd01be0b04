from . import test_alerts, test_popup, test_ui
