# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL

from odoo.addons.base.models.ir_sequence import _drop_sequences

# Stock stages (shared by every team) and the Kit Digital stage taking each
# one's leads.
STOCK_STAGES = {
    "crm.stage_lead1": "crm_digital.stage_analysis",
    "crm.stage_lead2": "crm_digital.stage_analysis",
    "crm.stage_lead3": "crm_digital.stage_offer",
    "crm.stage_lead4": "crm_digital.stage_won",
}


def post_init_hook(env):
    """Put the Kit Digital pipeline in the place of stock's default stages,
    open each existing lead's stay in its stage, and work out the commercial
    stage of existing customers."""
    for stock_xmlid, ours_xmlid in STOCK_STAGES.items():
        stock = env.ref(stock_xmlid, raise_if_not_found=False)
        if not stock or stock.team_id:
            continue
        # Moved as they are: stage rules judge moves made from now on.
        env.cr.execute(
            SQL(
                "UPDATE crm_lead SET stage_id = %s WHERE stage_id = %s",
                env.ref(ours_xmlid).id,
                stock.id,
            )
        )
        env["crm.lead"].invalidate_model(["stage_id"])
        # Stock declares them forcecreate=False: they do not come back.
        stock.unlink()
    env.cr.execute(
        SQL(
            """INSERT INTO crm_digital_stage_history (lead_id, stage_id, team_id,
                salesperson_id, company_id, user_id, date_entered, create_uid,
                create_date, write_uid, write_date)
            SELECT id, stage_id, team_id, user_id, company_id, %(uid)s,
                COALESCE(date_last_stage_update, create_date), %(uid)s, now(),
                %(uid)s, now()
            FROM crm_lead WHERE stage_id IS NOT NULL""",
            uid=env.uid,
        )
    )
    env.cr.execute(
        "UPDATE crm_lead SET crm_digital_stage_date = "
        "COALESCE(date_last_stage_update, create_date) WHERE stage_id IS NOT NULL"
    )
    env["crm.lead"].invalidate_model(["crm_digital_stage_date"])
    _refresh_customers(env)


def _refresh_customers(env):
    leads = env["crm.lead"].with_context(active_test=False)
    customers = leads.search([("partner_id", "!=", False)]).partner_id
    customers |= env["sale.order"].search([("state", "=", "sale")]).partner_id
    customers._crm_digital_refresh_lifecycle()


def uninstall_hook(env):
    """The Kit Digital stages stay with their opportunities: only their
    link to this module goes. The task rules' automated actions go, and so do
    the assignment rules' turn sequences (Odoo drops only the tables)."""
    assignment_rules = env["crm.digital.assignment.rule"].with_context(
        active_test=False
    )
    _drop_sequences(env.cr, [rule._sequence() for rule in assignment_rules.search([])])
    rules = env["crm.digital.task.rule"].with_context(active_test=False)
    rules.search([("automation_id", "!=", False)]).automation_id.unlink()
    env["ir.model.data"].search(
        [("module", "=", "crm_digital"), ("model", "=", "crm.stage")]
    ).unlink()
