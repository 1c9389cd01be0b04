# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import os

from psycopg2 import OperationalError

from odoo import models
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY

_logger = logging.getLogger(__name__)


def _is_retried(error):
    """A concurrency error Odoo retries the whole request for: never
    swallowed, or the retry would not happen."""
    return (
        isinstance(error, OperationalError)
        and error.pgcode in PG_CONCURRENCY_ERRORS_TO_RETRY
    )


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _dms_operations(self):
        """dms files an attachment of a filed record as it is attached; if
        dms refuses it, the attachment (an email, a merge) must not be
        refused with it. Each one is filed on its own savepoint, under its
        cleaned, unique name (dms.file create), else under a plain fallback
        name, else left unfiled with a warning."""
        for attachment in self:
            # A binary field's storage (a contact's avatar) is no document.
            if attachment.res_field or not (
                attachment.res_model
                and attachment.res_id
                and self._dms_operations_from_model(attachment.res_model)
            ):
                continue
            # What dms refuses by rule is left unfiled without trying: undoing
            # a failed try would clear what the transaction holds for after
            # its commit (the tracking and auto-replies of an incoming email).
            if refusal := attachment._crm_digital_dms_refusal():
                _logger.warning(
                    "Attachment %s (%r) of %s,%s not filed in dms: %s",
                    attachment.id,
                    attachment.name,
                    attachment.res_model,
                    attachment.res_id,
                    refusal,
                )
                continue
            for fallback in (False, True):
                filing = attachment.with_context(crm_digital_fallback_name=fallback)
                try:
                    with self.env.cr.savepoint():
                        super(IrAttachment, filing)._dms_operations()
                    break
                except Exception as error:
                    if _is_retried(error):
                        raise
                    _logger.warning(
                        "Attachment %s (%r) of %s,%s not filed in dms%s: %s",
                        attachment.id,
                        attachment.name,
                        attachment.res_model,
                        attachment.res_id,
                        " under a fallback name" if fallback else "",
                        error,
                    )
        # dms's method returns nothing either.
        return None

    def _crm_digital_dms_refusal(self):
        """Why dms would refuse to file this attachment by its own rules (a
        forbidden extension, a size over its limit), if it would."""
        self.ensure_one()
        File = self.env["dms.file"]
        extension = os.path.splitext(self.name or "")[1][1:].strip().lower()
        if extension and extension in File._get_forbidden_extensions():
            return f"forbidden extension .{extension}"
        if self.file_size > File._get_binary_max_size() * 1024 * 1024:
            return f"over dms's size limit ({self.file_size} bytes)"
        return None

    def write(self, vals):
        result = super().write(vals)
        # dms leaves a file in the folder it was filed in, and deletes it,
        # attachment and all, with that folder's record: when stock moves
        # attachments (merging leads or contacts), their files follow.
        if {"res_model", "res_id"} & vals.keys() and not self.env.context.get(
            "dms_file"
        ):
            self._crm_digital_refile()
        return result

    def _crm_digital_refile(self):
        """Move the dms files of these attachments that are not in the folder
        of the record each one is attached to into that folder, created if its
        storage files that model; a file with nowhere to go leaves dms, its
        attachment stays."""
        files = (
            self.env["dms.file"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("attachment_id", "in", self.ids),
                    ("storage_id.save_type", "=", "attachment"),
                ]
            )
        )
        for attachment in files.attachment_id:
            astray = files.filtered(
                lambda file, attachment=attachment: (
                    file.attachment_id == attachment
                    and (file.res_model, file.res_id)
                    != (attachment.res_model, attachment.res_id)
                )
            )
            if not astray:
                continue
            try:
                with self.env.cr.savepoint():
                    attachment._crm_digital_move_files(astray)
            except Exception as error:
                if _is_retried(error):
                    raise
                _logger.warning(
                    "dms files %s of attachment %s not moved to %s,%s: %s",
                    astray.ids,
                    attachment.id,
                    attachment.res_model,
                    attachment.res_id,
                    error,
                )
                astray.exists().with_context(dms_file=True).unlink()

    def _crm_digital_move_files(self, files):
        self.ensure_one()
        folders = self._crm_digital_folders()
        for file in files:
            folder = folders.filtered(
                lambda folder, file=file: folder.storage_id == file.storage_id
            )[:1]
            if not folder or folder.file_ids.filtered(
                lambda other: other.attachment_id == self
            ):
                file.with_context(dms_file=True).unlink()
                continue
            file.write(
                {
                    "directory_id": folder.id,
                    "name": folder._crm_digital_free_file_name(self.name, file),
                }
            )

    def _crm_digital_folders(self):
        """The dms folders of the record this attachment is attached to,
        created as dms does if the record has none yet."""
        attachment = self.sudo().with_context(attaching_to_record=False)
        if not (
            attachment.res_model
            and attachment.res_id
            and attachment._dms_operations_from_model(attachment.res_model)
        ):
            return self.env["dms.directory"]
        folders = attachment._get_dms_directories(
            attachment.res_model, attachment.res_id
        )
        if not folders:
            attachment._dms_directories_create()
            folders = attachment._get_dms_directories(
                attachment.res_model, attachment.res_id
            )
        return folders
