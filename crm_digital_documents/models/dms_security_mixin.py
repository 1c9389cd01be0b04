# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools

from odoo import api, models
from odoo.osv.expression import AND, FALSE_DOMAIN


class DmsSecurityMixin(models.AbstractModel):
    _inherit = "dms.security.mixin"

    def _check_access(self, operation):
        """dms's record rules, applied. Odoo checks record rules on records
        under sudo, where dms's ``filtered_domain`` keeps every record, so
        ``check_access``, ``has_access`` and ``permission_read`` passed for
        any file or folder (a portal user opened and downloaded any of them
        by id): they are checked by SQL here, as a search checks them."""
        result = super()._check_access(operation)
        ids = [id_ for id_ in self._ids if isinstance(id_, int)]
        if result or self.env.su or not ids:
            return result
        Rule = self.env["ir.rule"]
        domain = Rule._compute_domain(self._name, operation)
        if not domain:
            return None
        # Under sudo with the user's uid, dms computes its permission rules
        # for that user (see _get_permission_domain).
        allowed = (
            self.sudo()
            .with_context(active_test=False)
            .search(AND([[("id", "in", ids)], domain]))
        )
        forbidden = self.browse(ids) - allowed
        if not forbidden:
            return None
        return forbidden, functools.partial(
            Rule._make_access_error, operation, forbidden
        )

    @api.model
    def _get_domain_by_inheritance(self, operation):
        """In a storage that takes its access from the linked record, a user
        reaches the files and folders of the records they may read, and of a
        customer those the sales roles give them (the customer's History shows
        the same). A portal user reaches none this way: customers see only
        what is shared with them (a share link), not every internal file of
        a record they may read."""
        if self.env.su:
            return super()._get_domain_by_inheritance(operation)
        if self.env.user.share:
            return FALSE_DOMAIN
        domain = super()._get_domain_by_inheritance(operation)
        Partner = self.env["res.partner"].with_context(active_test=False)
        customers = Partner._crm_digital_sales_domain()
        if customers is None:
            return domain
        return AND(
            [
                domain,
                [
                    "|",
                    "|",
                    ("res_model", "!=", "res.partner"),
                    ("res_id", "=", False),
                    ("res_id", "in", Partner._search(customers)),
                ],
            ]
        )
