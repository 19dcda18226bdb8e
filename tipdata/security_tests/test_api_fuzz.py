"""Fuzzing the API from its own OpenAPI schema: no input makes it fail with a 5xx.

schemathesis reads ``/api/schema/`` from the WSGI application in this process (no network)
and, for every operation, generates requests from the schema (valid and broken bodies, query
strings and path parameters) sent as an authenticated administrator, who may call every
endpoint. The number of examples per operation follows its input surface (``examples_for``):
an operation with a body or many filters gets the full ``TIPDATA_FUZZ_EXAMPLES`` (default
12), one with a single path parameter a few; derandomised, so a run is reproducible. Raise
``TIPDATA_FUZZ_EXAMPLES`` for a longer hunt.
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

EXAMPLES = int(os.environ.get("TIPDATA_FUZZ_EXAMPLES", "12"))
# Examples per parameter of an operation without a body: a detail endpoint's one id needs
# a few (a word, a negative, a huge number), a list with four filters the full count.
PER_PARAMETER = 3


def examples_for(operation: Any) -> int:
    """How many requests to generate for ``operation``, in proportion to what it takes in.

    Bodies (create, update) are where validation errors hide, so they always get the full
    number; otherwise three per query or path parameter, at least one, at most the full number.
    """
    definition = operation.definition.raw
    if definition.get("requestBody"):
        return EXAMPLES
    return max(1, min(EXAMPLES, PER_PARAMETER * len(definition.get("parameters", []))))


def fuzz(operation: Any, headers: dict[str, str], failures: list[str]) -> None:
    @hypothesis_settings(
        max_examples=examples_for(operation),
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
def test_no_server_error_for_any_input(module_world: Any) -> None:
    import schemathesis

    from tipdata.wsgi import application

    admin = module_world.users["admin"]
    _token, secret = issue_token(actor=None, user=admin, name="fuzz")
    headers = {"Authorization": f"Token {secret}"}
    failures: list[str] = []
    operations = 0
    steps_with_bodies = 0
    # Like Django's test client: the test's transaction must survive the end of each request.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
        for result in schema.get_all_operations():
            operation = result.ok()
            operations += 1
            raw = operation.definition.raw
            if "/transitions/" in operation.path and raw.get("requestBody"):
                steps_with_bodies += 1
            fuzz(operation, headers, failures)
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    assert operations > 100  # the whole API was walked (136 operations in November 2026)
    # Steps are fuzzed with their real names and their forms' fields, not only unknown paths.
    assert steps_with_bodies >= 5  # 7 in November 2026: the types whose steps take fields
    assert not failures, "server errors:\n" + "\n".join(failures)


def test_examples_follow_the_input_surface() -> None:
    """The budget shrinks only where the inputs are few; bodies keep the full number."""

    class Operation:
        def __init__(self, raw: dict[str, Any]) -> None:
            self.definition = type("Definition", (), {"raw": raw})()

    one_id = Operation({"parameters": [{"name": "id"}]})
    filters = Operation({"parameters": [{"name": n} for n in "abcdefgh"]})
    body = Operation({"parameters": [{"name": "id"}], "requestBody": {"content": {}}})
    assert examples_for(Operation({})) == 1
    assert examples_for(one_id) == min(EXAMPLES, PER_PARAMETER)
    assert examples_for(filters) == EXAMPLES == examples_for(body)
