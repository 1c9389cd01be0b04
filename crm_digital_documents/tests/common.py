# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from email import encoders
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid

from PIL import Image

from odoo.addons.crm_digital.tests.common import CrmDigitalCommon


def png(truncated=False):
    """A PNG image; ``truncated``: cut in its header, as a mail client that
    gave up sends it, so that even Odoo's tolerant Pillow cannot decode it
    (one cut further on decodes, with its missing rows blank)."""
    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 60).convert("RGB").save(buffer, "PNG")
    data = buffer.getvalue()
    return data[:40] if truncated else data


class DocumentsCommon(CrmDigitalCommon):
    """A customer writing from her own address, and ways to attach files to
    records as users do: by hand, and by email through the mail gateway."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Clínica Dental Sonrisa, S.L.", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Marta Gil",
                "email": "marta@sonrisa.example",
                "parent_id": cls.customer.id,
            }
        )
        cls.storage = cls.env.ref("crm_digital_documents.dms_storage_commercial")

    def _attach(self, user, record, name, data=b"%PDF-1.4 document"):
        """An attachment as the chatter's paperclip creates it."""
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create(
                {
                    "name": name,
                    "datas": base64.b64encode(data),
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        )

    def _email(self, subject, attachments, in_reply_to=None):
        """A raw RFC 822 email from the customer, as odoo-mailgate passes it
        on: an HTML body and ``attachments`` as (file name, bytes, MIME type)."""
        message = MIMEMultipart("mixed")
        message["From"] = '"Marta Gil" <marta@sonrisa.example>'
        message["To"] = "ventas@crm-digital.example"
        message["Subject"] = subject
        message["Date"] = formatdate()
        message["Message-Id"] = make_msgid(domain="sonrisa.example")
        if in_reply_to:
            message["In-Reply-To"] = message["References"] = in_reply_to
        message.attach(MIMEText("<p>Buenos días, os adjunto lo pedido.</p>", "html"))
        for file_name, data, mimetype in attachments:
            part = MIMEBase(*mimetype.split("/"))
            part.set_payload(data)
            encoders.encode_base64(part)
            part.add_header("Content-Disposition", "attachment", filename=file_name)
            message.attach(part)
        return message["Message-Id"], message.as_string()

    def _receive(self, raw, model="crm.lead"):
        """The mail gateway's answer to an incoming email: the record it
        reached."""
        record_id = self.env["mail.thread"].message_process(model, raw)
        return self.env[model].browse(record_id)

    def _filed(self, record):
        """The files of the Commercial Documents storage in the folder of
        ``record`` (dms's demo data files contacts in a storage of its own)."""
        return self.env["dms.file"].search(
            [
                ("storage_id", "=", self.storage.id),
                ("directory_id.res_model", "=", record._name),
                ("directory_id.res_id", "=", record.id),
            ]
        )

    def _attachments(self, record):
        return self.env["ir.attachment"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )
