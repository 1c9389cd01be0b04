from . import crm_digital_alert
from . import crm_digital_customer_event
from . import crm_lead
from . import res_company
from . import res_config_settings
from . import res_partner
