from . import auth_api_key
from . import fastapi_endpoint
