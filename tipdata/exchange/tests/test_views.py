"""The exchange page and its downloads: who may take what, scoped and audited."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tipdata.audit.models import Action, AuditEntry
from tipdata.intake.formats.ctdc import read_ctdc
from tipdata.intake.formats.glotip import read_glotip
from tipdata.victims.models import Victim
from tipdata.victims.services import register_victim

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_record(shelter: Any) -> Any:
    return register_victim(
        actor=None,
        data={
            "registered_by": shelter,
            "registered_on": datetime.date(2020, 2, 2),
            "sex": "female",
            "given_name": "Saule",
        },
    )


def test_anonymous_visitors_are_sent_to_sign_in(client: Any) -> None:
    for name in ("exchange:index", "exchange:htcds", "exchange:ctdc"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_auditor_has_no_access(client: Any, profile: Any) -> None:
    from tipdata.accounts.models import Role
    from tipdata.testing.factories import persona

    client.force_login(persona(Role.AUDITOR, username="auditor"))
    assert client.get(reverse("exchange:index")).status_code == 403
    assert client.get(reverse("exchange:htcds")).status_code == 403
    assert client.get(reverse("exchange:glotip", args=[2020, "xlsx"])).status_code == 403


def test_case_worker_downloads_own_records(client: Any, case_worker: Any, own_record: Any) -> None:
    client.force_login(case_worker)

    page = client.get(reverse("exchange:index"))
    assert page.status_code == 200 and reverse("exchange:htcds").encode() in page.content
    htcds = client.get(reverse("exchange:htcds"))
    ctdc = client.get(reverse("exchange:ctdc"))

    assert htcds.status_code == 200 and htcds.content.startswith(b"PK")
    assert ctdc.status_code == 200 and b"Saule" not in ctdc.content
    with read_ctdc(io.BytesIO(ctdc.content)) as reader:
        assert list(reader) == []  # a lone record is withheld: k-anonymity (k=11) asks it
    formats = sorted(e.changes["format"] for e in AuditEntry.objects.filter(action=Action.EXPORT))
    assert formats == ["ctdc-csv", "htcds-template-xlsx"]


def test_secretariat_takes_the_unodc_submission(
    client: Any, police_unit: Any, profile: Any
) -> None:
    from tipdata.accounts.models import Role
    from tipdata.indicators.tests import builders as b
    from tipdata.testing.factories import persona

    b.victim(police_unit, datetime.date(2020, 5, 5))
    client.force_login(persona(Role.SECRETARIAT, username="secretariat"))

    response = client.get(reverse("exchange:glotip", args=[2020, "xlsx"]))

    assert response.status_code == 200
    with read_glotip(io.BytesIO(response.content)) as reader:
        totals = [r for r in reader if r.dimension == "Total" and r.sex == r.age == "Total"]
    assert [(r.indicator, r.value) for r in totals][:1] == [("Detected trafficking victims", 1)]
    assert client.get(reverse("exchange:htcds")).status_code == 403  # no individual records
    assert client.get(reverse("exchange:glotip", args=[1900, "xlsx"])).status_code == 404


def test_upload_of_ctdc_records_reports_problems_or_imports(
    client: Any, case_worker: Any, shelter: Any, tmp_path: Path
) -> None:
    client.force_login(case_worker)
    bad = io.BytesIO(b"yearOfRegistration,gender\n2019,Femme\n")
    bad.name = "bad.csv"

    response = client.post(reverse("exchange:index"), {"file": bad})

    assert response.status_code == 200
    assert "Row 2, column B (gender)" in response.content.decode()
    assert not Victim.objects.exists()

    good = io.BytesIO(b"yearOfRegistration,gender\n2019,Female\n2019,Female\n")
    good.name = "good.csv"
    response = client.post(reverse("exchange:index"), {"file": good})
    assert "2 records created" in response.content.decode()
    assert Victim.objects.filter(registered_by=shelter, is_deidentified=True).count() == 2
