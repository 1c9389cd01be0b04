# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from pathlib import Path
from xml.etree import ElementTree

from odoo.tests import TransactionCase, new_test_user
from odoo.tools import SQL

from ..engine.lead_file import read_lead_file

DATA = Path(__file__).resolve().parents[1] / "data"
BAND_DATA = DATA / "crm_digital_employee_band_data.xml"
SECTOR_DATA = DATA / "crm_digital_sector_alias_data.xml"


def _records(path):
    root = ElementTree.parse(path).getroot()  # noqa: S314 - our own data file
    for record in root.iter("record"):
        yield {field.get("name"): field for field in record.iter("field")}


def shipped_bands():
    """The employee bands the addon ships, (code, least, most or None), as
    the engine takes them from the records: for tests without a database."""
    bands = []
    for fields in _records(BAND_DATA):
        most = fields.get("max_employees")
        bands.append(
            (
                fields["code"].text,
                int(fields["min_employees"].get("eval")),
                int(most.get("eval")) if most is not None else None,
            )
        )
    return tuple(sorted(bands, key=lambda band: band[1]))


def shipped_sector_names():
    """The sector names the addon ships, {name: CNAE section letter}."""
    return {
        fields["name"].text: fields["industry_id"].get("ref")[-1]
        for fields in _records(SECTOR_DATA)
    }


class CrmDigitalCommon(TransactionCase):
    """Two teams, their people in each sales role, and one opportunity each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # The default task rules add activities everywhere: tested on their own.
        cls.env["crm.digital.task.rule"].search([("active", "=", True)]).active = False
        cls.user_salesperson = new_test_user(
            cls.env, "crmd_salesperson", groups="sales_team.group_sale_salesman"
        )
        cls.user_salesperson_other = new_test_user(
            cls.env, "crmd_salesperson_other", groups="sales_team.group_sale_salesman"
        )
        cls.user_leader = new_test_user(
            cls.env,
            "crmd_leader",
            groups="crm_digital.group_crm_digital_team_leader",
        )
        cls.user_manager = new_test_user(
            cls.env, "crmd_manager", groups="sales_team.group_sale_manager"
        )
        cls.user_consultant = new_test_user(
            cls.env,
            "crmd_consultant",
            groups="crm_digital.group_crm_digital_consultant",
        )
        cls.team_led = cls.env["crm.team"].create(
            {
                "name": "Ventas Directas",
                "user_id": cls.user_leader.id,
                "member_ids": [cls.user_leader.id, cls.user_salesperson.id],
            }
        )
        cls.team_other = cls.env["crm.team"].create(
            {"name": "Canal Partners", "member_ids": [cls.user_salesperson_other.id]}
        )
        cls.lead_own = cls._opportunity(
            "Renovación licencias Levante", cls.user_salesperson, cls.team_led
        )
        cls.lead_leader = cls._opportunity(
            "Implantación ERP Turia", cls.user_leader, cls.team_led
        )
        cls.lead_other = cls._opportunity(
            "Consultoría Bodegas Rioja", cls.user_salesperson_other, cls.team_other
        )

    @classmethod
    def _backdate(cls, lead, **dates):
        """Sets dates the ORM keeps to itself (create_date, date_closed...),
        as a lead created or closed in the past has them."""
        cls.env.flush_all()
        cls.env.cr.execute(
            SQL(
                "UPDATE crm_lead SET %s WHERE id = %s",
                SQL(", ").join(
                    SQL("%s = %s", SQL.identifier(column), value)
                    for column, value in dates.items()
                ),
                lead.id,
            )
        )
        lead.invalidate_recordset(list(dates))

    @classmethod
    def _opportunity(cls, name, user, team):
        return cls.env["crm.lead"].create(
            {
                "name": name,
                "type": "opportunity",
                "user_id": user.id,
                "team_id": team.id,
                "expected_revenue": 12000,
            }
        )

    def _lead_import(self, file_name, data, user=None, **values):
        """A lead import of ``data`` (bytes or text) by ``user``, not run yet."""
        if isinstance(data, str):
            data = data.encode()
        return (
            self.env["crm.digital.lead.import"]
            .with_user(user or self.env.user)
            .create({"file_name": file_name, "file": base64.b64encode(data), **values})
        )

    @staticmethod
    def _read_report(data, file_name):
        """A file an import gives back (rejected, skipped, problems), as read."""
        return read_lead_file(base64.b64decode(data), file_name)
