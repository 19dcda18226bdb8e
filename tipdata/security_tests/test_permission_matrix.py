"""Every page and API endpoint, against every role, checked against the declared matrix.

The endpoints come from walking the URL configuration, so a new one that nobody declared in
``matrix.py`` fails ``test_every_endpoint_is_declared``. Each endpoint is requested as the
anonymous visitor and as one persona of each role (signed in with both factors), on a record
in that persona's scope and on one outside every scope.
"""

from __future__ import annotations

from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from tipdata.security_tests import matrix
from tipdata.testing.factories import persona

GENERIC = ("list", "detail", "create", "edit", "transition")
POSTED = {
    "logout",
    "linkage:run",
    "linkage:pair-decide",
    "linkage:merge-undo",
    "linkage-pair-confirm",
    "linkage-pair-reject",
    "linkage-merge-undo",
    "linkage-run-list",
    "tokens-revoke",
    "accounts:user-active",
    "audit:emergency-review",
    "set_language",
    "cases:criminalcase-unlink-victim",
    "criminalcase-link-victims",
    "criminalcase-unlink-victim",
}


@dataclass(frozen=True)
class Endpoint:
    name: str
    params: tuple[str, ...]
    api: bool


def _params(pattern: Any) -> tuple[str, ...]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters is not None and converters:
        return tuple(converters)
    return tuple(pattern.pattern.regex.groupindex)


def _walk(
    patterns: list[Any], ns: str = "", api: bool = False, route: str = ""
) -> Iterator[Endpoint]:
    """Every URL pattern under ``patterns``; one without a name is named after its route, so
    that it is reported as undeclared rather than skipped."""
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            prefix = route + str(p.pattern)
            yield from _walk(p.url_patterns, inner or "", api or str(p.pattern) == "api/", prefix)
        elif isinstance(p, URLPattern):
            params = _params(p)
            if "format" in params:
                continue  # the API's ".json" twins of each endpoint
            name = p.name or f"unnamed {route}{p.pattern}"
            yield Endpoint(f"{ns}:{name}" if ns else name, params, api)


def endpoints() -> list[Endpoint]:
    seen: dict[str, Endpoint] = {}
    for endpoint in _walk(get_resolver().url_patterns):
        if endpoint.name.startswith("admin:"):
            continue  # Django's admin: its own staff check, tested in test_admin_site
        seen.setdefault(endpoint.name, endpoint)
    return sorted(seen.values(), key=lambda e: e.name)


def _api_models() -> dict[str, Any]:
    from tipdata.urls import api_router

    found = {}
    for _prefix, viewset, basename in api_router.registry:
        record_type = getattr(viewset, "record_type", None)
        queryset = getattr(viewset, "queryset", None)
        model = record_type.model if record_type else getattr(queryset, "model", None)
        model = model or getattr(viewset, "model", None)
        if model is not None:
            found[basename] = (model._meta.label_lower, record_type)
    return found


def _page_models() -> dict[str, Any]:
    from tipdata.core.registry import REGISTRY

    return {key: (rt.model._meta.label_lower, rt) for key, rt in REGISTRY.items()}


def classify(endpoint: Endpoint) -> tuple[str, Any]:
    """("custom", table) | ("record-page", (label, table)) | ("generic", (label, kind, rt))."""
    if endpoint.name in matrix.CUSTOM:
        return "custom", matrix.CUSTOM[endpoint.name]
    if endpoint.name in matrix.RECORD_PAGES:
        return "record-page", matrix.RECORD_PAGES[endpoint.name]
    base, _, kind = endpoint.name.rpartition("-")
    models = _api_models() if endpoint.api else _page_models()
    if kind in GENERIC and base in models:
        label, record_type = models[base]
        if label in matrix.RECORDS:
            return "generic", (label, kind, record_type)
    return "undeclared", None


def test_every_endpoint_is_declared() -> None:
    missing = [e.name for e in endpoints() if classify(e)[0] == "undeclared"]
    assert not missing, f"declare these endpoints in security_tests/matrix.py: {missing}"


def test_a_new_endpoint_is_caught(settings: Any) -> None:
    """The walk reads the live URL configuration: endpoints added to it, named or not, come
    out undeclared (``error_urls`` is the real configuration plus two such endpoints)."""
    settings.ROOT_URLCONF = "tipdata.security_tests.error_urls"
    found = {e.name: classify(e)[0] for e in endpoints()}
    assert found["security-new-page"] == "undeclared"
    assert found["unnamed __fail/<int:pk>/"] == "undeclared"
    assert found["victims:victim-detail"] == "generic"  # the real ones are still there


# --- the world and its clients ---------------------------------------------------------------


@pytest.fixture(scope="module")
def world(module_world: Any, django_db_blocker: Any) -> Any:
    """The module's world (``conftest.py``) with a spare persona and every role's clients."""
    with django_db_blocker.unblock():
        module_world.spare = persona(matrix.NG, module_world.orgs["shelter"], username="w-spare")
        signed_in_clients(module_world)
    return module_world


def signed_in_clients(world: Any) -> None:
    """A page client (both factors passed) and an API client per role, and anonymous ones."""
    from tipdata.testing.factories import verify_session

    target = world
    target.clients = {}
    for role, user in world.users.items():
        client = Client()
        client.force_login(user)
        verify_session(client, user)
        api = APIClient()
        api.force_authenticate(user)
        target.clients[role] = (client, api)
    target.clients["anonymous"] = (Client(), APIClient())


def obj(world: Any, key: str | None) -> Any:
    from tipdata.profiles.models import AgencyType, Country, ExchangeRate, PenalArticle, Region

    if key is None:
        return None
    if key.startswith("org:"):
        return world.orgs[key[4:]]
    reference = {
        "region": lambda: Region.objects.filter(code="ALA").first(),
        "article": lambda: PenalArticle.objects.first(),
        "agencytype": lambda: AgencyType.objects.first(),
        "exchangerate": lambda: ExchangeRate.objects.first(),
        "country": lambda: Country.objects.get(code="UZ"),
    }
    return reference[key]() if key in reference else world.records[key]


def url_for(endpoint: Endpoint, record: Any = None, world: Any = None) -> str:
    linked = record.victims.first() if hasattr(record, "victims") else None
    values = {
        "pk": getattr(record, "pk", 999999),
        "victim_pk": getattr(linked, "pk", 999999),
        "name": "x",
        "decision": "confirm",
        "code": "PROS_INVESTIGATIONS_NEW",
        "year": 2020,
        "fmt": "json",
        "uidb64": "MQ",
        "token": "set-password",
        "id": getattr(record, "pk", 999999),
        "kind": "victims",  # intake:template
        "language": "en",
    }
    if "code" in endpoint.params and record is not None and hasattr(record, "code"):
        values["code"] = record.pk if endpoint.api else values["code"]
    return reverse(endpoint.name, kwargs={p: values[p] for p in endpoint.params})


def request(world: Any, who: Any, endpoint: Endpoint, url: str, method: str = "") -> Any:
    """One request, its effects rolled back: each role meets the same world."""
    client, api = world.clients[who]
    method = method or ("post" if endpoint.name in POSTED else "get")
    cookies = deepcopy(client.cookies)  # signing out must not sign the persona out
    with transaction.atomic():
        if endpoint.api:
            response = getattr(api, method)(url, {}, format="json")
        else:
            response = getattr(client, method)(url)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response


def check(response: Any, expected: Any, endpoint: Endpoint, who: Any, url: str) -> None:
    status = response.status_code
    where = f"{who} {response.request['REQUEST_METHOD']} {url} ({endpoint.name})"
    if expected == matrix.SIGN_IN:
        if endpoint.api:
            assert status == 401, f"{where}: {status}, expected 401"
        else:
            assert status == 302 and response["Location"].startswith("/accounts/login/"), (
                f"{where}: {status} {response.get('Location', '')}, expected the sign-in page"
            )
        return
    assert status in expected, f"{where}: {status}, expected {sorted(expected)}"


def custom_record(world: Any, endpoint: Endpoint) -> Any:
    """The record a custom endpoint is asked about (None: a made-up id, nothing there)."""
    from tipdata.audit.models import AuditEntry

    if endpoint.name.startswith("accounts:user-"):
        return world.spare  # the administrator deactivates it
    if endpoint.name.startswith(("audit:entry", "auditentry")):
        return AuditEntry.objects.order_by("id").first()
    if endpoint.name == "historicalvalue-detail":
        from tipdata.indicators.models import HistoricalValue

        return HistoricalValue.objects.first()
    return None


def run_custom(world: Any, endpoint: Endpoint, table: dict) -> None:
    record = custom_record(world, endpoint)
    url = url_for(endpoint, record)
    for who in ("anonymous", *table.get("roles", matrix.ROLES)):
        expected = table.get(who, matrix.SIGN_IN)
        if expected is matrix.OK and record is None and "pk" in endpoint.params:
            expected = matrix.HIDDEN  # nothing to show at that id
        check(request(world, who, endpoint, url), expected, endpoint, who, url)


def run_record_page(world: Any, endpoint: Endpoint, spec: tuple) -> None:
    label, table, *override = spec
    grants = matrix.RECORDS[label]
    foreign = obj(world, grants["foreign"])
    check(
        request(world, "anonymous", endpoint, url_for(endpoint, foreign)),
        matrix.SIGN_IN,
        endpoint,
        "anonymous",
        url_for(endpoint, foreign),
    )
    for role in matrix.ROLES:
        grant = grants[role]
        url = url_for(endpoint, foreign)
        if "F" not in grant.rights:
            check(request(world, role, endpoint, url), matrix.HIDDEN, endpoint, role, url)
        elif not override:  # the foreign record is one more probe
            check(request(world, role, endpoint, url), table[role], endpoint, role, url)
        if grant.probe and "d" in grant.rights:
            url = url_for(endpoint, obj(world, override[0] if override else grant.probe))
            check(request(world, role, endpoint, url), table[role], endpoint, role, url)


def generic_cases(
    endpoint: Endpoint, kind: str, grant: Any, world: Any, grants: dict, has_steps: bool
) -> list:
    """(record, method, expected) for one role on one generic endpoint."""
    r = grant.rights
    probe = obj(world, grant.probe) if grant.probe and "d" in r else None
    foreign = obj(world, grants["foreign"])
    seen_foreign = matrix.OK if "F" in r else matrix.HIDDEN
    if kind == "list":
        allowed = matrix.OK if "l" in r else matrix.DENIED
        cases = [(None, "get", allowed)]
        if endpoint.api:
            created = frozenset({400}) if "c" in r else matrix.DENIED
            cases.append((None, "post", created))
        return cases
    if kind == "create":
        return [(None, "get", matrix.OK if "c" in r else matrix.DENIED)]
    if kind == "detail":
        cases = [(foreign, "get", seen_foreign)]
        if probe is not None:
            cases.append((probe, "get", matrix.OK))
            if endpoint.api:
                changed = frozenset({200, 400})  # past access control; may be invalid
                cases.append((probe, "patch", changed if "e" in r else matrix.DENIED))
        if endpoint.api and "F" not in r:
            cases.append((foreign, "patch", matrix.HIDDEN))
        return cases
    if kind == "edit":
        edit = matrix.OK if "e" in r else matrix.DENIED
        cases = [(foreign, "get", edit if "F" in r else matrix.HIDDEN)]
        return [*cases, (probe, "get", edit)] if probe is not None else cases
    # transition: its service decides (supervisory steps exist); out of scope is 404, and
    # so is a step that the record type does not have
    reach = matrix.REACH if "F" in r and has_steps else matrix.HIDDEN
    cases = [(foreign, "post", reach)]
    step = matrix.REACH if has_steps else matrix.HIDDEN
    return [*cases, (probe, "post", step)] if probe is not None else cases


def run_generic(world: Any, endpoint: Endpoint, spec: tuple[str, str, Any]) -> None:
    label, kind, record_type = spec
    grants = matrix.RECORDS[label]
    step = record_type.transitions[0].name if record_type and record_type.transitions else "x"

    def url(record: Any) -> str:
        key = getattr(record, "pk", 0)
        values = {"pk": key, "id": key, "code": key, "name": step}
        return reverse(endpoint.name, kwargs={p: values[p] for p in endpoint.params})

    anonymous_record = obj(world, grants["foreign"]) if endpoint.params else None
    method = "post" if kind == "transition" else "get"
    check(
        request(world, "anonymous", endpoint, url(anonymous_record), method),
        matrix.SIGN_IN,
        endpoint,
        "anonymous",
        url(anonymous_record),
    )
    for role in matrix.ROLES:
        cases = generic_cases(endpoint, kind, grants[role], world, grants, step != "x")
        for record, verb, expected in cases:
            if record_type is None and verb in ("post", "patch"):
                expected = frozenset({405})  # reference data is read-only through the API
            target = url(record)
            check(request(world, role, endpoint, target, verb), expected, endpoint, role, target)


@pytest.mark.django_db
def test_every_endpoint_against_every_role(world: Any) -> None:
    """One test over all endpoints (one world, each request rolled back): every mismatch is
    listed at the end rather than stopping at the first."""
    runners = {"custom": run_custom, "record-page": run_record_page, "generic": run_generic}
    mismatches = []
    checked = 0
    for endpoint in endpoints():
        kind, spec = classify(endpoint)
        if kind == "undeclared":
            continue  # reported by test_every_endpoint_is_declared
        try:
            runners[kind](world, endpoint, spec)
        except AssertionError as error:
            mismatches.append(str(error).splitlines()[0])
        checked += 1
    assert checked > 200
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.django_db
def test_admin_site(world: Any) -> None:
    """Django's admin: staff only (the administrator persona), others sent to its sign-in."""
    for who in ("anonymous", *matrix.ROLES):
        response = world.clients[who][0].get("/admin/")
        if who == matrix.AD:
            assert response.status_code == 200
        else:
            assert response.status_code == 302 and "/admin/login/" in response["Location"], who


@pytest.mark.django_db
def test_records_are_never_deleted_through_the_api(world: Any) -> None:
    api = world.clients[matrix.AD][1]
    response = api.delete(f"/api/victims/{world.records['victim_shelter'].pk}/")
    assert response.status_code == 405
