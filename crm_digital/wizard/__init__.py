from . import crm_digital_assignment_preview
from . import crm_digital_assignment_preview_line
