"""Retention and erasure of personal data, keeping every statistic.

Personal data is kept while someone works with it. A victim's personal data expires when
nothing has happened on their record for ``TIPDATA_RETENTION_DAYS`` (registration,
identification, referrals, services, calls, inspections, case steps) and no criminal case
linked to them is still open or in court. A defendant's expires the same period after their
case was closed or terminated; a hotline call's summary that period after the call.

Erasure blanks the personal fields (every ``PERSONAL_FIELDS`` entry of the records concerned)
and leaves the pseudonymous record, its status, dates, sex, age group, citizenship, forms of
exploitation, links and its ``Person``: every count of the report stays the same. Each erasure
is audited (``erase``), naming the fields, never their values.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tipdata.accounts.access import PERSONAL_DATA_ROLES, can_write
from tipdata.audit.services import Action, record_event
from tipdata.core.fields import EncryptedField

STILL_OPEN = ("investigating", "suspended", "in_court")
ENDED = ("closed", "terminated")
# Records that carry personal data about one victim, by the field pointing at the victim.
VICTIM_RECORDS = [
    ("victims.PersonalData", "victim"),
    ("referrals.Referral", "victim"),
    ("referrals.ServiceDelivery", "victim"),
    ("hotline.HotlineCall", "victims"),
]
ERASED_TEXT = "[erased]"


def cutoff(now: datetime.datetime | None = None, days: int | None = None) -> datetime.datetime:
    days = settings.TIPDATA_RETENTION_DAYS if days is None else days
    return (now or timezone.now()) - datetime.timedelta(days=days)


def _model(label: str) -> Any:
    return apps.get_model(label)


def expired_victims(before: datetime.datetime) -> QuerySet:
    """Victims with personal data still held and no activity since ``before``."""
    day = before.date()
    victims = _model("victims.Victim").objects.filter(
        personal__isnull=False,
        personal__erased_on__isnull=True,
        registered_on__lt=day,
        updated_at__lt=before,
    )
    recent = {
        "identified_on__gte": day,
        "status_decided_on__gte": day,
        "cases__status__in": STILL_OPEN,
        "cases__registered_on__gte": day,
        "cases__status_changes__occurred_on__gte": day,
        "referrals__referred_on__gte": day,
        "referrals__responded_on__gte": day,
        "referrals__completed_on__gte": day,
        "services__started_on__gte": day,
        "services__ended_on__gte": day,
        "hotline_calls__received_at__gte": before,
        "inspections__inspected_on__gte": day,
    }
    for condition, value in recent.items():
        victims = victims.exclude(**{condition: value})
    return victims


def expired_defendants(before: datetime.datetime) -> QuerySet:
    Defendant = _model("cases.Defendant")
    recent_steps = _model("cases.CaseStatusChange").objects.filter(occurred_on__gte=before.date())
    return (
        Defendant.objects.filter(case__status__in=ENDED, case__updated_at__lt=before)
        .exclude(case__in=recent_steps.values("case"))
        .exclude(case__registered_on__gte=before.date())
        .exclude(full_name="", birth_year__isnull=True)
    )


def _erase_fields(queryset: QuerySet, names: Iterable[str]) -> list[str]:
    """Blank ``names`` on every row of ``queryset``; returns the fields that held a value."""
    erased = []
    for name in names:
        field = queryset.model._meta.get_field(name)
        if field.null:
            count = queryset.filter(**{f"{name}__isnull": False}).update(**{name: None})
        else:
            # Plain text may be required by validation (an override reason): mark it instead.
            plain = not isinstance(field, EncryptedField) and not name.endswith("_hash")
            blank = ERASED_TEXT if plain else ""
            held = queryset.exclude(**{name: ""})
            if plain:
                held = held.exclude(**{name: ERASED_TEXT})
            count = held.update(**{name: blank})
        if count:
            erased.append(name)
    return erased


@transaction.atomic
def erase_victim(*, actor: Any, victim: Any, reason: str) -> list[str]:
    """Erase every personal value about ``victim``; returns the fields erased (audited)."""
    erased: list[str] = []
    for label, link in VICTIM_RECORDS:
        model = _model(label)
        rows = model._default_manager.filter(**{link: victim})
        fields = [f for f in getattr(model, "PERSONAL_FIELDS", ()) if f != "erased_on"]
        erased += [f"{model._meta.model_name}.{f}" for f in _erase_fields(rows, fields)]
    personal = _model("victims.PersonalData").objects.filter(victim=victim)
    personal.update(erased_on=timezone.localdate())
    # Record linkage's blocking keys are derived from the erased values: none are kept.
    from tipdata.linkage import index  # linkage reads victims; privacy only calls it here

    index.write_index(personal)
    record_event(
        actor=actor,
        action=Action.ERASE,
        obj=victim,
        changes={"erased": sorted(erased)},
        reason=reason,
    )
    return erased


@transaction.atomic
def erase_defendant(*, actor: Any, defendant: Any, reason: str) -> list[str]:
    rows = type(defendant)._default_manager.filter(pk=defendant.pk)
    erased = _erase_fields(rows, defendant.PERSONAL_FIELDS)
    record_event(
        actor=actor, action=Action.ERASE, obj=defendant, changes={"erased": erased}, reason=reason
    )
    return erased


def erase_on_request(*, actor: Any, victim: Any, reason: str) -> list[str]:
    """Erase a victim's personal data at their valid request (right to erasure).

    The organisation that registered the victim (a person working with people) or an
    administrator does it; refused while a linked criminal case is open or in court, where
    the law requires the evidence to be kept.
    """
    allowed = (
        actor is None
        or getattr(actor, "is_administrator", False)
        or (
            getattr(actor, "role", None) in PERSONAL_DATA_ROLES
            and can_write(actor, victim.registered_by, victim)
        )
    )
    if not allowed:
        raise PermissionDenied(_("Only the registering organisation may erase this record."))
    if not reason.strip():
        raise ValidationError({"reason": _("Record the request (who asked, when, how).")})
    if victim.cases.filter(status__in=STILL_OPEN).exists():
        raise ValidationError(
            _("A criminal case linked to this victim is still open: its evidence must be kept.")
        )
    return erase_victim(actor=actor, victim=victim, reason=reason)


def erase_expired(
    *, now: datetime.datetime | None = None, days: int | None = None, dry_run: bool = False
) -> dict[str, int]:
    """Erase all personal data past retention; returns how many records of each kind."""
    before = cutoff(now, days)
    reason = _("Retention period of %(days)s days ended.") % {
        "days": settings.TIPDATA_RETENTION_DAYS if days is None else days
    }
    victims = list(expired_victims(before))
    defendants = list(expired_defendants(before))
    Call = _model("hotline.HotlineCall")
    calls = Call.objects.filter(received_at__lt=before).exclude(summary="")
    counts = {"victims": len(victims), "defendants": len(defendants), "calls": calls.count()}
    if dry_run:
        return counts
    for victim in victims:
        erase_victim(actor=None, victim=victim, reason=reason)
    for defendant in defendants:
        erase_defendant(actor=None, defendant=defendant, reason=reason)
    with transaction.atomic():
        ids = list(calls.values_list("pk", flat=True))
        if ids:
            _erase_fields(Call.objects.filter(pk__in=ids), Call.PERSONAL_FIELDS)
            record_event(
                actor=None,
                action=Action.ERASE,
                object_repr=f"{len(ids)} hotline call summaries",
                changes={"model": "hotline.hotlinecall", "ids": ids},
                reason=reason,
            )
    return counts
