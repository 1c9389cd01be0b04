# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Values out of bounds and fields the product keeps, sent by a salesperson's
own XML-RPC client: refused with a message, never stored nor a crash."""

import xmlrpc.client

import pytest

from conftest import Odoo


@pytest.fixture
def salesperson(company):
    login = company["logins"]["salesperson"]
    return Odoo(login, login)


def _fault(call):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        call()
    return caught.value.faultString


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": "x" * 1_000_000}, "at most 1000 are allowed"),
        ({"expected_revenue": float("inf")}, "must be a number between"),
        ({"expected_revenue": -1e12}, "cannot be negative"),
        ({"date_deadline": "0000-01-01"}, "between the years 1900 and 2199"),
        ({"email_from": "a@b.es\r\nBcc: all@b.es"}, "line break"),
    ],
)
def test_out_of_bounds_values_are_refused(salesperson, company, values, message):
    lead_id = company["leads"]["salesperson"]
    fault = _fault(lambda: salesperson("crm.lead", "write", [lead_id], values))
    assert message in fault
    assert "OverflowError" not in fault
    name = salesperson("crm.lead", "read", [lead_id], ["name"])[0]["name"]
    assert len(name) < 1000


def test_fields_the_product_keeps_are_refused(salesperson, company):
    lead_id = company["leads"]["salesperson"]
    for values in (
        {"crm_digital_last_activity_date": "2020-01-01 00:00:00"},
        {"import_key": "0" * 40},
    ):
        fault = _fault(
            lambda values=values: salesperson("crm.lead", "write", [lead_id], values)
        )
        assert "kept by CRM Digital itself" in fault
    fault = _fault(
        lambda: salesperson(
            "crm.lead", "create", [{"name": "Trampa", "import_key": "k"}]
        )
    )
    assert "kept by CRM Digital itself" in fault
