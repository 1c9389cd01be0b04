from . import crm_digital_report_wizard
