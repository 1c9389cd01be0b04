# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import CrmDigitalCommon


@tagged("post_install", "-at_install")
class TestLeadIdentity(CrmDigitalCommon):
    def test_spanish_tax_id_is_checked_and_stored_as_odoo_does(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Cerámicas",
                "vat": "b-12345674",
                "country_id": self.env.ref("base.es").id,
            }
        )
        self.assertEqual(lead.vat, "ESB12345674")
        lead.vat = "12345678z"
        self.assertEqual(lead.vat, "ES12345678Z")
        lead.vat = "X1234567L"
        self.assertEqual(lead.vat, "ESX1234567L")

    def test_wrong_control_letter_says_what_to_fix(self):
        with self.assertRaisesRegex(
            ValidationError, "12345678A is not a valid Spanish NIF"
        ):
            self.env["crm.lead"].create({"name": "Mal NIF", "vat": "12345678A"})

    def test_foreign_vat_is_not_judged_as_spanish(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Lyon",
                "vat": "FR40303265045",
                "country_id": self.env.ref("base.fr").id,
            }
        )
        self.assertEqual(lead.vat, "FR40303265045")

    def test_identity_goes_to_the_customer_on_conversion(self):
        band = self.env.ref("crm_digital.employee_band_10_49")
        industry = self.env.ref("base.res_partner_industry_J")
        lead = self.env["crm.lead"].create(
            {
                "name": "Web para Turia",
                "partner_name": "Turia Software, S.L.",
                "contact_name": "Lucía Pérez",
                "vat": "B12345674",
                "industry_id": industry.id,
                "employee_band_id": band.id,
                "user_id": self.user_salesperson.id,
            }
        )
        wizard = Form(
            self.env["crm.lead2opportunity.partner"].with_context(
                active_model="crm.lead", active_id=lead.id, active_ids=lead.ids
            )
        )
        wizard.action = "create"
        wizard.save().action_apply()
        company = lead.partner_id.commercial_partner_id
        self.assertEqual(company.name, "Turia Software, S.L.")
        self.assertEqual(company.vat, "ESB12345674")
        self.assertEqual(company.industry_id, industry)
        self.assertEqual(company.employee_band_id, band)
        self.assertEqual(lead.partner_id.name, "Lucía Pérez")
        self.assertEqual(lead.partner_id.parent_id, company)

    def test_an_existing_customer_brings_its_identity_to_a_new_lead(self):
        company = self.env["res.partner"].create(
            {
                "name": "Hotel Albufera",
                "is_company": True,
                "vat": "ESA58818501",
                "industry_id": self.env.ref("base.res_partner_industry_I").id,
                "employee_band_id": self.env.ref("crm_digital.employee_band_3_9").id,
            }
        )
        lead = self.env["crm.lead"].create(
            {"name": "Reservas", "partner_id": company.id}
        )
        self.assertEqual(lead.vat, "ESA58818501")
        self.assertEqual(lead.industry_id.full_name, company.industry_id.full_name)
        self.assertEqual(lead.employee_band_id.kit_digital_segment, "II")
