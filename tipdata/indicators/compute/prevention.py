"""Prevention and capacity: labour inspections, trainings, campaigns, meetings, agreements.

Most of these are counts of activity records; labour inspections also sum what each
inspection recorded (violations, citations, fines) and, for lineage, whether it was referred
to the police and which criminal case it led to.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q, Sum

from tipdata.activities.models import (
    AwarenessCampaign,
    BilateralAgreement,
    CampaignChannel,
    CapacityFigure,
    Profession,
    SpecialOperation,
    Training,
    TrainingAudience,
    WorkingGroupMeeting,
)
from tipdata.core.vocabulary import Funding
from tipdata.indicators.compute import common as c
from tipdata.indicators.compute.base import Context, Dimension, Measure, computation
from tipdata.inspections.models import LabourInspection, Violation, ViolationCategory

P = Mapping[str, Any]

INSPECTION_VALUES = {
    "inspections": Count("pk"),  # one row per inspection: no DISTINCT needed
    "citations": Sum("administrative_citations"),
    "fines": Sum("fines_count"),
    "fines_amount": Sum("fines_amount_kzt"),
    "employers": Count("employer_business_id", distinct=True),
}


@computation("prevention.inspections")
def inspections(params: P, ctx: Context) -> Measure:
    """Inspections of the year, or what they recorded (``value``), under optional conditions.

    ``forced_labour_indicators``: only inspections that observed an ILO indicator;
    ``penalised``: only those that issued a citation or a fine; ``referred``/``with_case``:
    the lineage from an inspection to the police and to a criminal case.
    """
    value = params.get("value", "inspections")
    return c.counted(
        LabourInspection.objects.all(),
        [
            c.when(params, "fined", lambda v: Q(fines_count__gt=0) if v else Q(fines_count=0)),
            c.when(
                params,
                "penalised",
                lambda v: Q(fines_count__gt=0) | Q(administrative_citations__gt=0),
            ),
            c.when(
                params,
                "forced_labour_indicators",
                lambda v: ~Q(forced_labour_indicators=[]) if v else Q(forced_labour_indicators=[]),
            ),
            c.when(params, "referred", lambda v: Q(referred_to_police=v)),
            c.when(params, "with_case", lambda v: Q(case__isnull=not v)),
        ],
        date="inspected_on",
        agency="inspecting_unit",
        dims=[c.region("region"), Dimension("recruitment agency", "is_recruitment_agency")],
        value=INSPECTION_VALUES[value],
        money=value == "fines_amount",
    )


@computation("prevention.violations")
def violations(params: P, ctx: Context) -> Measure:
    """Violations found by the year's inspections (the sum of counts, by category)."""
    return c.counted(
        Violation.objects.all(),
        date="inspection__inspected_on",
        agency="inspection__inspecting_unit",
        dims=[
            Dimension("category", "category", ViolationCategory),
            c.region("inspection__region"),
        ],
        drilldown="inspection",
        value=Sum("count"),
    )


@computation("prevention.capacity")
def capacity(params: P, ctx: Context) -> Measure:
    """A yearly capacity figure (``metric``), summed over the organisations reporting it."""
    return c.counted(
        CapacityFigure.objects.all(),
        [Q(metric=params["metric"])],
        year_field="year",
        agency="organisation",
        value=Sum("value"),
    )


@computation("prevention.people_trained")
def people_trained(params: P, ctx: Context) -> Measure:
    """People of ``professions`` trained in the year (``organiser_kinds``: who trained them)."""
    return c.counted(
        TrainingAudience.objects.all(),
        [
            c.when(params, "professions", lambda v: Q(profession__in=list(v))),
            c.when(params, "organiser_kinds", lambda v: c.kinds_q("training__organiser", v)),
        ],
        date="training__started_on",
        agency="training__organiser",
        dims=[
            Dimension("profession", "profession", Profession),
            Dimension("funding", "training__funding", Funding),
            c.agency("training__organiser"),
        ],
        drilldown="training",
        value=Sum("count"),
    )


@computation("prevention.trainings")
def trainings(params: P, ctx: Context) -> Measure:
    return c.counted(
        Training.objects.all(),
        [c.when(params, "funding", lambda v: Q(funding__in=list(v)))],
        date="started_on",
        agency="organiser",
        dims=[Dimension("funding", "funding", Funding), c.agency("organiser")],
    )


# Counts of activity records by their date, with no parameter.
c.counting(
    "prevention.campaigns",
    AwarenessCampaign,
    "started_on",
    "organiser",
    Dimension("channel", "channel", CampaignChannel),
    Dimension("funding", "funding", Funding),
)
c.counting(
    "prevention.meetings", WorkingGroupMeeting, "held_on", "body", Dimension("virtual", "virtual")
)
c.counting(
    "prevention.agreements",
    BilateralAgreement,
    "signed_on",
    "recorded_by",
    Dimension("country", "country__name"),
)
c.counting(
    "prevention.special_operations", SpecialOperation, "started_on", "organiser", c.region("region")
)
