"""The review pages and API: scope (404), personal data only for roles allowed to see it."""

from __future__ import annotations

from typing import Any

from tipdata.accounts.models import Role
from tipdata.linkage import services
from tipdata.linkage.models import CandidatePair, Merge, PairStatus
from tipdata.linkage.tests.conftest import AIGERIM_POLICE, victim
from tipdata.testing.factories import persona
from tipdata.victims.models import Victim

NAME_ONLY = {"given_name": "Aigerim", "family_name": "Akhmetova"}


def _queued(police_unit: Any, org: Any) -> CandidatePair:
    victim(police_unit, **AIGERIM_POLICE)
    victim(org, **NAME_ONLY)
    services.run_linkage(actor=None)
    return CandidatePair.objects.get()


def test_an_investigator_reviews_their_pair_with_names_side_by_side(
    client: Any, police_unit: Any, investigator: Any
) -> None:
    pair = _queued(police_unit, police_unit)
    client.force_login(investigator)

    assert pair.victim_a.code in client.get("/linkage/").content.decode()
    page = client.get(f"/linkage/pairs/{pair.pk}/").content.decode()

    assert "Ахметова" in page and "Akhmetova" in page
    response = client.post(f"/linkage/pairs/{pair.pk}/confirm/", {"reason": "same IIN on file"})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == PairStatus.CONFIRMED
    a, b = Victim.objects.filter(pk__in=[pair.victim_a_id, pair.victim_b_id])
    assert a.person_id == b.person_id
    merge = Merge.objects.get(pair=pair)
    assert client.post(f"/linkage/merges/{merge.pk}/undo/").status_code == 302
    merge.refresh_from_db()
    assert merge.undone_at is not None


def test_an_analyst_sees_codes_and_attributes_but_no_names(
    client: Any, police_unit: Any, shelter: Any, analyst: Any
) -> None:
    pair = _queued(police_unit, shelter)
    client.force_login(analyst)

    page = client.get(f"/linkage/pairs/{pair.pk}/").content.decode()

    assert pair.victim_a.code in page and pair.victim_b.code in page
    assert "Sana Sezim shelter" in page
    for name in ("Ахметова", "Akhmetova", "Айгерим", "Aigerim", "1990"):
        assert name not in page
    api = client.get("/api/linkage/pairs/?status=pending").json()
    assert [p["id"] for p in api["results"]] == [pair.pk]
    assert "Akhmetova" not in str(api)


def test_a_pair_outside_the_reviewers_scope_is_not_found(
    client: Any, police_unit: Any, shelter: Any, case_worker: Any, api_as: Any
) -> None:
    pair = _queued(police_unit, shelter)  # the shelter cannot open the police's record
    client.force_login(case_worker)

    assert client.get(f"/linkage/pairs/{pair.pk}/").status_code == 404
    assert client.post(f"/linkage/pairs/{pair.pk}/confirm/").status_code == 404
    assert api_as(case_worker).post(f"/api/linkage/pairs/{pair.pk}/reject/").status_code == 404
    pair.refresh_from_db()
    assert pair.status == PairStatus.PENDING


def test_who_may_run_linkage(client: Any, profile: Any, analyst: Any, case_worker: Any) -> None:
    secretariat = persona(Role.SECRETARIAT, username="secretariat")
    client.force_login(secretariat)
    assert client.get("/linkage/").status_code == 403
    client.force_login(case_worker)
    assert client.get("/linkage/").status_code == 200
    assert client.post("/linkage/run/").status_code == 403
    client.force_login(analyst)
    response = client.post("/linkage/run/")
    assert response.status_code == 302


def test_the_api_runs_linkage_and_undoes_a_merge(
    police_unit: Any, shelter: Any, analyst: Any, case_worker: Any, api_as: Any
) -> None:
    from tipdata.linkage.tests.conftest import AIGERIM_SHELTER

    victim(police_unit, **AIGERIM_POLICE)
    victim(shelter, **AIGERIM_SHELTER)
    assert api_as(case_worker).post("/api/linkage/runs/", {}).status_code == 403

    summary = api_as(analyst).post("/api/linkage/runs/", {}, format="json").json()

    assert summary["merges"] == 1 and summary["records"] == 2
    merge = Merge.objects.get()
    assert api_as(case_worker).post(f"/api/linkage/merges/{merge.pk}/undo/").status_code == 404
    undone = api_as(analyst).post(f"/api/linkage/merges/{merge.pk}/undo/", {}, format="json")
    assert undone.status_code == 200 and undone.json()["undone_at"]
    again = api_as(analyst).post(f"/api/linkage/merges/{merge.pk}/undo/", {}, format="json")
    assert again.status_code == 400


def test_the_run_schema_declares_every_summary_field() -> None:
    """The API schema names each count of a run, so clients see its shape (and no names)."""
    from dataclasses import fields

    from tipdata.linkage.api import RunSummarySerializer

    assert set(RunSummarySerializer().fields) == {f.name for f in fields(services.LinkageSummary)}
