from . import crm_digital_employee_band
from . import crm_digital_assignment_rule
from . import crm_lead
from . import res_company
from . import res_config_settings
from . import res_partner
from . import res_users
