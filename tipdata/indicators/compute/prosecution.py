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

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import FirstValue, Lead

from tipdata.cases.models import (
    OPEN_STATUSES,
    CaseReview,
    CaseStatus,
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
    return c.counted(
        CriminalCase.objects.all(),
        case_filters(params),
        date="registered_on",
        agency="investigating_unit",
        dims=case_dims(),
    )


CLOSED_STATUSES = [s for s in CaseStatus.values if s not in OPEN_STATUSES]


def closed_on(day: datetime.date) -> QuerySet:
    """Ids of the cases whose last step before ``day`` left them closed.

    One pass over the steps: a window gives every step its case's last status before the
    day, instead of a subquery looking it up case by case (and year by year).
    """
    status_then = Window(
        FirstValue("to_status"),
        partition_by=[F("case_id")],
        order_by=[F("occurred_on").desc(), F("id").desc()],
    )
    return (
        CaseStatusChange.objects.filter(occurred_on__lt=day)
        .annotate(status_then=status_then)
        .filter(status_then__in=CLOSED_STATUSES)
        .values("case_id")
    )


def open_q(day: datetime.date) -> Q:
    """Cases registered before ``day`` and open on it (no step yet, or the last one open)."""
    return Q(registered_on__lt=day) & ~Q(pk__in=closed_on(day))


@computation("prosecution.continued_investigations")
def continued_investigations(params: P, ctx: Context) -> Measure:
    """Open on 1 January of the year (``at_year_end``: on 1 January of the next)."""
    shift = 1 if params.get("at_year_end") else 0

    def day(year: int) -> datetime.date:
        return datetime.date(year + shift, 1, 1)

    measure = c.counted(
        CriminalCase.objects.all(),
        case_filters(params),
        agency="investigating_unit",
        dims=case_dims(),
        year_condition=lambda year: open_q(day(year)),
        span_condition=lambda first, last: Q(registered_on__lt=day(last)),
    )
    measure.yearly = lambda first, last: open_on_days(
        ctx, measure.rows, {year: day(year) for year in range(first, last + 1)}
    )
    return measure


def open_on_days(
    ctx: Context, cases: QuerySet, days: Mapping[int, datetime.date]
) -> dict[int, Any]:
    """``open_series`` shared within a report: investigations continued (open on 1 January)
    and those open at the year end (on 1 January of the next year) ask the same question of
    the same cases on days a year apart, so the first asks for the days a year either side
    too and the second finds its answers kept in the plan: one query for both."""
    if ctx.plan is None:
        return open_series(cases, days)
    known = ctx.plan.memo.setdefault(("open cases", str(cases.query)), {})
    missing = [d for d in days.values() if d not in known]
    if missing:
        around = {d.replace(year=d.year + shift) for d in missing for shift in (-1, 0, 1)}
        wanted = sorted(d for d in around if d not in known)
        found = open_series(cases, dict(enumerate(wanted)))
        known.update({d: found[n] for n, d in enumerate(wanted)})
    return {year: known[d] for year, d in days.items()}


def open_series(cases: QuerySet, days: Mapping[int, datetime.date]) -> dict[int, Any]:
    """Cases open on each year's day (its 1 January, or the next one's), in two queries.

    Open = registered before the day, less those whose last step before the day closed them.
    A step is a case's last before the day when it precedes the day and the next step (LEAD
    over the case's steps in order) does not: one pass over the steps for every day.
    """
    registered = cases.aggregate(
        **{f"y{y}": Count("pk", filter=Q(registered_on__lt=d)) for y, d in days.items()}
    )
    steps = CaseStatusChange.objects.filter(case__in=cases.values("pk")).annotate(
        next_on=Window(
            Lead("occurred_on"),
            partition_by=[F("case_id")],
            order_by=[F("occurred_on").asc(), F("id").asc()],
        ),
        registered_on=F("case__registered_on"),
    )
    closed = steps.aggregate(
        **{
            f"y{y}": Count(
                "pk",
                filter=Q(occurred_on__lt=d, registered_on__lt=d, to_status__in=CLOSED_STATUSES)
                & (Q(next_on__isnull=True) | Q(next_on__gte=d)),
            )
            for y, d in days.items()
        }
    )
    return {y: registered[f"y{y}"] - closed[f"y{y}"] for y in days}


# Who answers for each kind of step in the sources: the body that took it.
STEP_AGENCY = {
    "send_to_court": "case__prosecutor_office",
    "reopen": "organisation",
}


@computation("prosecution.steps")
def steps(params: P, ctx: Context) -> Measure:
    """Cases that took one of ``transitions`` in the year (prosecutions, reopenings ...)."""
    transitions = list(params["transitions"])
    agency = STEP_AGENCY.get(transitions[0], "case__investigating_unit")
    return c.counted(
        CaseStatusChange.objects.all(),
        [Q(transition__in=transitions), *case_filters(params, "case__")],
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
    return c.counted(
        Verdict.objects.all(),
        verdict_filters(params),
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
    return c.counted(
        Sentence.objects.annotate(term=F("years") * 12 + F("months")),
        [
            *verdict_filters(params, "verdict__"),
            Q(kind__in=params.get("kinds", [SentenceKind.IMPRISONMENT])),
            c.when(params, "min_months", lambda v: Q(term__gte=v)),
            c.when(params, "max_months", lambda v: Q(term__lte=v)),
        ],
        date="verdict__verdict_on",
        agency="verdict__court",
        dims=[Dimension("kind", "kind", SentenceKind), c.form("verdict__exploitation_form")],
        value=Count("verdict__defendant", distinct=True),
    )


@computation("prosecution.suspects")
def suspects(params: P, ctx: Context) -> Measure:
    """Suspects and defendants of the cases registered in the year."""
    return c.counted(
        Defendant.objects.all(),
        case_filters(params, "case__"),
        date="case__registered_on",
        agency="case__investigating_unit",
        dims=[c.sex(), c.citizenship(), Dimension("role", "role")],
    )


@computation("prosecution.arrests")
def arrests(params: P, ctx: Context) -> Measure:
    """Suspects arrested in the year (``citizenship``: national, foreign or a country)."""
    return c.counted(
        Defendant.objects.all(),
        [c.when(params, "citizenship", lambda v: c.country_q("citizenship", v, ctx))],
        date="arrested_on",
        agency="case__investigating_unit",
        dims=[c.citizenship()],
    )


@computation("prosecution.cooperation")
def cooperation(params: P, ctx: Context) -> Measure:
    """Requests and extraditions (``kinds``); ``per_case`` counts the cases involved."""
    kinds = params.get("kinds", CooperationKind.values)
    per_case = bool(params.get("per_case"))
    return c.counted(
        InternationalCooperation.objects.all(),
        [Q(kind__in=list(kinds))],
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
