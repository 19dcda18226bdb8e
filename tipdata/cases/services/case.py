"""Writes about the case itself: registration, edits, dated steps, victims and reviews.

Each step of a case is a named transition *and* a dated ``CaseStatusChange`` written in the
same transaction, because the statistics are computed from those dates (new investigations,
investigations continued on 1 January, prosecutions, reopenings).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tipdata.cases.models import (
    CaseReview,
    CaseStatusChange,
    CriminalCase,
    PartyRole,
    TerminationReason,
    not_before,
)
from tipdata.core.links import check_visible
from tipdata.core.models import Record
from tipdata.core.services import apply_transition, create_record, update_record
from tipdata.profiles.models import AgencyKind


def is_prosecutor(actor: Any) -> bool:
    organisation = getattr(actor, "organisation", None)
    return organisation is not None and organisation.is_kind(AgencyKind.PROSECUTION)


def not_future(errors: dict[str, Any], name: str, value: datetime.date | None) -> None:
    if value is not None and value > timezone.localdate():
        errors[name] = _("The date cannot be in the future.")


def raise_if(errors: Mapping[str, Any]) -> None:
    """Raise every collected field error at once, so a form shows them all together."""
    if errors:
        raise ValidationError(dict(errors))


def refuse_future(name: str, value: datetime.date | None) -> None:
    errors: dict[str, Any] = {}
    not_future(errors, name, value)
    raise_if(errors)


@contextmanager
def restored_on_error(instance: Record) -> Iterator[None]:
    """Put ``instance`` back as stored when a transition fails.

    The transaction already undoes the database write; this also undoes the in-memory status
    set by ``Workflow.apply``, so a caller that catches the error cannot save it by accident.
    """
    try:
        yield
    except ValidationError:
        instance.refresh_from_db()
        instance._tipdata_transition = None  # type: ignore[attr-defined]
        raise


def _check_articles(m2m: Mapping[str, Iterable[Any]] | None, errors: dict[str, Any]) -> None:
    if m2m is not None and "articles" in m2m and not list(m2m["articles"]):
        errors["articles"] = _("Name at least one penal-code article.")


@transaction.atomic
def register_case(
    *, actor: Any, data: Mapping[str, Any], m2m: Mapping[str, Iterable[Any]] | None = None
) -> CriminalCase:
    """Register an investigation. At least one penal-code article is required."""
    m2m = dict(m2m or {})
    m2m.setdefault("articles", [])
    errors: dict[str, Any] = {}
    _check_articles(m2m, errors)
    not_future(errors, "registered_on", data.get("registered_on"))
    raise_if(errors)
    check_visible(actor, "special_operation", [data.get("special_operation")])
    data = dict(data)
    data["registration_number"] = str(data.get("registration_number") or "").strip()
    return create_record(actor=actor, instance=CriminalCase(**data), m2m=m2m)


@transaction.atomic
def update_case(
    *,
    actor: Any,
    instance: CriminalCase,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> CriminalCase:
    """Correct a case's facts; its registration cannot move after its first dated step."""
    errors: dict[str, Any] = {}
    _check_articles(m2m, errors)
    registered_on = data.get("registered_on")
    not_future(errors, "registered_on", registered_on)
    first = instance.status_changes.order_by("occurred_on", "id").first()
    if registered_on and first is not None and registered_on > first.occurred_on:
        errors["registered_on"] = _(
            "The registration cannot follow the case's first step (%(date)s)."
        ) % {"date": first.occurred_on}
    raise_if(errors)
    check_visible(actor, "special_operation", [data.get("special_operation")])
    data = dict(data)
    if "registration_number" in data:
        data["registration_number"] = str(data["registration_number"] or "").strip()
    return update_record(actor=actor, instance=instance, data=data, m2m=m2m)


def may_supervise(actor: Any, case: CriminalCase, name: str) -> bool:
    """Steps another body may take on a case it does not own.

    Prosecutors supervise the investigations in their scope (they suspend, reopen, send to
    court): the cases access control lets them see, so a regional office cannot act on
    another region's case. The court that tried a case may close it once every defendant
    has a verdict.
    """
    if is_prosecutor(actor):
        return CriminalCase.objects.visible_to(actor).filter(pk=case.pk).exists()
    organisation_id = getattr(actor, "organisation_id", None)
    return name == "close" and organisation_id is not None and organisation_id == case.court_id


def _check_step_date(case: CriminalCase, occurred_on: datetime.date | None) -> None:
    errors: dict[str, Any] = {}
    if occurred_on is None:
        raise ValidationError({"occurred_on": _("Give the date of the step.")})
    not_future(errors, "occurred_on", occurred_on)
    last = case.status_changes.order_by("-occurred_on", "-id").first()
    message = _("A step cannot precede the case's registration (%(date)s).")
    not_before(errors, "occurred_on", occurred_on, case.registered_on, message)
    message = _("A step cannot precede the case's previous step (%(date)s).")
    not_before(errors, "occurred_on", occurred_on, last and last.occurred_on, message)
    raise_if(errors)


def _step(
    *,
    actor: Any,
    case: CriminalCase,
    name: str,
    occurred_on: datetime.date,
    data: Mapping[str, Any] | None = None,
    reason: str = "",
    organisation: Any = None,
    review: CaseReview | None = None,
) -> CriminalCase:
    """Apply transition ``name`` and keep its dated record, in one transaction."""
    _check_step_date(case, occurred_on)
    with restored_on_error(case), transaction.atomic():
        source = case.status
        apply_transition(
            actor=actor,
            instance=case,
            name=name,
            data=data,
            reason=reason,
            supervisory=may_supervise(actor, case, name),
        )
        CaseStatusChange.objects.create(
            case=case,
            transition=name,
            from_status=source,
            to_status=case.status,
            occurred_on=occurred_on,
            organisation=organisation or getattr(actor, "organisation", None),
            reason=reason,
            review=review,
        )
    # A caller that prefetched the steps (the API's viewset) must see the new one.
    getattr(case, "_prefetched_objects_cache", {}).pop("status_changes", None)
    return case


def suspend_case(
    *, actor: Any, instance: CriminalCase, occurred_on: datetime.date, reason: str = ""
) -> CriminalCase:
    return _step(actor=actor, case=instance, name="suspend", occurred_on=occurred_on, reason=reason)


def resume_case(
    *, actor: Any, instance: CriminalCase, occurred_on: datetime.date, reason: str = ""
) -> CriminalCase:
    return _step(actor=actor, case=instance, name="resume", occurred_on=occurred_on, reason=reason)


def terminate_case(
    *,
    actor: Any,
    instance: CriminalCase,
    occurred_on: datetime.date,
    termination_reason: str,
    reason: str = "",
) -> CriminalCase:
    """Close an investigation without sending it to court (e.g. at the victim's request)."""
    if termination_reason not in TerminationReason.values:
        raise ValidationError({"termination_reason": _("Choose a reason from the list.")})
    return _step(
        actor=actor,
        case=instance,
        name="terminate",
        occurred_on=occurred_on,
        data={"termination_reason": termination_reason},
        reason=reason,
    )


def reopen_case(
    *,
    actor: Any,
    instance: CriminalCase,
    occurred_on: datetime.date,
    reopened_by: Any = None,
    review: CaseReview | None = None,
    reason: str = "",
) -> CriminalCase:
    """Reopen a terminated or suspended case; ``reopened_by`` is e.g. the Prosecutor General.

    Reopening is a prosecutor's supervisory act, so the reopening body need not own the case.
    A reopening that comes out of a review must concern a case the review covers.
    """
    check_visible(actor, "review", [review])
    errors: dict[str, Any] = {}
    if review is not None:
        if not review.cases.filter(pk=instance.pk).exists():
            errors["review"] = _("This review does not cover this case.")
        message = _("The reopening cannot precede the review (%(date)s).")
        not_before(errors, "occurred_on", occurred_on, review.started_on, message)
    raise_if(errors)
    return _step(
        actor=actor,
        case=instance,
        name="reopen",
        occurred_on=occurred_on,
        data={"termination_reason": ""},
        reason=reason,
        organisation=reopened_by,
        review=review,
    )


def send_to_court(
    *,
    actor: Any,
    instance: CriminalCase,
    occurred_on: datetime.date,
    prosecutor_office: Any = None,
    court: Any = None,
    reason: str = "",
) -> CriminalCase:
    """Send the case to court (a prosecution); it needs a defendant charged by that date."""
    charged = instance.defendants.filter(role=PartyRole.DEFENDANT)
    if not charged.exists():
        raise ValidationError(
            {"occurred_on": _("Charge at least one defendant before sending the case to court.")}
        )
    if (
        occurred_on is not None
        and not charged.filter(Q(charged_on__isnull=True) | Q(charged_on__lte=occurred_on)).exists()
    ):
        raise ValidationError(
            {
                "occurred_on": _(
                    "No defendant was charged by this date; the case cannot go to court."
                )
            }
        )
    if prosecutor_office is None and is_prosecutor(actor):
        prosecutor_office = actor.organisation
    data: dict[str, Any] = {"sent_to_court_on": occurred_on}
    if prosecutor_office is not None:
        data["prosecutor_office"] = prosecutor_office
    if court is not None:
        data["court"] = court
    return _step(
        actor=actor,
        case=instance,
        name="send_to_court",
        occurred_on=occurred_on,
        data=data,
        reason=reason,
    )


def close_case(
    *, actor: Any, instance: CriminalCase, occurred_on: datetime.date, reason: str = ""
) -> CriminalCase:
    """Close a court case once every charged defendant has a verdict, not before the last."""
    charged = instance.defendants.filter(role=PartyRole.DEFENDANT)
    pending = charged.filter(verdict__isnull=True)
    if pending.exists():
        raise ValidationError(
            {"occurred_on": _("%(n)d defendant(s) still await a verdict.") % {"n": pending.count()}}
        )
    last = charged.order_by("-verdict__verdict_on").values_list("verdict__verdict_on", flat=True)
    errors: dict[str, Any] = {}
    message = _("The case cannot close before its last verdict (%(date)s).")
    not_before(errors, "occurred_on", occurred_on, last.first(), message)
    raise_if(errors)
    return _step(actor=actor, case=instance, name="close", occurred_on=occurred_on, reason=reason)


def link_victims(*, actor: Any, case: CriminalCase, victims: Iterable[Any]) -> CriminalCase:
    """Add victims to a case (keeping those already linked)."""
    victims = list(victims)
    if not victims:
        raise ValidationError({"victims": _("Choose at least one victim.")})
    check_visible(actor, "victims", victims)
    current = list(case.victims.all())
    merged = current + [v for v in victims if v not in current]
    return update_record(actor=actor, instance=case, data={}, m2m={"victims": merged})


def unlink_victim(*, actor: Any, case: CriminalCase, victim: Any, reason: str = "") -> CriminalCase:
    """Remove a victim linked by mistake; the audit keeps who did it and why."""
    current = list(case.victims.all())
    if victim not in current:
        raise ValidationError({"victims": _("This victim is not linked to the case.")})
    remaining = [v for v in current if v != victim]
    return update_record(
        actor=actor, instance=case, data={}, m2m={"victims": remaining}, reason=reason
    )


def _check_review(data: Mapping[str, Any]) -> None:
    errors: dict[str, Any] = {}
    not_future(errors, "started_on", data.get("started_on"))
    not_future(errors, "completed_on", data.get("completed_on"))
    raise_if(errors)


def record_case_review(
    *, actor: Any, data: Mapping[str, Any], m2m: Mapping[str, Iterable[Any]] | None = None
) -> CaseReview:
    """A review of many closed or suspended cases; reopenings may then cite it."""
    _check_review(data)
    return create_record(actor=actor, instance=CaseReview(**data), m2m=m2m)


def update_case_review(
    *,
    actor: Any,
    instance: CaseReview,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> CaseReview:
    _check_review(data)
    if m2m and "cases" in m2m:
        kept = {c.pk for c in m2m["cases"]}
        cited = instance.steps.exclude(case_id__in=kept)
        if cited.exists():
            raise ValidationError(
                {"cases": _("A case reopened under this review cannot be removed from it.")}
            )
    return update_record(actor=actor, instance=instance, data=data, m2m=m2m)
