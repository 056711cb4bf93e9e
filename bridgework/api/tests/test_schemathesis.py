"""The whole OpenAPI spec, fuzzed in-process against the WSGI app with a real token: no server errors and
no response that breaks the spec (status code, content type, body schema)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bridgework.people.services.tokens import issue_token

EXAMPLES_PER_OPERATION = 100
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Not negative_data_rejection: the API ignores unknown query parameters (as most do), and the fixed bearer
# token defeats its "drop a required header" mutation. Negative cases still must not cause a server error
# and must answer with a documented status and body.


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Like django.test.Client: the WSGI app must not close the connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("keep_test_connection")
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_honours_its_spec(world, mode, settings):  # type: ignore[no-untyped-def]
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]  # schemathesis calls the WSGI app as localhost
    token = issue_token(centre=world.a.centre, user=world.a.admin, name="schemathesis").secret
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):  # type: ignore[no-untyped-def]
            case.call_and_validate(headers=headers, checks=CHECKS)

        run()
