from . import crm_digital_api_idempotency
from . import crm_digital_api_rate
from . import crm_digital_api_scope
from . import fastapi_endpoint
from . import res_config_settings
from . import res_users_apikeys
