from . import models
from . import report
from . import wizard
from .hooks import post_init_hook, uninstall_hook
