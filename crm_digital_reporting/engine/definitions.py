# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the dashboard measures: each KPI with its definition (the help users
read), the cuts and the profiles. The queries compute exactly these."""

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# (key, group, unit, label, definition)
KPIS = [
    (
        "won_amount",
        "volume",
        "amount",
        _lt("Won Amount"),
        _lt("Expected revenue of the opportunities won in the period."),
    ),
    (
        "won_count",
        "volume",
        "count",
        _lt("Won"),
        _lt("Opportunities won in the period (moved to a won stage)."),
    ),
    (
        "leads_created",
        "volume",
        "count",
        _lt("Leads Created"),
        _lt("Leads and opportunities created in the period, by any path."),
    ),
    (
        "opportunities_opened",
        "volume",
        "count",
        _lt("Opportunities Opened"),
        _lt(
            "Leads converted to opportunities in the period, and opportunities "
            "created as such."
        ),
    ),
    (
        "quotations_sent",
        "quotation",
        "count",
        _lt("Quotations Sent"),
        _lt(
            "Quotations of opportunities created in the period and sent to the "
            "customer (or already accepted)."
        ),
    ),
    (
        "quotations_accepted",
        "quotation",
        "count",
        _lt("Quotations Accepted"),
        _lt("Quotations of opportunities confirmed as orders in the period."),
    ),
    (
        "quotation_acceptance",
        "quotation",
        "percent",
        _lt("Quotation Acceptance"),
        _lt("Of the quotations sent in the period, the share accepted so far."),
    ),
    (
        "cancelled_count",
        "volume",
        "count",
        _lt("Cancelled"),
        _lt("Opportunities marked as lost in the period (archived ones included)."),
    ),
    (
        "cancelled_amount",
        "volume",
        "amount",
        _lt("Cancelled Amount"),
        _lt("Expected revenue of the opportunities lost in the period."),
    ),
    (
        "win_rate",
        "efficiency",
        "percent",
        _lt("Win Rate"),
        _lt("Won / (won + cancelled), of the opportunities closed in the period."),
    ),
    (
        "win_rate_value",
        "efficiency",
        "percent",
        _lt("Win Rate by Value"),
        _lt("Won amount / (won + cancelled amount), closed in the period."),
    ),
    (
        "lead_conversion",
        "efficiency",
        "percent",
        _lt("Lead Conversion"),
        _lt(
            "Of the leads created in the period (not those created as "
            "opportunities), the share converted to opportunities so far."
        ),
    ),
    (
        "opportunity_conversion",
        "efficiency",
        "percent",
        _lt("Opportunity Conversion"),
        _lt("Of the opportunities opened in the period, the share won so far."),
    ),
    (
        "average_deal",
        "efficiency",
        "amount",
        _lt("Average Deal"),
        _lt("Won amount / opportunities won, in the period."),
    ),
    (
        "sales_cycle",
        "efficiency",
        "days",
        _lt("Sales Cycle"),
        _lt(
            "Average days from creation to winning, of the opportunities won "
            "in the period."
        ),
    ),
    (
        "sales_velocity",
        "efficiency",
        "amount_per_day",
        _lt("Sales Velocity"),
        _lt(
            "Open opportunities * win rate * average deal / sales cycle (one "
            "day at least): the amount the pipeline wins per day at the "
            "period's rates."
        ),
    ),
    (
        "response_time",
        "activity",
        "hours",
        _lt("Response Time"),
        _lt(
            "Average hours from assigning a lead to its first activity done, of "
            "the leads assigned in the period that had one."
        ),
    ),
    (
        "activities_done",
        "activity",
        "count",
        _lt("Activities Done"),
        _lt("Activities on leads and opportunities marked done in the period."),
    ),
    (
        "activities_overdue",
        "activity",
        "count",
        _lt("Activities Overdue"),
        _lt("Activities on leads and opportunities past their due date, today."),
    ),
    (
        "open_count",
        "pipeline",
        "count",
        _lt("Open Opportunities"),
        _lt("Opportunities open at the end of the period (today for this one)."),
    ),
    (
        "open_amount",
        "pipeline",
        "amount",
        _lt("Pipeline"),
        _lt("Expected revenue of the opportunities open at the end of the period."),
    ),
    (
        "weighted_amount",
        "pipeline",
        "amount",
        _lt("Weighted Pipeline"),
        _lt("Open expected revenue * each opportunity's probability, today."),
    ),
    (
        "forecast_amount",
        "pipeline",
        "amount",
        _lt("Forecast"),
        _lt(
            "Open expected revenue * the historical win rate of its stage: of "
            "the opportunities closed in the last 12 months that reached the "
            "stage, the share won (the stage's probability when none closed)."
        ),
    ),
    (
        "stuck_count",
        "pipeline",
        "count",
        _lt("Stuck"),
        _lt("Open opportunities longer in their stage than the stage allows."),
    ),
]
# Lower is better: the dashboard colours their rise red.
LOWER_IS_BETTER = {
    "cancelled_count",
    "cancelled_amount",
    "sales_cycle",
    "response_time",
    "activities_overdue",
    "stuck_count",
}
CUTS = [
    ("user_id", _lt("Salesperson")),
    ("team_id", _lt("Sales Team")),
    ("role", _lt("Role")),
    ("stage_id", _lt("Stage")),
    ("source_id", _lt("Source")),
    ("medium_id", _lt("Medium")),
    ("campaign_id", _lt("Campaign")),
    ("state_id", _lt("Province")),
    ("industry_id", _lt("Sector")),
    ("product_id", _lt("Product")),
    ("product_categ_id", _lt("Product Category")),
]
# Cuts by what an opportunity's quotations hold (not cancelled), and the
# model of their values: one opportunity may be in several.
MULTIPLE_CUTS = {
    "product_id": "product.product",
    "product_categ_id": "product.category",
}
ROLES = {
    "salesperson": _lt("Salesperson"),
    "team_leader": _lt("Team Leader"),
    "manager": _lt("Manager"),
}
COLUMNS = ("current", "previous", "year_before")
# Figures of today's pipeline and activities.
TODAY = (
    "open_count",
    "open_amount",
    "weighted_amount",
    "forecast_amount",
    "stuck_count",
    "activities_overdue",
)
# Of those, the ones a past period takes from the pipeline snapshots.
SNAPSHOT = TODAY[2:]
TREND = ("won_amount", "won_count", "leads_created")
TARGETS = [
    ("amount_won", "won_amount", "amount", _lt("Amount Won")),
    ("opportunities_won", "won_count", "count", _lt("Opportunities Won")),
    ("activities_done", "activities_done", "count", _lt("Activities Done")),
]
