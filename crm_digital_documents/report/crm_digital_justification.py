# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ReportCrmDigitalJustification(models.AbstractModel):
    _inherit = "report.crm_digital.report_justification"

    def _crm_digital_extensions(self):
        return super()._crm_digital_extensions() | {"documents"}

    def _crm_digital_evidence(self, company):
        evidence = super()._crm_digital_evidence(company)
        storages = self.env["dms.storage"].search(
            [("company_id", "in", [company.id, False])]
        )
        filed = storages.filtered(lambda storage: storage.save_type == "attachment")
        evidence["documents"] += [
            self.env._(
                "Document storages (%(count)s): %(names)s.",
                count=self._crm_digital_number(len(storages)),
                names=", ".join(storages.mapped("name")) or "-",
            ),
            self.env._(
                "Attachments filed automatically from: %(models)s.",
                models=", ".join(filed.model_ids.mapped("name")) or "-",
            ),
            self.env._(
                "Documents: %(count)s.",
                count=self._crm_digital_number(
                    self.env["dms.file"].search_count(
                        [("storage_id", "in", storages.ids)]
                    )
                ),
            ),
        ]
        return evidence
