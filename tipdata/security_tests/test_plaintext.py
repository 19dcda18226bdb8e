"""No personal value appears in clear: not in the SQLite file, a PostgreSQL dump, the logs,
nor an error page (DEBUG off and on).

The suite runs once on SQLite and once on PostgreSQL (``DATABASE_URL``): the database-file scan
runs in the first, the ``pg_dump`` scan in the second, and each skips, saying so, in the other.
On PostgreSQL a missing ``pg_dump`` fails the test rather than skipping it.

The world holds demo-like personal data (names in Latin and Cyrillic, identity number, phone,
address, notes, a defendant's name, a call summary); it is then used through the pages and
the API the way staff would, including searches and bad input, before each scan.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import subprocess

import pytest
from django.db import connection
from django.test import Client

from tipdata.accounts.models import Role
from tipdata.security_tests.world import (
    CALL_SUMMARY,
    DEFENDANT_NAME,
    OVERRIDE_REASON,
    PERSONAL_VALUES,
    REFERRAL_NOTE,
    RESPONSE_NOTE,
    build_world,
)

CYRILLIC = {"family_name": "Ахметова", "given_name": "Жанна", "identity_number": "N07712345"}
SECRETS = [
    *PERSONAL_VALUES.values(),
    *CYRILLIC.values(),
    DEFENDANT_NAME,
    CALL_SUMMARY,
    REFERRAL_NOTE,
    RESPONSE_NOTE,
    OVERRIDE_REASON,
]


def leaks(data: bytes) -> list[str]:
    """The personal values found in ``data``, as UTF-8 or as JSON ``\\u`` escapes."""
    found = []
    for value in SECRETS:
        forms = {value.encode("utf-8"), json.dumps(value)[1:-1].encode("ascii")}
        if any(form in data for form in forms):
            found.append(value)
    return found


def use_the_system(world) -> None:
    """Staff at work: create, search, view personal data, make mistakes."""
    worker = world.users[Role.NGO_CASE_WORKER]
    client = Client()
    client.force_login(worker)
    from tipdata.testing.factories import verify_session

    verify_session(client, worker)
    org = worker.organisation.pk
    form = {
        "registered_by": org,
        "registered_on": "2020-06-01",
        "sex": "female",
        "age_group": "adult",
        "exploitation_forms": ["SexualExploitation"],
        **CYRILLIC,
    }
    assert client.post("/victims/victims/new/", form).status_code == 302
    bad = client.post("/victims/victims/new/", {**form, "registered_on": "2020-13-45"})
    assert bad.status_code == 400
    client.get("/victims/victims/", {"q": PERSONAL_VALUES["family_name"]})
    victim = world["victim_shelter"]
    panel = client.get(f"/victims/victims/{victim.pk}/personal/").content.decode()
    assert PERSONAL_VALUES["family_name"] in panel  # the user allowed to see it does
    client.get("/victims/victims/999999/")
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(worker)
    api.get(f"/api/victims/{victim.pk}/")
    api.post(
        "/api/victims/",
        {**form, "personal": {**CYRILLIC, "birth_date": "2004-01-01", "birth_year": 2003}},
        format="json",
    )
    client.get("/privacy/lookup/", {"identity_number": PERSONAL_VALUES["identity_number"]})


@pytest.fixture
def world(profile):
    return build_world()


def scanned(data: bytes, world) -> None:
    """``data`` is a real database holding the world, and no personal value is in it."""
    assert len(data) > 10_000  # the scan read a real database
    assert leaks(data) == []
    # the scan can find a value: the pseudonymous code is stored in clear, and is found
    assert world["victim_shelter"].code.encode() in data


@pytest.mark.django_db(transaction=True)
def test_no_personal_value_in_the_sqlite_file(world, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite file scan: runs when the suite runs on SQLite")
    use_the_system(world)
    target = tmp_path / "copy.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    scanned(target.read_bytes(), world)


@pytest.mark.django_db(transaction=True)
def test_no_personal_value_in_a_postgresql_dump(world):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump scan: runs when the suite runs on PostgreSQL (DATABASE_URL)")
    pg_dump = shutil.which("pg_dump")
    assert pg_dump is not None, "pg_dump is needed to scan a dump of the PostgreSQL database"
    use_the_system(world)
    db = connection.settings_dict
    command = [
        pg_dump,
        "--data-only",
        "--no-owner",
        "-h",
        db["HOST"] or "127.0.0.1",
        "-p",
        str(db["PORT"] or 5432),
        "-U",
        db["USER"],
        db["NAME"],
    ]
    password = {"PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else {}
    result = subprocess.run(  # noqa: S603
        command, capture_output=True, check=True, env={**os.environ, **password}
    )
    assert b"COPY public.victims_personaldata" in result.stdout
    assert b"COPY public.referrals_referral" in result.stdout
    scanned(result.stdout, world)


@pytest.mark.django_db
def test_no_personal_value_in_the_logs(world, caplog):
    caplog.set_level(logging.DEBUG)
    use_the_system(world)
    text = "\n".join(f"{r.getMessage()} {r.exc_text or ''} {r.args!r}" for r in caplog.records)
    assert "Not Found" in text or "Bad Request" in text  # requests were logged
    assert leaks(text.encode()) == []


@pytest.fixture
def failing(settings, world):
    settings.ROOT_URLCONF = "tipdata.security_tests.error_urls"
    worker = world.users[Role.NGO_CASE_WORKER]
    client = Client(raise_request_exception=False)
    client.force_login(worker)
    from tipdata.testing.factories import verify_session

    verify_session(client, worker)
    url = f"/__fail/{world['victim_shelter'].pk}/?q={PERSONAL_VALUES['family_name']}"
    return client, url


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True], ids=["production-500", "debug-technical-500"])
def test_no_personal_value_in_error_pages(failing, settings, caplog, debug):
    settings.DEBUG = debug
    client, url = failing
    response = client.post(url, {"family_name": CYRILLIC["family_name"]})
    assert response.status_code == 500
    page = response.content
    if debug:  # the technical page is there, with what a developer needs
        assert b"RuntimeError" in page and b"failed while handling record" in page
        assert b"full_name" in page and b"PersonalData" in page
    assert leaks(page) == []
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert "Internal Server Error" in logged and leaks(logged.encode()) == []
