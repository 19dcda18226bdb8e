"""Prosecution: investigations, prosecutions, convictions, sentences and cooperation.

Definitions follow the UNODC questionnaire: a case counts under a trafficking article of the
profile's penal code; a new investigation is a case registered in the year; a continued one was
registered earlier and still open (investigating or suspended) on 1 January, read from the
dated steps; a prosecution is a case sent to court in the year; a conviction is a person
convicted, by the date of the verdict.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery

from tipdata.cases.models import (
    OPEN_STATUSES,
    CaseReview,
    CaseStatusChange,
    CooperationKind,
    CriminalCase,
    Defendant,
    InternationalCooperation,
    Sentence,
    SentenceKind,
    Verdict,
    VerdictOutcome,
)
from tipdata.indicators.compute import common as c
from tipdata.indicators.compute.base import Context, Dimension, Measure, computation

P = Mapping[str, Any]


def trafficking_cases(params: P, prefix: str = "") -> Q:
    """Cases under an article that counts as trafficking (all cases with ``any_article``)."""
    if params.get("any_article"):
        return Q()
    through = CriminalCase.articles.through.objects.filter(penalarticle__is_trafficking=True)
    return Q(**{f"{prefix}pk__in": through.values("criminalcase_id")})


def case_filters(params: P, prefix: str = "") -> list[Q | None]:
    return [
        trafficking_cases(params, prefix),
        c.when(params, "organised_crime", lambda v: Q(**{f"{prefix}organised_crime": v})),
        c.when(
            params,
            "from_special_operations",
            lambda v: Q(**{f"{prefix}special_operation__isnull": not v}),
        ),
    ]


def case_dims(prefix: str = "") -> list[Dimension]:
    return [
        c.region(f"{prefix}region"),
        c.form(f"{prefix}exploitation_form"),
        c.agency(f"{prefix}investigating_unit"),
    ]


@computation("prosecution.new_investigations")
def new_investigations(params: P, ctx: Context) -> Measure:
    rows = c.apply(CriminalCase.objects.all(), case_filters(params))
    return c.counted(rows, date="registered_on", agency="investigating_unit", dims=case_dims())


def open_on(rows: QuerySet, day: datetime.date) -> QuerySet:
    """Cases registered before ``day`` whose last step before it left them open."""
    last = (
        CaseStatusChange.objects.filter(case=OuterRef("pk"), occurred_on__lt=day)
        .order_by("-occurred_on", "-id")
        .values("to_status")[:1]
    )
    return (
        rows.filter(registered_on__lt=day)
        .annotate(status_then=Subquery(last))
        .filter(Q(status_then__isnull=True) | Q(status_then__in=OPEN_STATUSES))
    )


@computation("prosecution.continued_investigations")
def continued_investigations(params: P, ctx: Context) -> Measure:
    """Open on 1 January of the year (``at_year_end``: on 1 January of the next)."""
    shift = 1 if params.get("at_year_end") else 0
    rows = c.apply(CriminalCase.objects.all(), case_filters(params))
    return c.counted(
        rows,
        agency="investigating_unit",
        dims=case_dims(),
        for_year=lambda qs, year: open_on(qs, datetime.date(year + shift, 1, 1)),
    )


# Who answers for each kind of step in the sources: the body that took it.
STEP_AGENCY = {
    "send_to_court": "case__prosecutor_office",
    "reopen": "organisation",
}


@computation("prosecution.steps")
def steps(params: P, ctx: Context) -> Measure:
    """Cases that took one of ``transitions`` in the year (prosecutions, reopenings ...)."""
    transitions = list(params["transitions"])
    rows = c.apply(
        CaseStatusChange.objects.filter(transition__in=transitions),
        case_filters(params, "case__"),
    )
    agency = STEP_AGENCY.get(transitions[0], "case__investigating_unit")
    return c.counted(
        rows,
        date="occurred_on",
        agency=agency,
        dims=[*case_dims("case__")[:2], c.agency(agency)],
        drilldown="case",
        value=Count("case", distinct=True),
    )


def verdict_filters(params: P, prefix: str = "") -> list[Q | None]:
    through = "" if params.get("any_article") else f"{prefix}article__is_trafficking"
    return [
        Q(**{f"{prefix}outcome": VerdictOutcome.CONVICTED}),
        Q(**{through: True}) if through else None,
        c.when(params, "forms", lambda v: Q(**{f"{prefix}exploitation_form__in": c.forms(v)})),
        c.when(
            params, "public_official", lambda v: Q(**{f"{prefix}defendant__is_public_official": v})
        ),
    ]


@computation("prosecution.convictions")
def convictions(params: P, ctx: Context) -> Measure:
    """Persons convicted (one defendant, one person) by the date of the verdict."""
    rows = c.apply(Verdict.objects.all(), verdict_filters(params))
    return c.counted(
        rows,
        date="verdict_on",
        agency="court",
        dims=[
            c.form(),
            c.sex("defendant__sex"),
            c.citizenship("defendant__citizenship"),
            Dimension("article", "article__code"),
            c.agency("court"),
        ],
        value=Count("defendant", distinct=True),
    )


@computation("prosecution.sentences")
def sentences(params: P, ctx: Context) -> Measure:
    """Sentences of the year's convictions of given kinds and term (in months, inclusive)."""
    rows = c.apply(
        Sentence.objects.annotate(term=F("years") * 12 + F("months")),
        [
            *verdict_filters(params, "verdict__"),
            Q(kind__in=params.get("kinds", [SentenceKind.IMPRISONMENT])),
            c.when(params, "min_months", lambda v: Q(term__gte=v)),
            c.when(params, "max_months", lambda v: Q(term__lte=v)),
        ],
    )
    return c.counted(
        rows,
        date="verdict__verdict_on",
        agency="verdict__court",
        dims=[Dimension("kind", "kind", SentenceKind), c.form("verdict__exploitation_form")],
        value=Count("verdict__defendant", distinct=True),
    )


@computation("prosecution.suspects")
def suspects(params: P, ctx: Context) -> Measure:
    """Suspects and defendants of the cases registered in the year."""
    rows = c.apply(Defendant.objects.all(), case_filters(params, "case__"))
    return c.counted(
        rows,
        date="case__registered_on",
        agency="case__investigating_unit",
        dims=[c.sex(), c.citizenship(), Dimension("role", "role")],
    )


@computation("prosecution.arrests")
def arrests(params: P, ctx: Context) -> Measure:
    """Suspects arrested in the year (``citizenship``: national, foreign or a country)."""
    rows = c.apply(
        Defendant.objects.all(),
        [c.when(params, "citizenship", lambda v: c.country_q("citizenship", v, ctx))],
    )
    return c.counted(
        rows, date="arrested_on", agency="case__investigating_unit", dims=[c.citizenship()]
    )


@computation("prosecution.cooperation")
def cooperation(params: P, ctx: Context) -> Measure:
    """Requests and extraditions (``kinds``); ``per_case`` counts the cases involved."""
    kinds = params.get("kinds", CooperationKind.values)
    rows = InternationalCooperation.objects.filter(kind__in=list(kinds))
    per_case = bool(params.get("per_case"))
    return c.counted(
        rows,
        date="occurred_on",
        agency="case__investigating_unit",
        dims=[
            Dimension("country", "country__name"),
            Dimension("kind", "kind", CooperationKind),
        ],
        drilldown="case" if per_case else "",
        value=Count("case", distinct=True) if per_case else None,
    )


@computation("prosecution.cases_reviewed")
def cases_reviewed(params: P, ctx: Context) -> Measure:
    """Distinct cases covered by reviews started in the year (e.g. the PGO's 2020 review)."""
    rows = CaseReview.cases.through.objects.all()
    return c.counted(
        rows,
        date="casereview__started_on",
        agency="casereview__conducted_by",
        dims=[c.form("criminalcase__exploitation_form"), c.region("criminalcase__region")],
        drilldown="criminalcase",
        value=Count("criminalcase", distinct=True),
    )
