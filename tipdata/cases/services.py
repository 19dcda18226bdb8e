"""Writes about criminal cases: registration, dated steps, defendants, verdicts, sentences.

Each step of a case is a named transition *and* a dated ``CaseStatusChange`` written in the
same transaction, because the statistics are computed from those dates (new investigations,
investigations continued on 1 January, prosecutions, reopenings).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tipdata.cases.models import (
    CaseReview,
    CaseStatusChange,
    CriminalCase,
    Defendant,
    InternationalCooperation,
    PartyRole,
    Sentence,
    TerminationReason,
    Verdict,
)
from tipdata.core.services import apply_transition, create_record, update_record
from tipdata.profiles.models import AgencyKind


def is_prosecutor(actor: Any) -> bool:
    organisation = getattr(actor, "organisation", None)
    return organisation is not None and organisation.agency_type.kind == AgencyKind.PROSECUTION


def _not_future(name: str, value: datetime.date) -> None:
    if value > timezone.localdate():
        raise ValidationError({name: _("The date cannot be in the future.")})


@transaction.atomic
def register_case(
    *, actor: Any, data: Mapping[str, Any], m2m: Mapping[str, Iterable[Any]] | None = None
) -> CriminalCase:
    """Register an investigation. At least one penal-code article is required."""
    m2m = dict(m2m or {})
    if not list(m2m.get("articles") or []):
        raise ValidationError({"articles": _("Name at least one penal-code article.")})
    _not_future("registered_on", data["registered_on"])
    case = create_record(actor=actor, instance=CriminalCase(**data), m2m=m2m)
    return case


def update_case(
    *,
    actor: Any,
    instance: CriminalCase,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> CriminalCase:
    if m2m is not None and "articles" in m2m and not list(m2m["articles"]):
        raise ValidationError({"articles": _("Name at least one penal-code article.")})
    return update_record(actor=actor, instance=instance, data=data, m2m=m2m)


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
    """Apply transition ``name`` and keep its dated record, in one transaction.

    Prosecutors supervise investigations: they may reopen, suspend or send to court a case
    that a police unit owns.
    """
    _not_future("occurred_on", occurred_on)
    if occurred_on < case.registered_on:
        raise ValidationError({"occurred_on": _("A step cannot precede the case's registration.")})
    last = case.status_changes.order_by("-occurred_on", "-id").first()
    if last is not None and occurred_on < last.occurred_on:
        raise ValidationError(
            {
                "occurred_on": _("A step cannot precede the case's previous step (%(date)s).")
                % {"date": last.occurred_on}
            }
        )
    with transaction.atomic():
        source = case.status
        apply_transition(
            actor=actor,
            instance=case,
            name=name,
            data=data,
            reason=reason,
            supervisory=is_prosecutor(actor),
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
    """
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
    """Send the case to court (a prosecution); it needs at least one charged defendant."""
    if not instance.defendants.filter(role=PartyRole.DEFENDANT).exists():
        raise ValidationError(
            {"occurred_on": _("Charge at least one defendant before sending the case to court.")}
        )
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
    """Close a court case once every charged defendant has a verdict."""
    pending = instance.defendants.filter(role=PartyRole.DEFENDANT, verdict__isnull=True)
    if pending.exists():
        raise ValidationError(
            {"occurred_on": _("%(n)d defendant(s) still await a verdict.") % {"n": pending.count()}}
        )
    return _step(actor=actor, case=instance, name="close", occurred_on=occurred_on, reason=reason)


def add_defendant(*, actor: Any, case: CriminalCase, data: Mapping[str, Any]) -> Defendant:
    """Add a suspect (or, with ``role=defendant``, a charged defendant) to a case."""
    return create_record(actor=actor, instance=Defendant(case=case, **data))


def update_defendant(*, actor: Any, instance: Defendant, data: Mapping[str, Any]) -> Defendant:
    return update_record(actor=actor, instance=instance, data=data)


def charge_defendant(*, actor: Any, instance: Defendant) -> Defendant:
    """A suspect is charged and becomes a defendant."""
    return update_record(actor=actor, instance=instance, data={"role": PartyRole.DEFENDANT})


def record_verdict(*, actor: Any, defendant: Defendant, data: Mapping[str, Any]) -> Verdict:
    """A court's verdict on one defendant of a case sent to court (rules in ``Verdict.clean``)."""
    _not_future("verdict_on", data["verdict_on"])
    data = dict(data)
    data.setdefault("exploitation_form", defendant.case.exploitation_form)
    return create_record(actor=actor, instance=Verdict(defendant=defendant, **data))


def record_sentence(*, actor: Any, verdict: Verdict, data: Mapping[str, Any]) -> Sentence:
    return create_record(actor=actor, instance=Sentence(verdict=verdict, **data))


def record_cooperation(
    *, actor: Any, case: CriminalCase, data: Mapping[str, Any]
) -> InternationalCooperation:
    _not_future("occurred_on", data["occurred_on"])
    return create_record(actor=actor, instance=InternationalCooperation(case=case, **data))


def record_case_review(
    *, actor: Any, data: Mapping[str, Any], m2m: Mapping[str, Iterable[Any]] | None = None
) -> CaseReview:
    return create_record(actor=actor, instance=CaseReview(**data), m2m=m2m)


def link_victims(*, actor: Any, case: CriminalCase, victims: Iterable[Any]) -> CriminalCase:
    """Add victims to a case (keeping those already linked)."""
    current = list(case.victims.all())
    merged = current + [v for v in victims if v not in current]
    return update_record(actor=actor, instance=case, data={}, m2m={"victims": merged})
