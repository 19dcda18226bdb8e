"""The visibility policy of every record model (registered with ``access.policy``).

Each function receives a queryset of its model and a signed-in, non-administrator user of one
of the roles allowed to browse it, and returns the records that user may see. Subqueries
(``pk__in``) rather than joins keep every list free of duplicates.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Q, QuerySet

from tipdata.accounts.access import ALL_ROLES, PERSONAL_DATA_ROLES, policy
from tipdata.accounts.models import Role

NOTHING = Q(pk__in=[])
CASE_ROLES = frozenset({Role.POLICE_INVESTIGATOR, Role.PROSECUTOR, Role.COURT_CLERK, Role.ANALYST})
PEOPLE_ROLES = PERSONAL_DATA_ROLES | {Role.ANALYST}
# Who records what (for their own organisation): courts record verdicts, not victims.
REGISTRARS = PERSONAL_DATA_ROLES - {Role.COURT_CLERK}
INVESTIGATORS = {Role.POLICE_INVESTIGATOR}
COURTS = {Role.COURT_CLERK}


def _model(label: str) -> Any:
    return apps.get_model(label)


def is_national_prosecutor(user: Any) -> bool:
    """The Prosecutor General's Office supervises every pre-trial investigation in the country."""
    organisation = user.organisation
    return (
        user.role == Role.PROSECUTOR
        and organisation is not None
        and organisation.agency_type.code in settings.TIPDATA_NATIONAL_PROSECUTION_TYPES
    )


def case_q(user: Any, prefix: str = "") -> Q | None:
    """The criminal cases ``user`` may see, as a condition on ``<prefix>`` + case fields.

    ``None`` means every case (``Q()`` would vanish when combined with ``|``).
    """
    org = user.organisation_id
    if user.role == Role.ANALYST or is_national_prosecutor(user):
        return None
    if org is None:
        return NOTHING
    if user.role == Role.POLICE_INVESTIGATOR:
        return Q(**{f"{prefix}investigating_unit": org})
    if user.role == Role.PROSECUTOR:
        supervised = Q(**{f"{prefix}prosecutor_office": org}) | Q(
            **{f"{prefix}prosecutor_office__parent": org}
        )
        region = user.organisation.region_id
        return supervised | Q(**{f"{prefix}region": region}) if region else supervised
    if user.role == Role.COURT_CLERK:
        return Q(**{f"{prefix}court": org})
    return NOTHING


def _filter(queryset: QuerySet, *conditions: Q | None) -> QuerySet:
    """``queryset`` narrowed to rows meeting any of ``conditions`` (``None``: everything)."""
    if any(c is None for c in conditions):
        return queryset
    combined = NOTHING
    for condition in conditions:
        combined |= condition  # type: ignore[operator]
    return queryset.filter(combined)


def referred_victims(org_id: int) -> QuerySet:
    """Victims referred to ``org_id`` whose consent to share with it has not been withdrawn."""
    from tipdata.privacy.consent import withdrawn_victims

    referrals = _model("referrals.Referral").objects.filter(to_organisation=org_id)
    return (
        referrals.exclude(status__in=("declined", "withdrawn"))
        .exclude(victim__in=withdrawn_victims(org_id))
        .values("victim")
    )


@policy("victims.victim", roles=PEOPLE_ROLES, writers=REGISTRARS)
def victims(queryset: QuerySet, user: Any) -> QuerySet:
    org = user.organisation_id
    if user.role == Role.ANALYST:
        return queryset
    if org is None:
        return queryset.none()
    q = Q(registered_by=org) | Q(pk__in=referred_victims(org))
    if user.role in CASE_ROLES:
        cases = _filter(_model("cases.CriminalCase").objects.all(), case_q(user))
        q |= Q(pk__in=cases.values("victims"))
    if user.role == Role.LABOUR_INSPECTOR:
        inspections = _model("inspections.LabourInspection").objects.filter(inspecting_unit=org)
        q |= Q(pk__in=inspections.values("victims"))
    if user.role == Role.HOTLINE_OPERATOR:
        calls = _model("hotline.HotlineCall").objects.filter(operator=org)
        q |= Q(pk__in=calls.values("victims"))
    return queryset.filter(q)


@policy("referrals.referral", roles=PEOPLE_ROLES, writers=REGISTRARS)
def referrals(queryset: QuerySet, user: Any) -> QuerySet:
    if user.role == Role.ANALYST:
        return queryset
    org = user.organisation_id
    return queryset.filter(Q(from_organisation=org) | Q(to_organisation=org))


@policy("referrals.servicedelivery", roles=PEOPLE_ROLES, writers=REGISTRARS)
def services_delivered(queryset: QuerySet, user: Any) -> QuerySet:
    if user.role == Role.ANALYST:
        return queryset
    org = user.organisation_id
    return queryset.filter(
        Q(provider=org) | Q(victim__registered_by=org) | Q(referral__from_organisation=org)
    )


@policy("cases.criminalcase", roles=CASE_ROLES, writers=INVESTIGATORS)
def criminal_cases(queryset: QuerySet, user: Any) -> QuerySet:
    return _filter(queryset, case_q(user))


@policy("cases.defendant", roles=CASE_ROLES, writers=INVESTIGATORS)
@policy("cases.internationalcooperation", roles=CASE_ROLES, writers=INVESTIGATORS)
def case_parts(queryset: QuerySet, user: Any) -> QuerySet:
    return _filter(queryset, case_q(user, "case__"))


@policy("cases.verdict", roles=CASE_ROLES, writers=COURTS)
def verdicts(queryset: QuerySet, user: Any) -> QuerySet:
    return _filter(queryset, case_q(user, "defendant__case__"), Q(court=user.organisation_id))


@policy("cases.sentence", roles=CASE_ROLES, writers=COURTS)
def sentences(queryset: QuerySet, user: Any) -> QuerySet:
    own_court = Q(verdict__court=user.organisation_id)
    return _filter(queryset, case_q(user, "verdict__defendant__case__"), own_court)


@policy("cases.casereview", roles=CASE_ROLES, writers={Role.PROSECUTOR})
def case_reviews(queryset: QuerySet, user: Any) -> QuerySet:
    if user.role == Role.ANALYST or is_national_prosecutor(user):
        return queryset
    return queryset.filter(conducted_by=user.organisation_id)


def _own_or_referred(owner: str) -> Any:
    """Records an organisation made (``owner``) or that were referred to it."""

    def narrow(queryset: QuerySet, user: Any) -> QuerySet:
        if user.role == Role.ANALYST:
            return queryset
        org = user.organisation_id
        return queryset.filter(Q(**{owner: org}) | Q(referred_to=org))

    return narrow


hotline_calls = policy("hotline.hotlinecall", roles=PEOPLE_ROLES, writers={Role.HOTLINE_OPERATOR})(
    _own_or_referred("operator")
)
labour_inspections = policy(
    "inspections.labourinspection", roles=PEOPLE_ROLES, writers={Role.LABOUR_INSPECTOR}
)(_own_or_referred("inspecting_unit"))


@policy("activities.*", roles=ALL_ROLES - {Role.AUDITOR})
def activities(queryset: QuerySet, user: Any) -> QuerySet:
    """Prevention and capacity records hold no personal data: national figures for all."""
    return queryset


@policy("accounts.organisation")
def organisations(queryset: QuerySet, user: Any) -> QuerySet:
    """The directory of agencies: everyone picks referral recipients and filters by it."""
    return queryset


@policy("privacy.consent", roles=PERSONAL_DATA_ROLES)
def consents(queryset: QuerySet, user: Any) -> QuerySet:
    org = user.organisation_id
    return queryset.filter(Q(recorded_by=org) | Q(recipient=org) | Q(victim__registered_by=org))
