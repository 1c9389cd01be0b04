# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _update_values(self, src_partners, dst_partner):
        # Stock copies every stored field of the merged contacts onto the one
        # kept, the commercial stage the product keeps among them (which the
        # user may not write): it is worked out again from the deals the kept
        # contact now has.
        result = super()._update_values(src_partners, dst_partner._crm_digital_owner())
        dst_partner.env.invalidate_all()
        dst_partner._crm_digital_refresh_lifecycle()
        return result
