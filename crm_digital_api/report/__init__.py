from . import crm_digital_justification
