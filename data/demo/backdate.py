# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Back-dating: the loaded records moved to the dates the plan gives them (the
ORM stamps them today), and their stays in each stage written as they were."""

from datetime import datetime, timedelta

from plan import _stay_days

from odoo.tools import SQL


def _backdate(env, now, leads, leads_new, orders_new, activities_new):
    """Move creation and stage dates into the past, where the story happens."""
    env.flush_all()
    lead_rows, order_rows, activity_rows = [], [], []
    for lead in leads:
        record = leads_new.get(lead["key"])
        if not record:
            continue
        created, opened, closed = lead["created"], lead["opened"], lead["closed"]
        converted = lead.get("converted")
        staged = _staged(lead, now)
        lead_rows.append(
            (
                record.id,
                created,
                max(filter(None, [created, staged, closed])),
                opened,
                closed,
                staged,
                staged,
                converted,
                opened and abs((opened - created).days),
                closed and abs((closed - created).days),
            )
        )
        order = orders_new.get(lead["key"].replace("lead_", "order_"))
        if order:
            order_rows.append((order.id, lead["quote_date"]))
        activity = activities_new.get(lead["key"].replace("lead_", "activity_"))
        if activity:
            planned = datetime.combine(
                lead["activity"]["deadline"], datetime.min.time()
            )
            stamp = max(created, min(staged, planned - timedelta(days=3)))
            activity_rows.append((activity.id, stamp))
    _update(
        env,
        "crm_lead",
        lead_rows,
        [
            "create_date",
            "write_date",
            "date_open",
            "date_closed",
            "date_last_stage_update",
            "crm_digital_stage_date",
            "date_conversion",
            "day_open",
            "day_close",
        ],
        ["timestamp"] * 7 + ["float"] * 2,
    )
    _update(env, "sale_order", order_rows, ["create_date"], ["timestamp"])
    # Confirmation stamps date_order with now: the deal was signed when won.
    env.cr.execute(
        """UPDATE sale_order o
              SET date_order = CASE WHEN o.state = 'sale' THEN l.date_closed
                                    ELSE o.create_date END,
                  write_date = GREATEST(o.create_date, l.date_closed)
             FROM crm_lead l
            WHERE l.id = o.opportunity_id AND o.id = ANY(%s)""",
        [[row[0] for row in order_rows]],
    )
    _update(env, "mail_activity", activity_rows, ["create_date"], ["timestamp"])
    env.invalidate_all()
    # Recurring services renew counting from the backdated signature.
    orders = env["sale.order"].browse([row[0] for row in order_rows])
    orders.filtered(lambda o: o.state == "sale")._compute_crm_digital_renewal_date()


def _staged(lead, now):
    """When the deal entered the stage it is in."""
    if lead["closed"]:
        return lead["closed"]
    created = lead["created"]
    if not lead["level"]:
        return created
    entered = now - timedelta(days=_stay_days(f"staged-{lead['key']}"))
    if entered > created:
        return entered
    return created + (now - created) * (0.2 + 0.25 * lead["level"])


def _stage_history(env, now, leads, leads_new):
    """Each new deal's way through its team's pipeline, stage by stage, from
    its creation to the stage it is in (Ganada for the won ones)."""
    pipelines, rows = {}, []
    for lead in leads:
        record = leads_new.get(lead["key"])
        if not record:
            continue
        team = record.team_id
        if team not in pipelines:
            pipelines[team] = env["crm.stage"].search(
                ["|", ("team_id", "=", False), ("team_id", "=", team.id)]
            )
        open_stages = pipelines[team].filtered(lambda stage: not stage.is_won)
        path = list(open_stages[: lead["level"] + 1])
        if record.stage_id.is_won:
            path.append(record.stage_id)
        created, staged = lead["created"], _staged(lead, now)
        steps = [
            created + (staged - created) * index / max(len(path) - 1, 1)
            for index in range(len(path))
        ]
        for index, stage in enumerate(path):
            left = steps[index + 1] if index + 1 < len(path) else None
            rows.append(
                (
                    record.id,
                    stage.id,
                    path[index - 1].id if index else None,
                    team.id or None,
                    record.user_id.id or None,
                    record.company_id.id or None,
                    steps[index],
                    left,
                    left and (left - steps[index]).total_seconds() / 86400,
                )
            )
    if not rows:
        return
    lead_ids = [record.id for record in leads_new.values()]
    env.cr.execute(
        "DELETE FROM crm_digital_stage_history WHERE lead_id = ANY(%s)", [lead_ids]
    )
    env.cr.execute(
        SQL(
            """INSERT INTO crm_digital_stage_history (lead_id, stage_id,
                previous_stage_id, team_id, salesperson_id, company_id,
                date_entered, date_left, days, user_id, create_uid, create_date,
                write_uid, write_date)
            SELECT v.*, %(uid)s, %(uid)s, v.date_entered, %(uid)s, v.date_entered
            FROM (VALUES %(rows)s) AS v(lead_id, stage_id, previous_stage_id,
                team_id, salesperson_id, company_id, date_entered, date_left, days)""",
            uid=env.uid,
            rows=SQL(", ").join(
                SQL(
                    "(%s::int, %s::int, %s::int, %s::int, %s::int, %s::int, "
                    "%s::timestamp, %s::timestamp, %s::float)",
                    *row,
                )
                for row in rows
            ),
        )
    )
    env.invalidate_all()


def _update(env, table, rows, columns, types):
    """Set ``columns`` of ``table`` from ``rows`` of (id, *values) in one query."""
    if not rows:
        return
    comma = SQL(", ")
    values = comma.join(
        SQL(
            "(%s)",
            comma.join(
                SQL(f"%s::{kind}", value)
                for kind, value in zip(["int", *types], row, strict=True)
            ),
        )
        for row in rows
    )
    names = [SQL.identifier(column) for column in columns]
    env.cr.execute(
        SQL(
            "UPDATE %s AS t SET %s FROM (VALUES %s) AS v(id, %s) WHERE t.id = v.id",
            SQL.identifier(table),
            comma.join(SQL("%s = v.%s", name, name) for name in names),
            values,
            comma.join(names),
        )
    )
