# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import res_company
from . import res_config_settings
from . import crm_digital_stage_history
from . import crm_digital_sales_target
from . import crm_digital_pipeline_snapshot
from . import crm_digital_quotation_analysis
from . import crm_digital_kpi_queries
from . import crm_digital_kpi_drilldown
from . import crm_digital_kpi_report
