"""schemathesis over the API's own OpenAPI document (issue 22): every operation with generated
values, valid and invalid, each answer checked against the document (status, content type,
schema; a valid request must not be refused, an invalid one must be). Bounded: a few hundred
cases in all, derandomised, a few seconds. (schemathesis's pytest fixture loader does not run
under pytest 9, so the operations are walked here with Hypothesis directly.)"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings, strategies as st
from schemathesis import GenerationMode

EXAMPLES = 6  # per operation and mode: ~24 operations × 2 modes, about 300 cases


@pytest.fixture(scope="module")
def operations(dash_app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", dash_app.server)
    found = [result.ok() for result in schema.get_all_operations()]
    assert len(found) > 20
    return found


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda mode: mode.value)
def test_the_api_answers_as_its_openapi_document_says(operations, mode):
    for operation in operations:
        if mode is GenerationMode.NEGATIVE and not list(operation.iter_parameters()):
            continue  # nothing to get wrong
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(data=st.data())
        def check(data):
            case = data.draw(operation.as_strategy(generation_mode=mode))
            case.call_and_validate(headers={"Accept-Encoding": "identity"})  # the WSGI client does not decompress

        try:
            check()
        except Exception as error:
            raise AssertionError(f"{operation.label}: {error}") from error
