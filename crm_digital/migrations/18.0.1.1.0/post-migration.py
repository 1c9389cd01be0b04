# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Kit Digital figures of each segment moved from code onto the employee
bands; the bands are not updated from their data file (the consultant may have
edited them), so existing databases get the figures here."""

from odoo import SUPERUSER_ID, api

FIGURES = {
    "crm_digital.employee_band_0_2": (1, 30),
    "crm_digital.employee_band_3_9": (1, 30),
    "crm_digital.employee_band_10_49": (3, 40),
    "crm_digital.employee_band_50_99": (10, 60),
    "crm_digital.employee_band_100_249": (15, 70),
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, (users, hours) in FIGURES.items():
        band = env.ref(xmlid, raise_if_not_found=False)
        if band and not band.kit_digital_users and not band.kit_digital_hours:
            band.write({"kit_digital_users": users, "kit_digital_hours": hours})
