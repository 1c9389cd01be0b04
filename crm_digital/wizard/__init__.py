from . import crm_digital_assignment_preview
from . import crm_digital_assignment_preview_line
from . import base_partner_merge_automatic_wizard
