"""Fuzzing the API from its own OpenAPI schema: no input makes it fail with a 5xx.

schemathesis reads ``/api/schema/`` from the WSGI application in this process (no network)
and, for every operation, generates requests from the schema (valid and broken bodies, query
strings and path parameters) sent as an authenticated administrator, who may call every
endpoint. A bounded, reproducible number of examples per operation keeps it to about a
minute; ``TIPDATA_FUZZ_EXAMPLES`` raises it for a longer hunt.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings

from tipdata.accounts.tokens import issue_token
from tipdata.security_tests.world import build_world

EXAMPLES = int(os.environ.get("TIPDATA_FUZZ_EXAMPLES", "12"))


def fuzz(operation: Any, headers: dict[str, str], failures: list[str]) -> None:
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        response = case.call(headers=headers)
        if response.status_code >= 500 and len(failures) < 20:
            failures.append(
                f"{case.method} {case.formatted_path} -> {response.status_code} "
                f"(query={case.query!r}, body={str(case.body)[:200]!r})"
            )

    run()


@pytest.mark.django_db
def test_no_server_error_for_any_input(profile: Any) -> None:
    import schemathesis

    from tipdata.wsgi import application

    world = build_world()
    admin = world.users["admin"]
    _token, secret = issue_token(actor=None, user=admin, name="fuzz")
    headers = {"Authorization": f"Token {secret}"}
    failures: list[str] = []
    operations = 0
    # Like Django's test client: the test's transaction must survive the end of each request.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
        for result in schema.get_all_operations():
            operation = result.ok()
            operations += 1
            fuzz(operation, headers, failures)
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    assert operations > 50  # the whole API was walked
    assert not failures, "server errors:\n" + "\n".join(failures)
