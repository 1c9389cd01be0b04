from . import crm_digital_customer_event
from . import dms_directory
from . import dms_file
from . import dms_security_mixin
from . import ir_attachment
from . import res_partner
