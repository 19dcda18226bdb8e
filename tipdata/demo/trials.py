"""The demo's 2020 prosecutions: new cases, trials, verdicts, sentences and cooperation.

PR1-PR7, PR11, PR14 of the 2021 report: 72 new investigations (40 from the three special
operations), 45 cases sent to court (15 continued from 2019, 30 new), 11 traffickers convicted
(eight for sex trafficking, three for labour trafficking; nine sentences from 6.6 to 17 years,
one of four and one of three), no official convicted; an organised-crime investigation with
eight suspects (women trafficked to Bahrain); five Uzbekistani suspects arrested at
Uzbekistan's request and a sixth extradited; requests for assistance to Russia and Bahrain.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from tipdata.activities.models import SpecialOperation
from tipdata.cases.models import (
    CooperationKind,
    CriminalCase,
    PartyRole,
    SentenceKind,
    TerminationReason,
    VerdictOutcome,
)
from tipdata.cases.services import (
    close_case,
    record_cooperation,
    record_sentence,
    record_verdict,
    send_to_court,
    terminate_case,
)
from tipdata.demo.base import YEAR, Demo
from tipdata.demo.cases import LABOUR, SEXUAL, UNITS, Earlier, article_mix, open_case, suspect
from tipdata.demo.victims import Victims

COURT_OF = {
    "ALA": "court-almaty",
    "AST": "court-astana",
    "MAN": "court-mangystau",
    "ATY": "court-mangystau",
}
PROSECUTOR_OF = {"ALA": "prosecutor-almaty", "AST": "prosecutor-astana"}
# Terms (years, months) of the 2020 sentences: eight for sex, three for labour trafficking.
SEX_TERMS = [(6, 7), (9, 0), (10, 0), (12, 0), (13, 0), (15, 0), (17, 0), (3, 0)]
LABOUR_TERMS = [(7, 0), (4, 0), (8, 0)]


@dataclass
class Court:
    """Where a case is tried: the court and prosecutor's office of its region."""

    court: str
    prosecutor: str


def court_for(case: CriminalCase) -> Court:
    region = case.region.code if case.region else "ALA"
    return Court(
        COURT_OF.get(region, "court-shymkent"), PROSECUTOR_OF.get(region, "prosecutor-shymkent")
    )


def to_court(demo: Demo, case: CriminalCase, on: datetime.date, defendants: int = 1) -> None:
    """Charge ``defendants`` suspects and send the case to court on ``on``."""
    charged = case.defendants.filter(role=PartyRole.DEFENDANT).count()
    for _ in range(defendants - charged):
        suspect(demo, case, charged_on=on - datetime.timedelta(days=demo.rng.randint(10, 40)))
    where = court_for(case)
    send_to_court(
        actor=None,
        instance=case,
        occurred_on=on,
        prosecutor_office=demo.org(where.prosecutor),
        court=demo.org(where.court),
    )


def convict(
    demo: Demo, case: CriminalCase, terms: list[tuple[int, int]], on: datetime.date
) -> None:
    """Verdicts (convicted) for the case's defendants with these prison terms; then close it."""
    defendants = list(case.defendants.filter(role=PartyRole.DEFENDANT).order_by("pk"))
    assert len(defendants) == len(terms), (case, len(defendants), terms)
    article = case.articles.order_by("code").first()
    for defendant, (years, months) in zip(defendants, terms, strict=True):
        verdict = record_verdict(
            actor=None,
            defendant=defendant,
            data={"outcome": VerdictOutcome.CONVICTED, "verdict_on": on, "article": article},
        )
        record_sentence(
            actor=None,
            verdict=verdict,
            data={"kind": SentenceKind.IMPRISONMENT, "years": years, "months": months},
        )
    close_case(actor=None, instance=case, occurred_on=on + datetime.timedelta(days=10))


def cooperate(
    demo: Demo, case: CriminalCase, kind: str, country: str, on: datetime.date, **extra: Any
) -> None:
    """A request for assistance or an extradition, with ``country``, on ``on``."""
    data = {"kind": kind, "country": demo.country(country), "occurred_on": on, **extra}
    record_cooperation(actor=None, case=case, data=data)


def load_continued_outcomes(demo: Demo, earlier: Earlier) -> list[tuple[int, int]]:
    """Of the 23: 15 sent to court (six tried in 2020: seven convictions), three terminated.

    Returns the sex-trafficking terms left for the cases registered in 2020.
    """
    sex_terms = iter(SEX_TERMS)
    for i, case in enumerate(earlier.continued[:15]):
        two = i == 0
        to_court(demo, case, demo.day_in(YEAR, 1, 5), defendants=2 if two else 1)
        if i < 6:
            terms = [next(sex_terms) for _ in range(2 if two else 1)]
            convict(demo, case, terms, demo.day_in(YEAR, 7, 11))
    for case in earlier.continued[15:18]:
        terminate_case(
            actor=None,
            instance=case,
            occurred_on=demo.day_in(YEAR, 3, 9),
            termination_reason=TerminationReason.VICTIM_REQUEST,
        )
    assert earlier.extradition is not None
    cooperate(
        demo,
        earlier.extradition,
        CooperationKind.EXTRADITION_OUT,
        "UZ",
        datetime.date(YEAR, 3, 12),
        defendant=earlier.extradited,
        notes="Extradited at the request of the Prosecutor General of Uzbekistan.",
    )
    return list(sex_terms)


def load_new_cases(
    demo: Demo,
    victims: Victims,
    operations: list[SpecialOperation],
    sex_terms: list[tuple[int, int]],
) -> None:
    """The 72 new investigations of 2020 and what became of them during the year."""
    to_try: list[CriminalCase] = []
    for i in range(40):  # from the three "Stop Trafficking" operations
        op = operations[i % len(operations)]
        unit, region = UNITS[i % len(UNITS)]
        linked = [v for v in (victims.bahrain_ops + victims.domestic)[i : i + 1]]
        assert op.ended_on is not None
        case = open_case(
            demo,
            registered_on=op.ended_on,
            unit=unit,
            region=region,
            articles=article_mix(demo, SEXUAL),
            operation=op,
            victims=linked,
        )
        if i < 18:
            to_try.append(case)
    for i in range(6):  # women trafficked to Bahrain, reported on their return
        case = open_case(
            demo,
            registered_on=demo.day_in(YEAR, 2, 9),
            unit="mvd-at-almaty" if i % 2 else "mvd-at-astana",
            region="ALA" if i % 2 else "AST",
            articles=["128"],
            victims=victims.bahrain_other[15 + 2 * i : 17 + 2 * i],
            transnational=True,
        )
        if i < 3:
            to_try.append(case)
    labour = _labour_cases(demo, victims)
    to_try += labour[:4]
    others = []
    for i in range(19):  # cases without an identified victim
        unit, region = UNITS[i % len(UNITS)]
        others.append(
            open_case(
                demo,
                registered_on=demo.day_in(YEAR, 1, 8),
                unit=unit,
                region=region,
                articles=article_mix(demo, SEXUAL),
            )
        )
    to_try += others[:5]
    for case in others[5:11]:
        terminate_case(
            actor=None,
            instance=case,
            occurred_on=max(case.registered_on, datetime.date(YEAR, 11, 1)),
            termination_reason=demo.pick(
                [TerminationReason.VICTIM_REQUEST, TerminationReason.LACK_OF_EVIDENCE]
            ),
        )
    _try(demo, to_try, {labour[2].pk: LABOUR_TERMS[:2], labour[3].pk: LABOUR_TERMS[2:]}, sex_terms)
    _organised_crime(demo, victims)


def _labour_cases(demo: Demo, victims: Victims) -> list[CriminalCase]:
    """Two cases for the citizens in forced labour, four for the Uzbekistani nationals, and
    one with Kazakhstani victims in Russia (seven labour trafficking cases in all)."""
    cases = []
    for i in range(2):
        cases.append(
            open_case(
                demo,
                registered_on=datetime.date(YEAR, 4, 20 + i),
                unit="mvd-at-turkistan",
                region="TUR",
                articles=["128"],
                form=LABOUR,
                victims=victims.labour_kz[2 * i : 2 * i + 2],
            )
        )
    uzbek = victims.uzbek
    for i, (start, end) in enumerate(((0, 4), (4, 8), (8, 12))):
        cases.append(
            open_case(
                demo,
                registered_on=datetime.date(YEAR, 3, 2 + i),
                unit=("mvd-at-shymkent", "mvd-at-turkistan", "mvd-at-almaty")[i],
                region=("SHY", "TUR", "ALA")[i],
                articles=["128"],
                form=LABOUR,
                victims=uzbek[start:end],
                transnational=True,
            )
        )
    request = open_case(  # at Uzbekistan's request: five suspects arrested
        demo,
        registered_on=datetime.date(YEAR, 4, 6),
        unit="mvd-at-shymkent",
        region="SHY",
        articles=["128"],
        form=LABOUR,
        victims=uzbek[12:],
        transnational=True,
    )
    cooperate(demo, request, CooperationKind.MLA_RECEIVED, "UZ", datetime.date(YEAR, 4, 6))
    for k in range(5):
        suspect(demo, request, citizenship="UZ", arrested_on=datetime.date(YEAR, 4, 14 + 3 * k))
    russia = open_case(
        demo,
        registered_on=datetime.date(YEAR, 8, 17),
        unit="mvd-at-mangystau",
        region="MAN",
        articles=["128"],
        form=LABOUR,
        transnational=True,
    )
    cooperate(demo, russia, CooperationKind.MLA_SENT, "RU", datetime.date(YEAR, 10, 5))
    return [*cases, request, russia]


def _try(
    demo: Demo,
    to_try: list[CriminalCase],
    tried: dict[int, list[tuple[int, int]]],
    sex_terms: list[tuple[int, int]],
) -> None:
    """Send 30 new cases to court; the cases in ``tried`` (and the first) are tried in 2020."""
    assert len(to_try) == 30, len(to_try)
    tried = {**tried, to_try[0].pk: sex_terms}
    for case in to_try:
        terms = tried.get(case.pk)
        sent = max(case.registered_on + datetime.timedelta(days=45), datetime.date(YEAR, 6, 1))
        to_court(demo, case, sent, defendants=len(terms) if terms else 1)
        if terms:
            convict(demo, case, terms, sent + datetime.timedelta(days=demo.rng.randint(60, 120)))


def _organised_crime(demo: Demo, victims: Victims) -> None:
    """The investigation of a transnational organisation sending women to Bahrain (PR2)."""
    case = open_case(
        demo,
        registered_on=datetime.date(YEAR, 5, 14),
        unit="mvd-at-astana",
        region="AST",
        articles=["262"],
        victims=victims.bahrain_other[:15],
        organised_crime=True,
        transnational=True,
    )
    for _ in range(8):
        suspect(demo, case)
    cooperate(demo, case, CooperationKind.MLA_SENT, "BH", datetime.date(YEAR, 8, 20))
