# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The features of the story in use, once its leads and quotations exist: the
consultant who set it up, the assignment rules and the files imported through
them, opportunities with several offers, the documents customers sent and the
alerts of the day. Each piece is skipped when its records exist, as the rest
of the demo is."""

import base64
import random
import zlib
from datetime import timedelta
from pathlib import Path

from odoo import Command, fields

MODULE = "crm_digital_demo"
SAMPLES = Path(__file__).resolve().parents[2] / "crm_digital/static/import_samples"

CONSULTANT = {
    "name": "Raquel Vidal Ferrer",
    "email": "raquel.vidal@turiadigitalizadores.es",
    "function": "Consultora, Turia Digitalizadores (agente digitalizador)",
}
# xmlid name, rule name, sources, state codes, team key, strategy
RULES = [
    ("rule_online", "Formulario web y LinkedIn a Ventas Online",
     ["web_form", "linkedin"], [], "online", "round_robin"),
    ("rule_partners", "Distribuidores a Canal Partners",
     ["reseller"], [], "partners", "least_loaded"),
    ("rule_directas", "Comunitat Valenciana a Ventas Directas",
     [], ["V", "A", "CS"], "directas", "least_loaded"),
]  # fmt: skip
# file, importer, days ago
IMPORTS = [
    ("hubspot_contacts.csv", "gerente", 34),
    ("plantilla_leads_errores.csv", "gerente", 12),
]
# What customers send, by record: (file name, title of the page).
CUSTOMER_FILES = [
    ("Requisitos del proyecto.pdf", "Requisitos del proyecto"),
    ("image001.png", None),
]
COMPANY_FILES = [
    ("Escritura de constitución.pdf", "Escritura de constitución de la sociedad"),
    ("Certificado de titularidad bancaria.pdf", "Certificado de titularidad"),
]


def _ref(env, name):
    return env.ref(f"{MODULE}.{name}", raise_if_not_found=False)


def _name(env, name, record):
    env["ir.model.data"]._update_xmlids(
        [{"xml_id": f"{MODULE}.{name}", "record": record, "noupdate": True}]
    )
    return record


def _pdf(title, lines):
    """A one-page PDF with a title and some lines of text."""

    def literal(text):
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = [f"BT /F1 18 Tf 60 780 Td ({literal(title)}) Tj ET"]
    text += [
        f"BT /F1 11 Tf 60 {740 - 18 * index} Td ({literal(line)}) Tj ET"
        for index, line in enumerate(lines)
    ]
    stream = "\n".join(text).encode("cp1252", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _png():
    """A signature's 1x1 logo, as email clients attach it."""

    def chunk(kind, data):
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    pixels = zlib.compress(b"\x00\x1f\x4e\x8c")
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def load_consultant(env):
    """The administrator is the digitalising agent's consultant, who set the
    CRM up and logs the hours; the justification leaves her out of the
    company's users."""
    admin = env.ref("base.user_admin")
    values = {**CONSULTANT, "lang": "es_ES", "tz": "Europe/Madrid"}
    changed = {k: v for k, v in values.items() if admin.partner_id[k] != v}
    if changed:
        admin.partner_id.write(changed)
    return admin


def archive_stock_teams(env, teams):
    """Stock's own teams hold nothing of the story: out of the pivots."""
    ours = {team.id for team in teams.values()}
    for team in env["crm.team"].search([("id", "not in", list(ours))]):
        used = env["crm.lead"].with_context(active_test=False).search_count(
            [("team_id", "=", team.id)]
        ) or env["sale.order"].search_count([("team_id", "=", team.id)])
        if not used:
            team.active = False


def load_rules(env, company, teams):
    """The consultant's assignment rules, and the leads nobody had taken
    given out by them."""
    if _ref(env, RULES[0][0]):
        return env["crm.digital.assignment.rule"]
    rules = env["crm.digital.assignment.rule"]
    for sequence, (key, name, sources, states, team, strategy) in enumerate(RULES):
        rule = env["crm.digital.assignment.rule"].create(
            {
                "name": name,
                "sequence": 10 * (sequence + 1),
                "company_id": company.id,
                "source_ids": [
                    Command.set([env.ref(f"{MODULE}.source_{s}").id for s in sources])
                ],
                "state_ids": [
                    Command.set(
                        [env.ref(f"base.state_es_{s.lower()}").id for s in states]
                    )
                ],
                "team_id": teams[team].id,
                "strategy": strategy,
            }
        )
        rules |= _name(env, key, rule)
    env["crm.lead"].search([("user_id", "=", False)])._crm_digital_assign()
    return rules


def load_imports(env, users, now):
    """Files the manager imported weeks ago, through
    the rules; the second one with the rows it rejected in its own file."""
    Import = env["crm.digital.lead.import"]
    for index, (file_name, login, days) in enumerate(IMPORTS):
        key = f"lead_import_{index}"
        if _ref(env, key):
            continue
        job = Import.with_user(users[login]).create(
            {
                "file_name": file_name,
                "file": base64.b64encode((SAMPLES / file_name).read_bytes()),
            }
        )
        job.action_import()
        _name(env, key, job.sudo())
        env.flush_all()
        when = now - timedelta(days=days)
        env.cr.execute(
            "UPDATE crm_digital_lead_import SET create_date = %s, write_date = %s "
            "WHERE id = %s",
            [when, when, job.id],
        )
        env.cr.execute(
            """UPDATE crm_lead SET create_date = %(when)s, write_date = %(when)s,
                      date_open = CASE WHEN user_id IS NULL THEN NULL
                                       ELSE %(when)s END,
                      date_last_stage_update = %(when)s,
                      crm_digital_stage_date = %(when)s
                WHERE import_id = %(job)s""",
            {"when": when, "job": job.id},
        )
        env.cr.execute(
            """UPDATE crm_digital_stage_history h SET date_entered = %(when)s,
                      create_date = %(when)s
                 FROM crm_lead l
                WHERE l.id = h.lead_id AND l.import_id = %(job)s""",
            {"when": when, "job": job.id},
        )
    env.invalidate_all()


def load_alternatives(env):
    """Some opportunities in negotiation with two or three offers: the one
    sent first, a cheaper one and one with more in it."""
    orders = env["sale.order"].search(
        [
            ("state", "=", "sent"),
            ("opportunity_id.crm_digital_outcome", "=", "open"),
            ("opportunity_id.active", "=", True),
        ],
        order="id",
    )
    extra = env["product.product"].search(
        [("default_code", "=", False), ("sale_ok", "=", True)], limit=1
    )
    rng = random.Random("alternatives")
    created, pairs = env["sale.order"], []
    for index, order in enumerate(orders[:5]):
        for option in range(1 + (index % 2)):
            key = f"order_alternative_{order.id}_{option}"
            if _ref(env, key):
                continue
            copy = order.copy(
                {
                    "opportunity_id": order.opportunity_id.id,
                    "origin": order.origin,
                    "validity_date": order.validity_date,
                }
            )
            if option == 0:
                copy.order_line.discount = rng.choice([10, 15])
                if len(copy.order_line) > 2:
                    copy.order_line[-1].unlink()
            elif extra:
                copy.order_line = [Command.create({"product_id": extra.id})]
            created |= _name(env, key, copy)
            pairs.append((copy.id, order.id, option + 1))
    created.action_quotation_sent()
    env.flush_all()
    for copy_id, order_id, days in pairs:
        env.cr.execute(
            """UPDATE sale_order c
                  SET create_date = o.create_date + make_interval(days => %s),
                      date_order = o.date_order + make_interval(days => %s)
                 FROM sale_order o
                WHERE c.id = %s AND o.id = %s""",
            [days, days, copy_id, order_id],
        )
    env.invalidate_all()
    return created


def load_documents(env):
    """The offers sent as PDF, the files customers sent with their emails and
    the papers companies hand over: in the records' chatter, so documents
    files them as users do."""
    if env["ir.attachment"].search_count(
        [("name", "=", CUSTOMER_FILES[0][0])], limit=1
    ):
        return
    png = _png()
    sent = env["sale.order"].search(
        [("state", "=", "sent"), ("opportunity_id", "!=", False)], order="id", limit=12
    )
    for order in sent:
        order.message_post(
            body=f"<p>Presupuesto {order.name} enviado a {order.partner_id.name}.</p>",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachments=[
                (
                    f"Presupuesto {order.name}.pdf",
                    _pdf(
                        f"Presupuesto {order.name}",
                        [order.partner_id.name, *order.order_line.mapped("name")],
                    ),
                )
            ],
        )
    opportunities = sent.opportunity_id[:6]
    for lead in opportunities:
        contact = lead.partner_id
        lead.message_post(
            body="<p>Buenos días, os adjunto los requisitos que comentamos. "
            "Un saludo.</p>",
            subject=f"Re: {lead.name}",
            message_type="email",
            author_id=contact.id,
            email_from=contact.email_formatted or contact.name,
            subtype_xmlid="mail.mt_comment",
            attachments=[
                (name, _pdf(title, [lead.name, contact.name]) if title else png)
                for name, title in CUSTOMER_FILES
            ],
        )
    companies = opportunities.partner_id.commercial_partner_id[:4]
    for company in companies:
        company.message_post(
            body="<p>Documentación de la empresa para el alta como cliente.</p>",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            attachments=[
                (name, _pdf(title, [company.name, company.vat or ""]))
                for name, title in COMPANY_FILES
            ],
        )


def raise_alerts(env):
    """Today's check of the alerts addon, as its nightly cron does."""
    if "crm.digital.alert" in env:
        env["crm.digital.alert"]._cron_crm_digital_check()


def load(env, company, users, teams):
    now = fields.Datetime.now()
    load_consultant(env)
    archive_stock_teams(env, teams)
    load_rules(env, company, teams)
    load_imports(env, users, now)
    load_alternatives(env)
    load_documents(env)
    raise_alerts(env)
