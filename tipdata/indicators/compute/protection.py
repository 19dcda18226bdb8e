"""Protection: victims identified, referred and assisted; the hotline; shelters and grants.

A victim counts once per year after de-duplication: the value is the number of distinct
``Person``s, so the same woman recorded by the police and by a shelter counts once. Records
imported without identity (de-identified, e.g. CTDC) are left out of national counts: they
cannot be de-duplicated against anything. They count only in the victims registered and assisted
by the organisation that contributed them (``victims_registered``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from tipdata.activities.models import Grant, Repatriation, Taskforce
from tipdata.core.vocabulary import IdentificationChannel, ServiceKind
from tipdata.hotline.models import CallerType, CallOutcome, CallTopic, HotlineCall
from tipdata.indicators.compute import common as c
from tipdata.indicators.compute.base import Context, Dimension, Measure, computation
from tipdata.referrals.models import Referral, ServiceDelivery
from tipdata.victims.models import Exploitation, Victim, VictimStatus

P = Mapping[str, Any]
PERSONS = Count("person", distinct=True)


def victim_filters(params: P, ctx: Context, prefix: str = "") -> list[Q | None]:
    """Conditions on a victim record (at ``prefix``) from the catalogue's parameters."""

    def on(name: str, value: Any) -> Q:
        return Q(**{f"{prefix}{name}": value})

    def with_forms(value: Any) -> Q:
        found = Exploitation.objects.filter(form__in=c.forms(value)).values("victim")
        return Q(**{f"{prefix}pk__in": found})

    return [
        None if params.get("include_deidentified") else on("is_deidentified", False),
        c.when(params, "citizenship", lambda v: c.country_q(f"{prefix}citizenship", v, ctx)),
        c.when(
            params,
            "exploitation_country",
            lambda v: c.country_q(f"{prefix}exploitation_country", v, ctx),
        ),
        c.when(params, "forms", with_forms),
        c.when(params, "sex", lambda v: on("sex", v)),
        c.when(params, "age_group", lambda v: on("age_group", v)),
        c.when(params, "channel", lambda v: on("identification_channel", v)),
        c.when(params, "identified_by_kinds", lambda v: c.kinds_q(f"{prefix}identified_by", v)),
        c.when(params, "identified", lambda v: identified_person(prefix, v)),
    ]


def identified_person(prefix: str, wanted: bool) -> Q:
    """Whether the person is formally identified by any agency (not only in this record).

    Here and below, a condition on other rows is an uncorrelated ``IN`` (the set of such
    persons or records, computed once; the columns compared are never NULL, so ``NOT IN``
    means "not among them") rather than a correlated ``EXISTS``: in a shared query the
    condition sits in an aggregate's FILTER, where PostgreSQL runs a correlated subquery row
    by row but an uncorrelated one once, as a hash.
    """
    persons = Victim.objects.filter(status=VictimStatus.IDENTIFIED).values("person")
    found = Q(**{f"{prefix}person__in": persons})
    return found if wanted else ~found


def victim_dims(prefix: str = "") -> list[Dimension]:
    return [
        c.sex(f"{prefix}sex"),
        c.age_group(f"{prefix}age_group"),
        c.citizenship(f"{prefix}citizenship"),
        c.form(f"{prefix}exploitations__form"),
        c.region(f"{prefix}exploitation_region"),
        Dimension("country", f"{prefix}exploitation_country__name"),
        c.agency(f"{prefix}identified_by"),
        Dimension("channel", f"{prefix}identification_channel", IdentificationChannel),
    ]


@computation("protection.victims_identified")
def victims_identified(params: P, ctx: Context) -> Measure:
    """Persons formally identified in the year (by the date of identification)."""
    return c.counted(
        Victim.objects.filter(status=VictimStatus.IDENTIFIED),
        victim_filters(params, ctx),  # apart from the rows: one query for every such figure
        date="identified_on",
        agency="identified_by",
        dims=victim_dims(),
        value=PERSONS,
    )


class RecordIdentity:
    """Labels of the ``record`` dimension: identified records or de-identified ones (CTDC)."""

    def __init__(self, deidentified: bool) -> None:
        self.label = (
            _("De-identified (contributed without identity)") if deidentified else _("Identified")
        )


@computation("protection.victims_registered")
def victims_registered(params: P, ctx: Context) -> Measure:
    """Persons an organisation registered and assisted in the year (by the registration date).

    Unlike the national counts, de-identified records (``include_deidentified``) count here: an
    organisation that contributed CTDC records did assist those victims. Each such record is a
    person of its own (it cannot be linked), identified records count once per person.
    """
    return c.counted(
        Victim.objects.exclude(status=VictimStatus.NOT_A_VICTIM),
        victim_filters(params, ctx),
        date="registered_on",
        agency="registered_by",
        dims=[
            c.agency("registered_by"),
            Dimension("record", "is_deidentified", RecordIdentity),
            c.sex(),
            c.age_group(),
            c.citizenship(),
        ],
        value=PERSONS,
    )


@computation("protection.services")
def services(params: P, ctx: Context) -> Measure:
    """Persons who received a service in the year (by kind, provider kind, outcome)."""
    return c.counted(
        ServiceDelivery.objects.all(),
        [
            *victim_filters(params, ctx, "victim__"),
            c.when(params, "kinds", lambda v: Q(kind__in=list(v))),
            c.when(params, "outcomes", lambda v: Q(outcome__in=list(v))),
            c.when(params, "provider_kinds", lambda v: c.kinds_q("provider", v)),
            c.when(params, "with_case", lambda v: with_case_q("victim__person", v)),
        ],
        date="started_on",
        agency="provider",
        dims=[
            Dimension("service", "kind", ServiceKind),
            c.citizenship("victim__citizenship"),
            c.sex("victim__sex"),
            c.agency("provider"),
        ],
        value=Count("victim__person", distinct=True),
    )


def with_case_q(person_path: str, wanted: bool) -> Q:
    """Whether any record of the person is linked to a criminal case (foreign victims' access)."""
    persons = Victim.objects.filter(cases__isnull=False).values("person")
    found = Q(**{f"{person_path}__in": persons})
    return found if wanted else ~found


@computation("protection.referrals")
def referrals(params: P, ctx: Context) -> Measure:
    """Persons referred in the year by organisations of ``from_kinds``."""
    return c.counted(
        Referral.objects.all(),
        [
            *victim_filters(params, ctx, "victim__"),
            c.when(params, "from_kinds", lambda v: c.kinds_q("from_organisation", v)),
            c.when(params, "to_kinds", lambda v: c.kinds_q("to_organisation", v)),
        ],
        date="referred_on",
        agency="from_organisation",
        dims=[
            Dimension("referred to", "to_organisation__name"),
            Dimension("status", "status"),
            c.citizenship("victim__citizenship"),
        ],
        value=Count("victim__person", distinct=True),
    )


@computation("protection.hotline_calls")
def hotline_calls(params: P, ctx: Context) -> Measure:
    """Calls received in the year (``outcomes``; ``with_case``: those that led to a case)."""
    return c.counted(
        HotlineCall.objects.all(),  # the conditions apart: calls share one query (batch)
        [
            c.when(params, "outcomes", lambda v: Q(outcome__in=list(v))),
            c.when(params, "with_case", lambda v: Q(case__isnull=not v)),
        ],
        date="received_at",
        agency="operator",
        dims=[
            Dimension("topic", "topic", CallTopic),
            Dimension("caller", "caller_type", CallerType),
            Dimension("outcome", "outcome", CallOutcome),
            c.region("region"),
        ],
    )


@computation("protection.taskforces")
def taskforces(params: P, ctx: Context) -> Measure:
    rows = c.apply(Taskforce.objects.all(), [c.when(params, "pilot", lambda v: Q(pilot=v))])
    return c.counted(rows, date="established_on", agency="coordinator", dims=[c.region("region")])


GRANT_VALUES = {
    "grantees": Count("grantee", distinct=True),
    "regions": Count("region", distinct=True),
    "amount": Sum("amount_kzt"),
}


@computation("protection.grants")
def grants(params: P, ctx: Context) -> Measure:
    """Grants of a funding year (``value``: grantees, regions or amount)."""
    rows = c.apply(
        Grant.objects.filter(is_allocation=bool(params.get("allocation"))),
        [c.when(params, "purpose", lambda v: Q(purpose=v))],
    )
    value = params.get("value", "amount")
    return c.counted(
        rows,
        year_field="year",
        agency="funder",
        dims=[c.region("region"), Dimension("grantee", "grantee__name")],
        value=GRANT_VALUES[value],
        money=value == "amount",
    )


@computation("protection.repatriations")
def repatriations(params: P, ctx: Context) -> Measure:
    """People repatriated (``count``: children, men or women), April to March by default."""
    rows = Repatriation.objects.all()
    return c.counted(
        rows,
        date="started_on",
        agency="organiser",
        dims=[Dimension("from", "from_country__name")],
        value=Sum(params["count"]),
        first_month=int(params.get("first_month", 4)),
    )
