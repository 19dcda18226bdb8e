"""A small world of agencies, one persona per role, and records in and out of their scopes.

The security tests (access policies, permission matrix, plaintext scans) share it. Victims go
through the victims service (so personal data is encrypted like in production); records of
the other apps are created directly, so that this world does not depend on how each app's
services evolve: access control must hold whatever wrote the rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from tipdata.accounts.models import Role
from tipdata.testing.factories import organisation, persona, region

D = datetime.date

# Personal values planted in the world: the plaintext scans look for each of them.
PERSONAL_VALUES = {
    "family_name": "Zhaksylykova",
    "given_name": "Aigerim",
    "patronymic": "Serikovna",
    "phone": "+77019998877",
    "email": "aigerim.zh@example.kz",
    "address": "Tole bi 123, apt 45",
    "identity_number": "950101400123",
    "notes": "Escaped from a sauna in Shymkent",
    "languages": "Kazakh, Russian",
}
REFERRAL_NOTE = "Needs shelter away from her uncle Bolat"
RESPONSE_NOTE = "Placed in the Kapchagay safe house, room 4"
OVERRIDE_REASON = "Minor; her mother Saule works for the recruiter"
DEFENDANT_NAME = "Bolat Temirkhanov"
CALL_SUMMARY = "Caller Gulnara reports her sister held in Aktau"


@dataclass
class World:
    orgs: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    records: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.records[key]


ROLE_ORG = {
    Role.ADMIN: "ministry",
    Role.SECRETARIAT: "working_group",
    Role.POLICE_INVESTIGATOR: "police",
    Role.PROSECUTOR: "prosecutor",
    Role.COURT_CLERK: "court",
    Role.LABOUR_INSPECTOR: "inspectorate",
    Role.NGO_CASE_WORKER: "shelter",
    Role.HOTLINE_OPERATOR: "hotline",
    Role.EMBASSY_OFFICER: "iom",
    Role.ANALYST: "ministry",
    Role.AUDITOR: "ministry",
}


def _orgs() -> dict[str, Any]:
    return {
        "shelter": organisation("NGO_SHELTER", name="Sana Sezim shelter"),
        "other_shelter": organisation("NGO_SHELTER", name="Korgau shelter", region=region("AST")),
        "police": organisation("MVD_AT_POLICE", name="Almaty anti-trafficking unit"),
        "other_police": organisation(
            "MVD_AT_POLICE", name="Astana anti-trafficking unit", region=region("AST")
        ),
        "prosecutor": organisation("REGIONAL_PROSECUTOR", name="Almaty prosecutor's office"),
        "pgo": organisation("PGO", name="Prosecutor General's Office", region=region("AST")),
        "court": organisation("COURT", name="Almaty city court"),
        "other_court": organisation("COURT", name="Astana city court", region=region("AST")),
        "inspectorate": organisation("LABOUR_INSPECTORATE", name="Labour inspectorate"),
        "hotline": organisation("HOTLINE", name="Hotline 111"),
        "iom": organisation("INTERNATIONAL_ORGANISATION", name="IOM Kazakhstan"),
        "working_group": organisation("WORKING_GROUP", name="Working group"),
        "ministry": organisation("MINISTRY", name="Ministry of Labour"),
    }


def _victim(registered_by: Any, **personal: Any) -> Any:
    from tipdata.victims.services import register_victim

    data = {
        "registered_by": registered_by,
        "registered_on": D(2020, 6, 1),
        "sex": "female",
        "age_group": "adult",
        "exploitation_forms": ["SexualExploitation"],
        **personal,
    }
    return register_victim(actor=None, data=data)


def build_world() -> World:
    """Agencies, personas and records; needs the profile (``profile`` fixture) loaded."""
    world = World(orgs=_orgs())
    o = world.orgs
    for role, org_key in ROLE_ORG.items():
        extra = {"is_superuser": True, "is_staff": True} if role == Role.ADMIN else {}
        world.users[role] = persona(role, o[org_key], username=f"w-{role}", **extra)

    r = world.records
    r["victim_shelter"] = _victim(o["shelter"], **PERSONAL_VALUES)
    r["victim_other"] = _victim(o["other_shelter"], family_name="Other")
    r["victim_referred"] = _victim(o["other_shelter"], family_name="Referred")
    r["victim_police"] = _victim(o["police"], family_name="Police")
    r["victim_call"] = _victim(o["hotline"], family_name="Call")
    r["victim_inspection"] = _victim(o["inspectorate"], family_name="Inspection")
    _case_records(world)
    _other_records(world)
    _activity_records(world)
    return world


def _case_records(world: World) -> None:
    from tipdata.cases.models import (
        CriminalCase,
        Defendant,
        InternationalCooperation,
        Sentence,
        Verdict,
    )
    from tipdata.profiles.models import Country, PenalArticle

    o, r = world.orgs, world.records
    article = PenalArticle.objects.filter(code="128").first()
    r["case_own"] = CriminalCase.objects.create(
        registration_number="200075031000001",
        registered_on=D(2020, 2, 3),
        investigating_unit=o["police"],
        region=region("ALA"),
        prosecutor_office=o["prosecutor"],
        court=o["court"],
    )
    r["case_own"].victims.add(r["victim_police"])
    r["case_own"].articles.add(article)
    r["case_other"] = CriminalCase.objects.create(
        registration_number="200075031000002",
        registered_on=D(2020, 3, 4),
        investigating_unit=o["other_police"],
        region=region("AST"),
        court=o["other_court"],
    )
    r["case_other"].victims.add(r["victim_other"])
    r["case_other"].articles.add(article)
    _pending_trial(world, article)
    for key, case in (("own", r["case_own"]), ("other", r["case_other"])):
        defendant = Defendant.objects.create(
            case=case, full_name=DEFENDANT_NAME, birth_year=1980, sex="male"
        )
        r[f"defendant_{key}"] = defendant
        r[f"verdict_{key}"] = Verdict.objects.create(
            defendant=defendant,
            outcome="convicted",
            verdict_on=D(2020, 9, 1),
            article=article,
            court=case.court,
        )
        r[f"sentence_{key}"] = Sentence.objects.create(
            verdict=r[f"verdict_{key}"], kind="imprisonment", years=5
        )
        r[f"cooperation_{key}"] = InternationalCooperation.objects.create(
            case=case,
            kind="mla_sent",
            country=Country.objects.get(code="UZ"),
            occurred_on=D(2020, 4, 1),
        )


def _pending_trial(world: World, article: Any) -> None:
    """A charged defendant awaiting the verdict, and a conviction awaiting the sentence."""
    from tipdata.cases.models import Defendant, Verdict

    r = world.records
    for key in ("defendant_pending", "defendant_convicted"):
        r[key] = Defendant.objects.create(case=r["case_own"], sex="male")
        Defendant.objects.filter(pk=r[key].pk).update(role="defendant")
        r[key].refresh_from_db()
    r["verdict_pending"] = Verdict.objects.create(
        defendant=r["defendant_convicted"],
        outcome="convicted",
        verdict_on=D(2020, 9, 2),
        article=article,
        court=world.orgs["court"],
    )


def _other_records(world: World) -> None:
    from tipdata.hotline.models import HotlineCall
    from tipdata.inspections.models import LabourInspection
    from tipdata.privacy.models import Consent
    from tipdata.referrals.models import Referral, ServiceDelivery

    o, r = world.orgs, world.records
    r["referral"] = Referral.objects.create(
        victim=r["victim_referred"],
        from_organisation=o["other_shelter"],
        to_organisation=o["iom"],
        referred_on=D(2020, 6, 2),
        consent_given=True,
        notes=REFERRAL_NOTE,
        response_note=RESPONSE_NOTE,
    )
    r["referral_other"] = Referral.objects.create(
        victim=r["victim_other"],
        from_organisation=o["other_shelter"],
        to_organisation=o["other_police"],
        referred_on=D(2020, 6, 2),
        consent_override_reason=OVERRIDE_REASON,
    )
    for key, victim, recipient in (
        ("consent", "victim_referred", "iom"),
        ("consent_other", "victim_other", "other_police"),
    ):
        r[key] = Consent.objects.create(
            victim=r[victim],
            purpose="referral",
            recipient=o[recipient],
            given_on=D(2020, 6, 2),
            how_given="written",
            recorded_by=o["other_shelter"],
        )
    Referral.objects.filter(pk=r["referral"].pk).update(consent=r["consent"])
    r["service"] = ServiceDelivery.objects.create(
        victim=r["victim_shelter"], provider=o["shelter"], kind="shelter", started_on=D(2020, 6, 1)
    )
    r["service_other"] = ServiceDelivery.objects.create(
        victim=r["victim_other"],
        provider=o["other_shelter"],
        kind="shelter",
        started_on=D(2020, 6, 1),
    )
    received = timezone.make_aware(datetime.datetime(2020, 5, 5, 10, 0))
    r["call"] = HotlineCall.objects.create(
        received_at=received,
        operator=o["hotline"],
        caller_type="relative",
        topic="trafficking_report",
        summary=CALL_SUMMARY,
    )
    r["call"].victims.add(r["victim_call"])
    r["call_other"] = HotlineCall.objects.create(
        received_at=received,
        operator=o["other_shelter"],
        caller_type="relative",
        topic="trafficking_report",
    )
    r["inspection"] = LabourInspection.objects.create(
        inspected_on=D(2020, 7, 1), inspecting_unit=o["inspectorate"], employer_name="Stroy LLP"
    )
    r["inspection"].victims.add(r["victim_inspection"])
    r["inspection_other"] = LabourInspection.objects.create(
        inspected_on=D(2020, 7, 1), inspecting_unit=o["other_police"], employer_name="Other LLP"
    )


def _activity_records(world: World) -> None:
    """One record of each prevention kind, organised by the working group (the secretariat)."""
    from tipdata.activities import models as a
    from tipdata.cases.models import CaseReview
    from tipdata.profiles.models import Country

    o, r = world.orgs, world.records
    wg, day = o["working_group"], D(2020, 3, 1)
    r["review"] = CaseReview.objects.create(
        title="Review of suspended cases", conducted_by=o["prosecutor"], started_on=day
    )
    r["review"].cases.add(r["case_own"])
    r["review_other"] = CaseReview.objects.create(
        title="National review", conducted_by=o["pgo"], started_on=day
    )
    r["training"] = a.Training.objects.create(organiser=wg, started_on=day, title="Training")
    r["awarenesscampaign"] = a.AwarenessCampaign.objects.create(
        organiser=wg, started_on=day, title="Campaign", channel="radio"
    )
    r["specialoperation"] = a.SpecialOperation.objects.create(
        organiser=wg, started_on=day, name="Stop trafficking"
    )
    r["workinggroupmeeting"] = a.WorkingGroupMeeting.objects.create(body=wg, held_on=day)
    r["grant"] = a.Grant.objects.create(
        grantee=o["shelter"], funder=wg, purpose="shelter", year=2020, amount_kzt=1000
    )
    r["taskforce"] = a.Taskforce.objects.create(
        name="Taskforce", established_on=day, coordinator=wg
    )
    r["bilateralagreement"] = a.BilateralAgreement.objects.create(
        country=Country.objects.get(code="UZ"), signed_on=day, title="Agreement", recorded_by=wg
    )
    r["capacityfigure"] = a.CapacityFigure.objects.create(
        metric=a.CapacityMetric.values[0], year=2020, value=3, organisation=wg
    )
    r["repatriation"] = a.Repatriation.objects.create(
        organiser=wg, started_on=day, from_country=Country.objects.get(code="SY"), children=2
    )
