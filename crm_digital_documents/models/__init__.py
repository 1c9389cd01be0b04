from . import crm_digital_customer_event
