# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from stdnum.es import nif

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from .base_automation import CREATED

# Changes of a lead that can change its customer's commercial stage.
LIFECYCLE_FIELDS = {"partner_id", "type", "stage_id", "active", "probability"}


def normalize_vat(value):
    """Spanish tax ids as Odoo stores VAT numbers (ES + compact number);
    anything else compacted, for the constraint to judge."""
    if not value:
        return value
    compact = nif.compact(value)
    return f"ES{compact}" if nif.is_valid(compact) else value.strip().upper()


class CrmLead(models.Model):
    _inherit = "crm.lead"

    vat = fields.Char(
        "Tax ID",
        compute="_compute_identity",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="Spanish NIF, CIF or NIE (checked), or a foreign VAT number. "
        "It goes to the customer on conversion.",
    )
    industry_id = fields.Many2one(
        "res.partner.industry",
        "Sector",
        compute="_compute_identity",
        store=True,
        readonly=False,
        help="Activity of the company (CNAE / NACE section).",
    )
    employee_band_id = fields.Many2one(
        "crm.digital.employee.band",
        "Employees",
        compute="_compute_identity",
        store=True,
        readonly=False,
        help="Number of employees of the company (Kit Digital segments).",
    )
    import_id = fields.Many2one(
        "crm.digital.lead.import",
        "Imported from",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    # Identity of the file row the lead came from: a re-run skips it.
    import_key = fields.Char(readonly=True, copy=False, index="btree_not_null")
    import_duplicate = fields.Boolean(
        "Possible Duplicate",
        copy=False,
        help="Imported although its email, phone, tax ID or company matched "
        "another lead or customer.",
    )

    crm_digital_team_leader_id = fields.Many2one(
        related="team_id.user_id", string="Team Leader"
    )
    crm_digital_last_activity_date = fields.Datetime(
        "Last Activity Done",
        default=fields.Datetime.now,
        readonly=True,
        copy=False,
        help="When an activity was last marked done (or the lead created): task "
        "rules count the days without activity from it.",
    )
    crm_digital_stage_history_ids = fields.One2many(
        "crm.digital.stage.history", "lead_id", "Stage History", readonly=True
    )
    # Stock's date_last_stage_update can be written by anyone: stuck
    # opportunities and task rules count from this one, which moves with the
    # stage history (_crm_digital_log_stages) and no user writes.
    crm_digital_stage_date = fields.Datetime(
        "In Stage Since",
        # The transaction's time, as the stage history's.
        default=lambda self: self.env.cr.now(),
        readonly=True,
        copy=False,
        index=True,
        help="When the lead entered its current stage, as the stage history has it.",
    )
    crm_digital_outcome = fields.Selection(
        [("open", "Open"), ("won", "Won"), ("cancelled", "Cancelled")],
        "Outcome",
        compute="_compute_crm_digital_outcome",
        store=True,
        index=True,
        help="Cancelled: marked as lost (stock archives it), with its reason.",
    )
    crm_digital_days_in_stage = fields.Integer(
        "Days in Stage",
        compute="_compute_crm_digital_stuck",
        help="Whole days since the opportunity entered its stage, as its stage "
        "history has it.",
    )
    # The stage bar's figures: the current stay in the current stage, all
    # stays in each earlier one, from the stage history (not stock's
    # tracking messages, which imports and integrations do not write).
    crm_digital_stage_seconds = fields.Json(
        "Time in Each Stage", compute="_compute_crm_digital_stage_seconds"
    )
    crm_digital_stuck = fields.Boolean(
        "Stuck",
        compute="_compute_crm_digital_stuck",
        search="_search_crm_digital_stuck",
        help="Open opportunity that has stayed in its stage longer than the "
        "stage allows.",
    )

    @api.depends("active", "probability", "stage_id.is_won")
    def _compute_crm_digital_outcome(self):
        for lead in self:
            # Stock's "lost": archived at probability 0, in the stage it had.
            if not lead.active and not lead.probability:
                lead.crm_digital_outcome = "cancelled"
            elif lead.stage_id._crm_digital_rules().won:
                lead.crm_digital_outcome = "won"
            else:
                lead.crm_digital_outcome = "open"

    @api.depends(
        "crm_digital_stage_date",
        "stage_id.crm_digital_stuck_days",
        "crm_digital_outcome",
        "type",
    )
    def _compute_crm_digital_stuck(self):
        now = fields.Datetime.now()
        for lead in self:
            since = lead.crm_digital_stage_date or lead.create_date or now
            limit = lead.stage_id.crm_digital_stuck_days
            lead.crm_digital_days_in_stage = (now - since).days
            lead.crm_digital_stuck = bool(
                limit
                and lead.type == "opportunity"
                and lead.crm_digital_outcome == "open"
                and since < now - timedelta(days=limit)
            )

    @api.depends("stage_id", "crm_digital_stage_date")
    def _compute_crm_digital_stage_seconds(self):
        now = fields.Datetime.now()
        stays = self.env["crm.digital.stage.history"].search_fetch(
            [("lead_id", "in", self._origin.ids)],
            ["lead_id", "stage_id", "date_entered", "date_left"],
        )
        seconds = defaultdict(lambda: defaultdict(int))
        for stay in stays:
            if stay.date_left:
                spent = (stay.date_left - stay.date_entered).total_seconds()
                seconds[stay.lead_id.id][stay.stage_id.id] += int(spent)
        for lead in self:
            figures = seconds[lead._origin.id]
            if lead.stage_id:
                since = lead.crm_digital_stage_date or lead.create_date or now
                figures[lead.stage_id.id] = int((now - since).total_seconds())
            lead.crm_digital_stage_seconds = {str(k): v for k, v in figures.items()}

    def _search_crm_digital_stuck(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search stuck opportunities with = or !=."))
        now = fields.Datetime.now()
        stays = [
            [
                ("stage_id", "=", stage.id),
                (
                    "crm_digital_stage_date",
                    "<",
                    now - timedelta(days=stage.crm_digital_stuck_days),
                ),
            ]
            for stage in self.env["crm.stage"].search(
                [("crm_digital_stuck_days", ">", 0)]
            )
        ]
        domain = expression.AND(
            [
                expression.OR(stays) if stays else expression.FALSE_DOMAIN,
                [("type", "=", "opportunity"), ("crm_digital_outcome", "=", "open")],
            ]
        )
        if (operator == "=") == value:
            return domain
        return ["!", *expression.normalize_domain(domain)]

    @api.depends("partner_id")
    def _compute_identity(self):
        for lead in self:
            company = lead.partner_id.commercial_partner_id
            lead.vat = lead.vat or company.vat
            lead.industry_id = lead.industry_id or company.industry_id
            lead.employee_band_id = lead.employee_band_id or company.employee_band_id

    def _compute_stage_id(self):
        # Stock looks the first stage up lead by lead; leads of one team share
        # it, which matters when thousands are created at once.
        first_stages = {}
        for lead in self.filtered(lambda lead: not lead.stage_id):
            if lead.team_id not in first_stages:
                first_stages[lead.team_id] = lead._stage_find(
                    domain=[("fold", "=", False)]
                )
            lead.stage_id = first_stages[lead.team_id]

    @api.model
    def default_get(self, fields):
        # A bulk creation (the lead import) asks the defaults of each lead in
        # one same context: they are computed once per batch.
        batch = self.env.context.get("crm_digital_batch")
        if not batch:
            return super().default_get(fields)
        cache = self.env.cr.cache.setdefault(("crm_digital_defaults", batch), {})
        key = (self.env.uid, self.env.su, tuple(fields))
        if key not in cache:
            cache[key] = super().default_get(fields)
        return dict(cache[key])

    @api.constrains("stage_id")
    def _check_crm_digital_stage_requirements(self):
        opportunities = self.filtered(lambda lead: lead.type == "opportunity")
        for stage, leads in opportunities.grouped("stage_id").items():
            required = stage._crm_digital_rules().required
            for lead in leads if required else ():
                missing = [name for name in required if not lead[name]]
                if missing:
                    raise ValidationError(
                        self.env._(
                            "To move %(lead)s to stage %(stage)s, fill in: %(fields)s.",
                            lead=lead.name,
                            stage=stage.name,
                            fields=", ".join(
                                self._fields[name]._description_string(self.env)
                                for name in missing
                            ),
                        )
                    )

    @api.constrains("vat", "country_id")
    def _check_vat(self):
        leads = self.filtered("vat")
        spain = self.env.ref("base.es") if leads else None
        for lead in leads:
            foreign = lead.vat[:2].isalpha() and not lead.vat.startswith("ES")
            if foreign or lead.country_id not in (spain, self.env["res.country"]):
                continue
            if not nif.is_valid(lead.vat):
                raise ValidationError(
                    self.env._(
                        "%(vat)s is not a valid Spanish NIF, CIF or NIE (lead "
                        "%(lead)s): check its digits and control letter.",
                        vat=lead.vat,
                        lead=lead.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("vat"):
                vals["vat"] = normalize_vat(vals["vat"])
            stage = self.env["crm.stage"].browse(vals.get("stage_id"))
            probability = stage._crm_digital_rules().probability
            if probability is not None and "probability" not in vals:
                vals["probability"] = probability
        proposals, undecided = self._crm_digital_assign_before(vals_list)
        leads = super().create(vals_list)
        # The fields computed here skip the creation triggers, which stock's
        # create hook runs next; an automation that still runs on them is
        # marked done for that hook (stock's feedback).
        leads.with_context(
            __action_feedback=True, **{CREATED: True}
        )._crm_digital_log_stages()
        leads.partner_id._crm_digital_lifecycle_changed()
        self._crm_digital_assign_after(leads, proposals, undecided)
        return leads

    def write(self, vals):
        if vals.get("vat"):
            vals["vat"] = normalize_vat(vals["vat"])
        customers = self.partner_id if LIFECYCLE_FIELDS & set(vals) else None
        moving = self.browse()
        if "stage_id" in vals:
            stage = self.env["crm.stage"].browse(vals["stage_id"])
            probability = stage._crm_digital_rules().probability
            if probability is not None and "probability" not in vals:
                vals["probability"] = probability
            moving = self.filtered(lambda lead: lead.stage_id != stage)
            if moving == self:
                vals["crm_digital_stage_date"] = self.env.cr.now()
        result = super().write(vals)
        if moving and moving != self:
            moving._crm_digital_owner().write(
                {"crm_digital_stage_date": self.env.cr.now()}
            )
        moving._crm_digital_log_stages(leaving=True)
        if customers is not None:
            (customers | self.partner_id)._crm_digital_lifecycle_changed()
        return result

    def unlink(self):
        customers = self.partner_id
        result = super().unlink()
        customers.exists()._crm_digital_lifecycle_changed()
        return result

    def _crm_digital_log_stages(self, leaving=False):
        """Open each lead's stay in its (new) stage, closing the one it left."""
        History = self.env["crm.digital.stage.history"].sudo()
        now = self.env.cr.now()
        previous = {}
        if leaving:
            stays = History.search(
                [("lead_id", "in", self.ids), ("date_left", "=", False)]
            )
            previous = {stay.lead_id.id: stay.stage_id.id for stay in stays}
            stays.write({"date_left": now})
        History.create(
            [
                {
                    "lead_id": lead.id,
                    "stage_id": lead.stage_id.id,
                    "previous_stage_id": previous.get(lead.id),
                    "team_id": lead.team_id.id,
                    "salesperson_id": lead.user_id.id,
                    "company_id": lead.company_id.id,
                    "date_entered": now,
                }
                for lead in self
                if lead.stage_id
            ]
        )

    def _prepare_customer_values(self, partner_name, is_company=False, parent_id=False):
        values = super()._prepare_customer_values(
            partner_name, is_company=is_company, parent_id=parent_id
        )
        # Identity belongs to the company; a lone contact is their own company.
        if is_company or not parent_id:
            values.update(
                vat=self.vat,
                industry_id=self.industry_id.id,
                employee_band_id=self.employee_band_id.id,
            )
        return values
