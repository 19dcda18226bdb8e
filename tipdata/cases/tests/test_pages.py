"""Case pages with Django's test client: list filters, forms with field errors, the hub page
with its timeline and history, step forms, sub-record forms and victim links."""

from __future__ import annotations

import pytest

from tipdata.accounts.models import Role
from tipdata.audit.services import history
from tipdata.cases import services
from tipdata.cases.models import CaseStatusChange, CriminalCase, Defendant, Sentence, Verdict
from tipdata.cases.tests.conftest import D, case_input, victim_of
from tipdata.testing.factories import organisation, persona

pytestmark = pytest.mark.django_db

BASE = "/cases/criminalcases/"


def form_data(unit, article, **extra):
    return case_input(unit, article, **{"registration_number": "PAGE-1", **extra})


def test_create_with_a_bad_date_shows_the_field_error(client, investigator, article):
    client.force_login(investigator)
    response = client.post(
        BASE + "new/", form_data(investigator.organisation, article, registered_on="2999-01-01")
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["registered_on"] == ["The date cannot be in the future."]
    missing = client.post(BASE + "new/", form_data(investigator.organisation, article, articles=[]))
    assert "articles" in missing.context["form"].errors
    assert not CriminalCase.objects.exists()


def test_create_then_list_filters_and_search(client, investigator, article, profile):
    client.force_login(investigator)
    assert client.get(BASE + "new/").status_code == 200
    response = client.post(BASE + "new/", form_data(investigator.organisation, article))
    assert response.status_code == 302
    client.post(
        BASE + "new/",
        form_data(
            investigator.organisation, article, registration_number="PAGE-2", organised_crime="on"
        ),
    )
    assert "2 records" in client.get(BASE).content.decode()
    assert "1 record" in client.get(BASE + "?organised_crime=true").content.decode()
    found = client.get(BASE + "?q=PAGE-2").content.decode()
    assert "1 record" in found and "PAGE-2" in found
    assert "0 records" in client.get(BASE + "?status=in_court").content.decode()
    assert "2 records" in client.get(BASE + f"?article={article.pk}").content.decode()
    ranged = client.get(BASE + "?registered_from=2020-05-01").content.decode()
    assert "0 records" in ranged


def test_detail_is_the_hub_with_timeline_and_history(client, investigator, case, defendant):
    services.suspend_case(
        actor=investigator, instance=case, occurred_on=D(2020, 3, 10), reason="Witness abroad"
    )
    victim = victim_of(investigator)
    services.link_victims(actor=investigator, case=case, victims=[victim])
    client.force_login(investigator)
    text = client.get(f"{BASE}{case.pk}/").content.decode()
    assert "Timeline" in text and "2020-03-10" in text and "Witness abroad" in text
    assert "Registered" in text and "Charged" in text
    assert victim.code in text and defendant.code in text
    assert "History" in text and "Status changed" in text
    assert "Resume" in text  # the next step offered


def test_step_form_posts_and_a_bad_one_shows_the_error(client, investigator, case):
    client.force_login(investigator)
    url = f"{BASE}{case.pk}/step/suspend/"
    bad = client.post(url, {"suspend-occurred_on": "2020-01-01"})
    assert bad.status_code == 400
    assert "precede the case&#x27;s registration" in bad.content.decode()
    assert not CaseStatusChange.objects.exists()
    ok = client.post(url, {"suspend-occurred_on": "2020-03-01", "suspend-reason": "abroad"})
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.status == "suspended"
    terminate = client.post(
        f"{BASE}{case.pk}/step/terminate/",
        {"terminate-occurred_on": "2020-03-02", "terminate-termination_reason": "victim_request"},
    )
    assert terminate.status_code == 302
    case.refresh_from_db()
    assert case.termination_reason == "victim_request"


def test_add_suspect_charge_and_name_panel(client, investigator, case):
    client.force_login(investigator)
    page = client.get(f"{BASE}{case.pk}/defendants/new/")
    assert page.status_code == 200
    future = client.post(
        f"{BASE}{case.pk}/defendants/new/", {"sex": "male", "arrested_on": "2999-01-01"}
    )
    assert future.status_code == 400 and "arrested_on" in future.context["form"].errors
    response = client.post(
        f"{BASE}{case.pk}/defendants/new/",
        {"sex": "male", "full_name": "Nurlanov Arman", "arrested_on": "2020-02-10"},
    )
    assert response.status_code == 302 and response["Location"] == f"{BASE}{case.pk}/"
    suspect = Defendant.objects.get()
    detail = client.get(f"/cases/defendants/{suspect.pk}/").content.decode()
    assert "Nurlanov" not in detail and "Charge" in detail
    panel = client.get(f"/cases/defendants/{suspect.pk}/personal/").content.decode()
    assert "Nurlanov Arman" in panel
    assert history(suspect).filter(action="view_personal").count() == 1
    edit = client.post(
        f"/cases/defendants/{suspect.pk}/edit/", {"sex": "male", "is_public_official": "on"}
    )
    assert edit.status_code == 302
    suspect.refresh_from_db()
    assert suspect.is_public_official and suspect.full_name == "Nurlanov Arman"
    charged = client.post(
        f"/cases/defendants/{suspect.pk}/step/charge/", {"charge-charged_on": "2020-03-01"}
    )
    assert charged.status_code == 302
    client.force_login(persona(Role.ANALYST, organisation("MINISTRY")))
    hidden = client.get(f"/cases/defendants/{suspect.pk}/personal/").content.decode()
    assert "Nurlanov" not in hidden


def test_verdict_and_sentence_from_their_parent_pages(client, clerk, in_court, defendant, article):
    client.force_login(clerk)
    defendant_page = client.get(f"/cases/defendants/{defendant.pk}/").content.decode()
    assert "Record the verdict" in defendant_page
    url = f"/cases/defendants/{defendant.pk}/verdict/new/"
    early = client.post(
        url, {"outcome": "convicted", "verdict_on": "2020-04-01", "article": article.pk}
    )
    assert early.status_code == 400 and "verdict_on" in early.context["form"].errors
    ok = client.post(
        url,
        {
            "outcome": "convicted",
            "verdict_on": "2020-09-01",
            "article": article.pk,
            "court": clerk.organisation.pk,
            "exploitation_form": "SexualExploitation",
        },
    )
    assert ok.status_code == 302
    verdict = Verdict.objects.get()
    assert client.get(url).status_code == 404  # one verdict per defendant
    sentence_url = f"/cases/verdicts/{verdict.pk}/sentence/new/"
    months = client.post(sentence_url, {"kind": "imprisonment", "years": "6", "months": "12"})
    assert months.status_code == 400 and "months" in months.context["form"].errors
    done = client.post(sentence_url, {"kind": "imprisonment", "years": "6", "months": "7"})
    assert done.status_code == 302
    assert Sentence.objects.get().total_months == 79
    hub = client.get(f"{BASE}{in_court.pk}/").content.decode()
    assert "Convicted" in hub and "Imprisonment, 6 y 7 m" in hub


def test_link_victims_page_offers_only_visible_victims(client, investigator, case_worker, case):
    own = victim_of(investigator)
    other = victim_of(case_worker)
    client.force_login(investigator)
    page = client.get(f"{BASE}{case.pk}/victims/").content.decode()
    assert own.code in page and other.code not in page
    refused = client.post(f"{BASE}{case.pk}/victims/", {"victims": [other.pk]})
    assert refused.status_code == 400 and not case.victims.exists()
    linked = client.post(f"{BASE}{case.pk}/victims/", {"victims": [own.pk]})
    assert linked.status_code == 302 and list(case.victims.all()) == [own]
    client.post(f"{BASE}{case.pk}/victims/{own.pk}/unlink/")
    assert not case.victims.exists()


def test_cooperation_and_review_pages(client, investigator, prosecutor, pgo, case):
    client.force_login(investigator)
    url = f"{BASE}{case.pk}/cooperation/new/"
    bad = client.post(url, {"kind": "mla_sent", "country": "KZ", "occurred_on": "2020-04-01"})
    assert bad.status_code == 400 and "country" in bad.context["form"].errors
    ok = client.post(url, {"kind": "mla_sent", "country": "RU", "occurred_on": "2020-04-01"})
    assert ok.status_code == 302
    assert (
        "Mutual legal assistance request sent" in client.get(f"{BASE}{case.pk}/").content.decode()
    )
    client.force_login(prosecutor)
    review = client.post(
        "/cases/casereviews/new/",
        {
            "title": "Review of suspended cases",
            "conducted_by": pgo.pk,
            "started_on": "2020-05-01",
            "cases": [case.pk],
        },
    )
    assert review.status_code == 302
    detail = client.get(review["Location"]).content.decode()
    assert "Review of suspended cases" in detail and case.registration_number in detail


def test_out_of_scope_case_is_404(client, case_worker, case):
    client.force_login(case_worker)
    assert client.get(f"{BASE}{case.pk}/").status_code in (403, 404)
    assert client.get(f"{BASE}{case.pk}/defendants/new/").status_code in (403, 404)


def test_steps_are_offered_only_to_those_who_may_take_them(client, clerk, in_court, conviction):
    analyst = persona(Role.ANALYST, organisation("MINISTRY"))
    client.force_login(analyst)
    page = client.get(f"{BASE}{in_court.pk}/")
    assert page.status_code == 200 and "Next steps" not in page.content.decode()
    client.force_login(clerk)
    text = client.get(f"{BASE}{in_court.pk}/").content.decode()
    assert 'action="step/close/"' in text and "Add a suspect" not in text
    closed = client.post(f"{BASE}{in_court.pk}/step/close/", {"close-occurred_on": "2020-09-05"})
    assert closed.status_code == 302
    in_court.refresh_from_db()
    assert in_court.status == "closed"
    assert in_court.status_changes.last().organisation == clerk.organisation


def test_hub_reaches_the_calls_inspections_and_operation_behind_the_case(
    client, investigator, case, profile
):
    """Lineage: from the case to the records that led to it (built as plain instances: the
    rules of calls and inspections are their apps' tests)."""
    from django.utils import timezone

    from tipdata.activities.models import SpecialOperation
    from tipdata.hotline.models import HotlineCall
    from tipdata.inspections.models import LabourInspection

    unit = investigator.organisation
    operation = SpecialOperation.objects.create(
        organiser=unit, name="Stop Trafficking 2020", started_on=D(2020, 1, 20)
    )
    services.update_case(actor=investigator, instance=case, data={"special_operation": operation})
    call = HotlineCall.objects.create(
        received_at=timezone.now(),
        operator=organisation("HOTLINE"),
        caller_type="witness",
        topic="trafficking_report",
        outcome="referred_police",
        referred_to=unit,
        case=case,
    )
    inspection = LabourInspection.objects.create(
        inspected_on=D(2020, 1, 15),
        inspecting_unit=organisation("LABOUR_INSPECTORATE"),
        employer_name="Stroi-Invest LLP",
        referred_to_police=True,
        referred_to=unit,
        case=case,
    )
    client.force_login(investigator)
    text = client.get(f"{BASE}{case.pk}/").content.decode()
    assert "Stop Trafficking 2020" in text
    assert call.get_absolute_url() in text
    assert "Stroi-Invest LLP" in text and inspection.get_absolute_url() in text
