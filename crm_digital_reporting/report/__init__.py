from . import crm_digital_kpi_report_pdf
from . import crm_digital_kpi_report_xlsx
from . import crm_digital_justification
