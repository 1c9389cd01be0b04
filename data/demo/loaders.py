# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Load: the planned story into the database through the ORM, each record with
an xmlid in the demo module, so that a second run creates nothing."""

import random
from collections import defaultdict
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from plan import _amount, _email
from story import (
    ACTIVITIES,
    CAMPAIGNS,
    CATEGORIES,
    DOMAIN,
    LOST_REASONS,
    MEDIUMS,
    MODULE,
    PRODUCTS,
    RECURRENCES,
    ROLE_GROUPS,
    SOURCES,
    TAGS,
    TEAMS,
    USERS,
)

from odoo import Command, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# The consultant's parametrisation: (days before today, hours, area, work).
PARAMETRISATION = [
    (60, 3.0, "training", "Reunión de arranque: procesos comerciales y segmento"),
    (58, 4.5, "opportunities", "Embudo Kit Digital, reglas de etapa y días de atasco"),
    (55, 5.0, "leads", "Reglas de asignación por provincia, sector y carga"),
    (54, 4.0, "leads", "Plantillas de importación de HubSpot y Excel propio"),
    (50, 3.5, "customers", "Bandas de empleados, sectores CNAE y clientes"),
    (47, 4.0, "tasks", "Tipos de actividad y planes para el equipo"),
    (45, 3.0, "reporting", "Informes de embudo por equipo y comercial"),
    (40, 2.5, "documents", "Carpetas de documentos comerciales"),
    (38, 2.0, "integration", "Claves de API para la web corporativa"),
    (35, 6.0, "training", "Formación de comerciales y jefes de equipo"),
]


def _load_parametrisation(env, company, today):
    """The company's Kit Digital segment and the consultant's work log."""
    _write_changed(company, {"crm_digital_segment": "I"})
    admin = env.ref("base.user_admin")
    return _ensure(
        env,
        "crm.digital.parametrisation.log",
        [
            (
                f"parametrisation_{index}",
                {
                    "date": today - timedelta(days=days),
                    "hours": hours,
                    "area": area,
                    "description": work,
                    "user_id": admin.id,
                    "company_id": company.id,
                },
            )
            for index, (days, hours, area, work) in enumerate(PARAMETRISATION)
        ],
    )[1]


def _ensure(env, model, rows, match=None):
    """Return ``({name: record}, {name: new record})`` for ``rows``.

    ``rows`` are ``(xmlid name, values)``; missing records are created in one
    batch. With ``match``, a missing record may instead be an existing one with
    the same value of that field (stock data with a unique name); it is adopted.
    """
    Model = env[model]
    names = [name for name, _vals in rows]
    data = env["ir.model.data"].search_read(
        [("module", "=", MODULE), ("model", "=", model), ("name", "in", names)],
        ["name", "res_id"],
    )
    alive = set(Model.browse([d["res_id"] for d in data]).exists().ids)
    records = {
        d["name"]: Model.browse(d["res_id"]) for d in data if d["res_id"] in alive
    }
    missing = [(name, vals) for name, vals in rows if name not in records]
    adopted = {}
    if match and missing:
        existing = Model.with_context(active_test=False).search(
            [(match, "in", [vals[match] for _n, vals in missing])]
        )
        by_value = {rec[match]: rec for rec in existing}
        adopted = {n: by_value[v[match]] for n, v in missing if v[match] in by_value}
        missing = [(n, v) for n, v in missing if n not in adopted]
    created = Model.create([vals for _n, vals in missing]) if missing else Model
    new = dict(zip([name for name, _vals in missing], created, strict=True))
    env["ir.model.data"]._update_xmlids(
        [
            {"xml_id": f"{MODULE}.{name}", "record": rec, "noupdate": True}
            for name, rec in (adopted | new).items()
        ]
    )
    records |= adopted | new
    return {name: records[name] for name in names}, new


def _write_changed(record, vals):
    def current(name):
        value = record[name]
        return value.id if isinstance(value, models.BaseModel) else value

    changed = {k: v for k, v in vals.items() if current(k) != v}
    if changed:
        record.write(changed)


def _setup_company(env):
    env["res.lang"]._activate_lang("es_ES")
    spain = env.ref("base.es")
    company = env.ref("base.main_company")
    # Address through the partner: setting a first country on the company itself
    # would install the Spanish accounting localisation in the middle of the load.
    _write_changed(
        company.partner_id,
        {
            "name": "Soluciones Digitales Levante, S.L.",
            "street": "Calle Colón, 42, 3.º",
            "city": "València",
            "zip": "46004",
            "state_id": env.ref("base.state_es_v").id,
            "country_id": spain.id,
            "phone": "+34 963 52 41 80",
            "email": f"info@{DOMAIN}",
            "website": f"https://www.{DOMAIN}",
            "vat": "ESB12345674",
            "lang": "es_ES",
        },
    )
    _set_currency(env, company, env.ref("base.EUR"))
    user_group = env.ref("base.group_user")
    user_group._apply_group(env.ref("crm.group_use_lead"))
    user_group._apply_group(env.ref("crm.group_use_recurring_revenues"))
    return company


def _set_currency(env, company, currency):
    old = company.currency_id
    if old == currency:
        return
    try:
        with env.cr.savepoint():
            currency.active = True
            company.currency_id = currency
    except UserError as error:
        raise UserError(
            f"The company's currency cannot become {currency.name} once it has "
            "journal items: create the database with 'make run', which sets the "
            "company in Spain before accounting is installed."
        ) from error
    # A second active currency turns pricelists on, and stock then creates a
    # default pricelist in the currency the company had at that moment.
    env["product.pricelist"].search(
        [
            ("company_id", "in", [company.id, False]),
            ("currency_id", "=", old.id),
            ("item_ids", "=", False),
        ]
    ).currency_id = currency


def _load_users(env, company):
    base = env.ref("base.group_user") | env.ref("base.group_partner_manager")
    rows = [
        (
            f"user_{u['login']}",
            {
                "login": u["login"],
                "password": u["login"],
                "name": u["name"],
                "email": _email(u["name"], DOMAIN),
                "lang": "es_ES",
                "tz": "Europe/Madrid",
                "notification_type": "inbox",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [
                    Command.set((base | env.ref(ROLE_GROUPS[u["role"]])).ids)
                ],
            },
        )
        for u in USERS
    ]
    users, _new = _ensure(env, "res.users", rows, match="login")
    return {login.removeprefix("user_"): user for login, user in users.items()}


def _load_teams(env, company, users):
    rows = [
        (
            f"team_{key}",
            {
                "name": name,
                "user_id": users[leader].id,
                "member_ids": [Command.set([users[u].id for u in (leader, *members)])],
                "use_leads": True,
                "use_opportunities": True,
                "invoiced_target": target,
                "company_id": company.id,
            },
        )
        for key, name, leader, members, _share, target in TEAMS
    ]
    teams, _new = _ensure(env, "crm.team", rows)
    return {name.removeprefix("team_"): team for name, team in teams.items()}


def _load_catalogue(env, today):
    """Tags, UTM records, lost reasons and products, by plan key."""
    refs = {}

    def add(prefix, model, rows, match=None):
        records, _new = _ensure(
            env, model, [(f"{prefix}_{k}", v) for k, v in rows], match
        )
        refs.update({f"{prefix}_{k}": records[f"{prefix}_{k}"] for k, _v in rows})

    add("tag", "crm.tag", [(k, {"name": n, "color": c}) for k, n, c in TAGS], "name")
    add("medium", "utm.medium", [(k, {"name": n}) for k, n in MEDIUMS], "name")
    add("source", "utm.source", [(k, {"name": n}) for k, n, _m in SOURCES], "name")
    years = (today.year - 1, today.year)
    campaigns = [
        (f"{k}_{y}", {"name": f"{n} {y}"}) for k, n in CAMPAIGNS for y in years
    ]
    add("campaign", "utm.campaign", campaigns, "name")
    add("lost", "crm.lost.reason", [(k, {"name": n}) for k, n, _w in LOST_REASONS])
    parent = env.ref("product.product_category_all").id
    add(
        "categ",
        "product.category",
        [(k, {"name": n, "parent_id": parent}) for k, n in CATEGORIES],
    )
    hour = env.ref("uom.product_uom_hour").id
    add(
        "product",
        "product.template",
        [
            (
                key,
                {
                    "name": name,
                    "default_code": code,
                    "type": kind,
                    "categ_id": refs[f"categ_{categ}"].id,
                    "list_price": price,
                    "standard_price": cost,
                    "sale_ok": True,
                    "purchase_ok": kind == "consu",
                    "description_sale": description,
                    "crm_digital_recurrence": RECURRENCES.get(key, False),
                    **(
                        {"uom_id": hour, "uom_po_id": hour}
                        if key == "consulting_hour"
                        else {}
                    ),
                },
            )
            for key, name, code, kind, categ, price, cost, description in PRODUCTS
        ],
    )
    return refs


def _load_customers(env, customers, refs, users):
    spain = env.ref("base.es").id
    states = {
        s.code: s.id
        for s in env["res.country.state"].search([("country_id", "=", spain)])
    }
    rows = [
        (
            c["key"],
            {
                "name": c["name"],
                "is_company": True,
                "vat": c["vat"],
                "street": c["street"],
                "city": c["city"],
                "zip": c["zip"],
                "state_id": states[c["state"]],
                "country_id": spain,
                "phone": c["phone"],
                "email": c["email"],
                "website": c["website"],
                "lang": "es_ES",
                "customer_rank": 1,
                "user_id": users[c["user"]].id,
            },
        )
        for c in customers
    ]
    companies, _new = _ensure(env, "res.partner", rows)
    rows = [
        (
            f"{c['key']}_contact",
            {
                **c["contact"],
                "phone": c["phone"],
                "parent_id": companies[c["key"]].id,
                "type": "contact",
                "lang": "es_ES",
            },
        )
        for c in customers
        if c["contact"]
    ]
    contacts, _new = _ensure(env, "res.partner", rows)
    # Deals go to the contact person where there is one.
    for key, company in companies.items():
        refs[key] = contacts.get(f"{key}_contact", company)


def _lead_values(env, lead, refs, users, teams, stages, prices):
    def ref(key):
        return refs[key].id if key else False

    team = teams[lead["team"]]
    open_stages = stages[team.id]
    vals = {
        "name": lead["name"],
        "type": lead["kind"],
        "team_id": team.id,
        "user_id": users[lead["user"]].id if lead["user"] else False,
        "stage_id": open_stages[min(lead["level"], len(open_stages) - 1)].id,
        "priority": lead["priority"],
        "tag_ids": [Command.set([ref(tag) for tag in lead["tags"]])],
        "source_id": ref(lead["source"]),
        "medium_id": ref(lead["medium"]),
        "campaign_id": ref(lead["campaign"]),
        "description": lead["description"],
        "date_deadline": lead["kind"] == "opportunity" and lead["deadline"],
    }
    if lead["kind"] == "opportunity":
        amount = _amount(lead["lines"], prices)
        vals |= {"expected_revenue": amount, "probability": lead["probability"]}
        if lead["recurring"]:
            vals |= {
                "recurring_revenue": round(amount / 12, 2),
                "recurring_plan": env.ref("crm.crm_recurring_plan_monthly").id,
            }
    if lead["customer"]:
        vals["partner_id"] = ref(lead["customer"])
    else:
        prospect = dict(lead["prospect"])
        state = prospect.pop("state")
        vals |= prospect | {
            "state_id": env.ref(f"base.state_es_{state.lower()}").id,
            "country_id": env.ref("base.es").id,
        }
    return vals


def _load_leads(env, leads, refs, users, teams):
    Stage = env["crm.stage"]
    stages = {
        team.id: Stage.search(
            [
                "|",
                ("team_id", "=", False),
                ("team_id", "=", team.id),
                ("is_won", "=", False),
            ]
        )
        for team in teams.values()
    }
    prices = {
        key[len("product_") :]: rec.list_price
        for key, rec in refs.items()
        if key.startswith("product_")
    }
    rows = [
        (lead["key"], _lead_values(env, lead, refs, users, teams, stages, prices))
        for lead in leads
    ]
    _records, new = _ensure(env, "crm.lead", rows)
    planned = {new[lead["key"]].id: lead for lead in leads if lead["key"] in new}
    created = env["crm.lead"].browse(list(planned))
    created.filtered(lambda r: planned[r.id]["outcome"] == "won").action_set_won()
    lost = defaultdict(lambda: env["crm.lead"])
    for record in created:
        lost[planned[record.id]["lost_reason"]] |= record
    for reason, records in lost.items():
        if reason:
            records.action_set_lost(lost_reason_id=refs[reason].id)
    return new


def _load_orders(env, leads, leads_new, refs):
    rows, states = [], {}
    for lead in sorted(
        leads, key=lambda lead: lead.get("quote_date") or lead["created"]
    ):
        opportunity = leads_new.get(lead["key"])
        if not lead["quote"] or not opportunity:
            continue
        key = lead["key"].replace("lead_", "order_")
        states[key] = lead["quote"]
        quoted = lead["quote_date"]
        rows.append(
            (
                key,
                {
                    "partner_id": opportunity.partner_id.id,
                    "opportunity_id": opportunity.id,
                    "team_id": opportunity.team_id.id,
                    "user_id": opportunity.user_id.id,
                    "origin": opportunity.name,
                    "source_id": opportunity.source_id.id,
                    "medium_id": opportunity.medium_id.id,
                    "campaign_id": opportunity.campaign_id.id,
                    "tag_ids": [Command.set(opportunity.tag_ids.ids)],
                    "date_order": quoted,
                    "validity_date": (quoted + timedelta(days=30)).date(),
                    "order_line": [
                        Command.create(
                            {
                                "product_id": refs[
                                    f"product_{product}"
                                ].product_variant_id.id,
                                "product_uom_qty": qty,
                                "discount": discount,
                            }
                        )
                        for product, qty, discount in lead["lines"]
                    ],
                },
            )
        )
    _orders, new = _ensure(env, "sale.order", rows)
    Order = env["sale.order"]

    def with_state(state):
        return Order.browse([o.id for k, o in new.items() if states[k] == state])

    with_state("sent").action_quotation_sent()
    with_state("sale").action_confirm()
    with_state("cancel")._action_cancel()
    return new


def _load_activities(env, leads, leads_new, users):
    model_id = env["ir.model"]._get_id("crm.lead")
    leaders = {key: users[leader] for key, _n, leader, *_rest in TEAMS}
    rows = []
    for lead in leads:
        activity, record = lead["activity"], leads_new.get(lead["key"])
        if not activity or not record:
            continue
        rows.append(
            (
                lead["key"].replace("lead_", "activity_"),
                {
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "activity_type_id": env.ref(ACTIVITIES[activity["type"]][0]).id,
                    "summary": activity["summary"],
                    "date_deadline": activity["deadline"],
                    "user_id": (record.user_id or leaders[lead["team"]]).id,
                },
            )
        )
    return _ensure(env, "mail.activity", rows)[1]


def _load_done_activities(env, now, leads, leads_new, users):
    """What salespeople already did: one to three activities marked done on
    each new assigned lead, the first some hours after it was assigned."""
    subtype = env.ref("mail.mt_activities")
    rows = []
    for lead in leads:
        record = leads_new.get(lead["key"])
        if not record or not lead["opened"]:
            continue
        rng = random.Random(f"done-{lead['key']}")
        author = users[lead["user"]].partner_id
        moment = lead["opened"]
        end = lead["closed"] or now
        for _n in range(1 + lead["level"] // 2 + (lead["outcome"] != "open")):
            moment += timedelta(hours=rng.randint(2, 72))
            if moment >= end:
                break
            kind = rng.choices(list(ACTIVITIES), [a[1] for a in ACTIVITIES.values()])
            xmlid, _weight, summaries = ACTIVITIES[kind[0]]
            rows.append(
                {
                    "model": "crm.lead",
                    "res_id": record.id,
                    "message_type": "notification",
                    "subtype_id": subtype.id,
                    "mail_activity_type_id": env.ref(xmlid).id,
                    "author_id": author.id,
                    "body": f"<p>{rng.choice(summaries)}</p>",
                    "date": moment,
                }
            )
    env["mail.message"].create(rows)


def _load_targets(env, teams, users, today):
    """Monthly targets of each team and salesperson for both years of the
    story, a little above what the team invoices."""
    if "crm.digital.sales.target" not in env:
        return
    rows = []
    for year in (today.year - 1, today.year):
        for month in range(1, 13):
            day = date(year, month, 1)
            for key, _name, leader, members, _share, target in TEAMS:
                amount = target * (1.1 if year == today.year else 1.0)
                rows.append(
                    (
                        f"target_{key}_{year}_{month:02d}",
                        {
                            "month": day,
                            "team_id": teams[key].id,
                            "amount_won": amount,
                            "opportunities_won": round(amount / 6000),
                            "activities_done": 30 * (len(members) + 1),
                        },
                    )
                )
                for login in [leader, *members]:
                    rows.append(
                        (
                            f"target_{login}_{year}_{month:02d}",
                            {
                                "month": day,
                                "user_id": users[login].id,
                                "team_id": teams[key].id,
                                "amount_won": amount / (len(members) + 1),
                                "opportunities_won": max(
                                    1, round(amount / 6000 / (len(members) + 1))
                                ),
                                "activities_done": 30,
                            },
                        )
                    )
    _ensure(env, "crm.digital.sales.target", rows)


def _load_snapshots(env, today):
    """The pipeline at the end of each of the last 24 months, as the nightly
    snapshot would have kept it: each deal open then, in the stage its
    history has for that day, stuck by its days there; the deals closed in
    the 12 months before. Odoo keeps no past probabilities nor deadlines: a
    deal weighs as its stage's open deals do today, and one open deal in
    four had an overdue activity, as in the story today."""
    if "crm.digital.pipeline.snapshot" not in env:
        return
    env.flush_all()
    days = [
        (today.replace(day=1) - relativedelta(months=n)) - timedelta(days=1)
        for n in range(24)
    ]
    env.cr.execute(
        "DELETE FROM crm_digital_pipeline_snapshot WHERE date = ANY(%s)", [days]
    )
    env.cr.execute(
        SQL(
            """
        WITH at AS (
            SELECT day, day + time '21:30' AS instant
              FROM unnest(%(days)s::date[]) AS day
        ), odds AS (
            SELECT stage_id, avg(probability) AS probability FROM crm_lead
             WHERE active AND type = 'opportunity' AND crm_digital_outcome = 'open'
             GROUP BY 1
        ), pipeline AS (
            SELECT at.day, l.id AS lead_id, l.company_id, l.team_id, l.user_id,
                   l.type, 'open' AS outcome,
                   COALESCE(h.stage_id, l.stage_id) AS stage_id,
                   FALSE AS recent,
                   COALESCE(s.crm_digital_stuck_days > 0 AND h.date_entered
                       < at.instant - s.crm_digital_stuck_days * interval '1 day',
                       FALSE) AS stuck,
                   l.expected_revenue AS amount,
                   l.expected_revenue * COALESCE(o.probability, l.probability) / 100
                       AS weighted
              FROM at
              JOIN crm_lead l ON l.type = 'opportunity'
               AND COALESCE(l.date_conversion, l.create_date) <= at.instant
               AND (l.date_closed IS NULL OR l.date_closed > at.instant)
               AND (l.active OR l.date_closed IS NOT NULL)
              LEFT JOIN LATERAL (
                  SELECT stage_id, date_entered FROM crm_digital_stage_history
                   WHERE lead_id = l.id AND date_entered <= at.instant
                   ORDER BY date_entered DESC LIMIT 1) h ON TRUE
              LEFT JOIN crm_stage s ON s.id = COALESCE(h.stage_id, l.stage_id)
              LEFT JOIN odds o ON o.stage_id = COALESCE(h.stage_id, l.stage_id)
            UNION ALL
            SELECT at.day, l.id, l.company_id, l.team_id, l.user_id, l.type,
                   l.crm_digital_outcome, l.stage_id, TRUE, FALSE,
                   l.expected_revenue, l.prorated_revenue
              FROM at
              JOIN crm_lead l ON l.date_closed <= at.instant
               AND l.date_closed > at.instant - interval '1 year'
               AND (l.crm_digital_outcome = 'won'
                    OR (l.crm_digital_outcome = 'cancelled' AND l.type = 'opportunity'))
        )
        INSERT INTO crm_digital_pipeline_snapshot (date, company_id, team_id,
            user_id, type, outcome, stage_id, recent, stuck, count, amount,
            weighted, activities_overdue, create_uid, create_date, write_uid,
            write_date)
        SELECT day, company_id, team_id, user_id, type, outcome, stage_id, recent,
               stuck, count(*), sum(COALESCE(amount, 0)), sum(COALESCE(weighted, 0)),
               0, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
          FROM pipeline GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
        UNION ALL
        SELECT day, company_id, team_id, user_id, NULL, NULL, NULL, FALSE, FALSE,
               0, 0, 0, count(*), %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
               now() AT TIME ZONE 'UTC'
          FROM pipeline
         WHERE outcome = 'open'
           AND mod(abs(hashtext(lead_id::text || day::text)), 4) = 0
         GROUP BY 1, 2, 3, 4
            """,
            days=days,
            uid=env.uid,
        )
    )
    env.invalidate_all()
