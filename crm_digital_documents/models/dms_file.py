# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging

from odoo import api, models
from odoo.tools.image import image_process

from ..engine.file_names import clean_file_name, fallback_file_name, unique_name

_logger = logging.getLogger(__name__)


def _decodes_as_image(content):
    """Whether the Image field can make a thumbnail of ``content`` (base64):
    the very processing it does, on the original."""
    try:
        image_process(
            base64.b64decode(content or b""), size=(1920, 1920), verify_resolution=True
        )
    except Exception:
        return False
    return True


class DmsFile(models.Model):
    _inherit = "dms.file"

    @api.model_create_multi
    def create(self, vals_list):
        """Filing an attachment (``attachment_id`` given, as dms files those
        of a record): the file is named after the attachment, cleaned for a
        file name and unique in its folder, so a second "image001.png" or a
        "2024/15.pdf" is filed instead of refused; the attachment keeps its
        own name. Files uploaded in dms itself keep dms's checks."""
        fallback = self.env.context.get("crm_digital_fallback_name")
        taken = {}
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            directory_id = vals.get("directory_id")
            if not (vals.get("attachment_id") and directory_id):
                continue
            if directory_id not in taken:
                directory = self.env["dms.directory"].browse(directory_id)
                taken[directory_id] = directory._crm_digital_file_names()
            name = vals.get("name") or ""
            if fallback:
                name = fallback_file_name(vals["attachment_id"], name)
            vals["name"] = unique_name(clean_file_name(name), taken[directory_id])
            taken[directory_id].add(vals["name"])
        return super().create(vals_list)

    @api.depends("mimetype", "content")
    def _compute_image_1920(self):
        """dms makes a thumbnail of every image; one that does not decode (a
        truncated PNG in an email) would refuse the file, and with it the
        email: it is filed without a thumbnail."""
        broken = self.filtered(
            lambda file: (
                (file.mimetype or "").startswith("image/")
                and not _decodes_as_image(file.with_context(bin_size=False).content)
            )
        )
        for file in broken:
            _logger.warning(
                "dms file %r (%s) is not a decodable image: filed without a thumbnail",
                file.name,
                file.mimetype,
            )
        broken.image_1920 = False
        return super(DmsFile, self - broken)._compute_image_1920()

    def unlink(self):
        """dms deletes a file's attachment with it, and deletes the files of a
        deleted record's folders: a file whose attachment belongs to another
        record (filed before it moved) must not take it along, it moves to
        that record's folder instead."""
        if self.env.context.get("dms_file"):
            return super().unlink()
        astray = self.sudo().filtered(
            lambda file: (
                file.attachment_id
                and file.storage_id.save_type == "attachment"
                and (file.res_model, file.res_id)
                != (file.attachment_id.res_model, file.attachment_id.res_id)
            )
        )
        if astray:
            astray.attachment_id._crm_digital_refile()
        return super(DmsFile, self - astray).unlink()
