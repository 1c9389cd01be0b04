# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Property-based fuzzing of the REST API from its own OpenAPI description
(schemathesis): whatever is sent, no operation answers 5xx, and every answer
matches what the description says of it. FUZZ_EXAMPLES sets the examples per
operation (few here; bench/api_fuzz.sh runs many)."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from conftest import URL, make_api_key

API = f"{URL}/crm_digital/api/v1"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4"))


@pytest.fixture(scope="session")
def api_schema():
    return schemathesis.openapi.from_url(f"{API}/openapi.json")


@pytest.fixture(scope="session")
def fuzz_key(admin, company):
    # Many requests in a row, from one key: no rate limit while fuzzing.
    admin("ir.config_parameter", "set_param", "crm_digital_api.rate_limit", "0")
    scopes = [
        row["code"]
        for row in admin("crm.digital.api.scope", "search_read", [], fields=["code"])
    ]
    key, _web = make_api_key(company["logins"]["manager"], scopes, name="fuzz")
    yield key
    admin("ir.config_parameter", "set_param", "crm_digital_api.rate_limit", "600")


# Subscribing made-up URLs would send the other tests' events to them.
SKIPPED = {("POST", "/webhooks")}


@pytest.mark.fuzz
def test_no_operation_fails_or_breaks_its_description(api_schema, fuzz_key):
    headers = {"Authorization": f"Bearer {fuzz_key}"}
    failures, tried = [], 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIPPED:
            continue
        tried += 1

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            # Every check but one: a valid request may still be refused by a
            # business rule (an id of no record, a reused Idempotency-Key),
            # with its documented 4xx.
            case.call_and_validate(
                headers=headers, timeout=60, excluded_checks=[positive_data_acceptance]
            )

        try:
            check()
        except (Exception, BaseExceptionGroup) as error:
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    assert tried > 30
    assert not failures, "\n\n".join(failures)
