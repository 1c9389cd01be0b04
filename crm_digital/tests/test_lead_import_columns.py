# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CrmDigitalCommon

# A Spanish SME's own spreadsheet, as saved by Excel in Spain.
SPANISH_FILE = (
    "Empresa;Nombre;Apellidos;Correo electrónico;Teléfono;NIF;Provincia;"
    "Código postal;Importe previsto;Fecha de alta;Origen;Notas\n"
    "Hornos Alzira, S.L.;Rosa;Navarro Gil;rosa@hornosalzira.es;962 41 33 70;"
    "B12548731;Valencia;46600;12.500,00;03/02/2024;Feria;Quiere presupuesto\n"
    "Riegos Turia, S.A.;Pablo;Sanz;pablo@riegosturia.es;961 55 12 34;;Valencia;"
    "46900;3.000;15/01/2025;Web;\n"
)


@tagged("post_install", "-at_install")
class TestLeadImportColumns(CrmDigitalCommon):
    """Every column of a file ends somewhere: in the field a template or the
    user maps it to, else in the notes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.crm_digital_import_background_rows = 0

    def test_spanish_headers_fill_the_lead_and_the_rest_goes_to_the_notes(self):
        job = self._lead_import("clientes.csv", SPANISH_FILE)
        self.assertEqual(job.template_id.code, "crm_digital")
        targets = {column.name: column.target for column in job.column_ids}
        self.assertEqual(targets["Fecha de alta"], "extra_notes")
        self.assertEqual(targets["Correo electrónico"], "email_from")
        self.assertIn("Fecha de alta", job.preview)
        job.action_import()
        lead = job.lead_ids.filtered(
            lambda lead: lead.partner_name.startswith("Hornos")
        )
        self.assertEqual(lead.email_from, "rosa@hornosalzira.es")
        self.assertEqual(lead.contact_name, "Rosa Navarro Gil")
        self.assertEqual(lead.expected_revenue, 12500)
        self.assertEqual(lead.vat, "ESB12548731")
        self.assertIn("Quiere presupuesto", lead.description)
        self.assertIn("Fecha de alta: 03/02/2024", lead.description)

    def test_a_column_mapped_by_hand_is_kept_as_a_template_for_next_time(self):
        data = (
            "Cliente;Persona;Puesto de trabajo;Correo\n"
            "Gráficas Sol;Sergio Martín;Gerente;sergio@graficassol.es\n"
        )
        job = self._lead_import("feria.csv", data, user=self.user_salesperson)
        position = job.column_ids.filtered(lambda c: c.name == "Puesto de trabajo")
        self.assertEqual(position.target, "extra_notes")
        job.column_ids.filtered(lambda c: c.name == "Cliente").target = "partner_name"
        job.column_ids.filtered(lambda c: c.name == "Persona").target = "contact_name"
        position.target = "function"
        job.action_save_template()
        template = job.template_id
        self.assertFalse(template.code)
        # Saving again changes that template, not another one's.
        job.action_save_template()
        self.assertEqual(job.template_id, template)
        self.assertEqual(len(template.column_ids), 4)
        job.action_import()
        self.assertEqual(job.lead_ids.function, "Gerente")
        self.assertEqual(job.lead_ids.partner_name, "Gráficas Sol")
        # The next file with these columns is read the same way.
        again = self._lead_import(
            "feria-2.csv",
            data.replace("sergio@", "ana@").replace("Sergio", "Ana"),
            user=self.user_salesperson,
        )
        self.assertEqual(again.template_id, template)
        self.assertEqual(
            again.column_ids.filtered(lambda c: c.name == "Puesto de trabajo").target,
            "function",
        )

    def test_employee_counts_go_to_the_bands_the_database_has(self):
        # The consultant splits "250 or more": the import follows the records.
        Band = self.env["crm.digital.employee.band"]
        self.env.ref("crm_digital.employee_band_250").max_employees = 499
        big = Band.create({"name": "500 o más", "code": "500+", "min_employees": 500})
        data = "Empresa;Empleados\nGrupo Turia;620\nCerámicas Onda;Más de 300\n"
        job = self._lead_import("grandes.csv", data)
        job.action_import()
        bands = {lead.partner_name: lead.employee_band_id for lead in job.lead_ids}
        self.assertEqual(bands["Grupo Turia"], big)
        self.assertEqual(
            bands["Cerámicas Onda"], self.env.ref("crm_digital.employee_band_250")
        )

    def test_sectors_are_found_by_the_names_the_database_has(self):
        # A name the consultant adds, beside those that ship (Hostelería).
        hospitality = self.env.ref("base.res_partner_industry_I")
        self.env["crm.digital.sector.alias"].create(
            {"name": "Turismo rural", "industry_id": hospitality.id}
        )
        data = "Empresa;CNAE\nCasa Rural Ademuz;Turismo rural\nMesón Utiel;Hostelería\n"
        job = self._lead_import("sectores.csv", data)
        job.action_import()
        self.assertEqual(len(job.lead_ids), 2)
        self.assertEqual(job.lead_ids.industry_id, hospitality)

    def test_countries_are_found_by_name_or_code_and_never_guessed(self):
        rows = [
            ("Alemania", "DE"),
            ("Germany", "DE"),
            ("Reino Unido", "GB"),
            ("Estados Unidos", "US"),
            ("Irlanda", "IE"),
            ("Países Bajos", "NL"),
            ("FR", "FR"),
            ("Narnia", False),
        ]
        data = "Empresa;Email;País\n" + "".join(
            f"Empresa {n};p{n}@x{n}.es;{name}\n" for n, (name, _code) in enumerate(rows)
        )
        job = self._lead_import("paises.csv", data)
        job.action_import()
        leads = job.lead_ids.sorted(lambda lead: int(lead.partner_name.split()[-1]))
        self.assertEqual(len(leads), len(rows), "an unknown country rejects nothing")
        self.assertEqual(
            [lead.country_id.code for lead in leads], [code for _n, code in rows]
        )
        narnia = leads[-1]
        self.assertFalse(narnia.country_id)
        self.assertIn("Country: Narnia", narnia.description)
        self.assertEqual(job.warning_count, 1)
        problems = self._read_report(job.warning_file, job.warning_file_name).rows
        self.assertEqual([row.values[2] for row in problems], ["Narnia"])
        self.assertIn('Country "Narnia" does not exist.', problems[0].values[-1])

    def test_a_column_marked_strict_rejects_the_row_of_an_unknown_country(self):
        job = self._lead_import(
            "paises.csv", "Empresa;Email;País\nUna;a@b.es;Narnia\nOtra;c@d.es;España\n"
        )
        job.column_ids.filtered(lambda c: c.name == "País").strict = True
        job.action_import()
        self.assertEqual((job.created_count, job.rejected_count), (1, 1))

    def test_templates_are_changed_only_by_consultants(self):
        hubspot = self.env["crm.digital.import.template"].search(
            [("code", "=", "hubspot")]
        )
        Column = self.env["crm.digital.import.template.column"]
        with self.assertRaises(AccessError):
            Column.with_user(self.user_salesperson).create(
                {"template_id": hubspot.id, "name": "Company Name", "target": "city"}
            )
        with self.assertRaises(AccessError):
            hubspot.with_user(self.user_salesperson).name = "Mía"

    def test_an_upgrade_gives_ready_templates_the_columns_they_lack(self):
        template = self.env["crm.digital.import.template"].search(
            [("code", "=", "crm_digital")]
        )
        template.column_ids.filtered(lambda c: c.name == "Correo electrónico").unlink()
        own = self.env["crm.digital.import.template.column"].create(
            {"template_id": template.id, "name": "Mi columna", "target": "city"}
        )
        template._load_ready_templates()
        names = template.column_ids.mapped("name")
        self.assertEqual(names.count("Correo electrónico"), 1)
        self.assertIn(own, template.column_ids, "what the consultant added stays")
