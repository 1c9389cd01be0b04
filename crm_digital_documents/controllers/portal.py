# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request

from odoo.addons.dms.controllers.portal import CustomerPortal


class DmsCustomerPortal(CustomerPortal):
    def _dms_check_access(self, model, res_id, access_token=None):
        """A file or folder the portal user may not see (without a valid
        share link) is not found, whether it exists or not: dms redirected
        for one that exists and failed with 400 for one that does not, so
        ids could be probed."""
        if request.env[model].sudo().browse(res_id).exists():
            item = super()._dms_check_access(model, res_id, access_token)
            if item:
                return item
        raise request.not_found()
