"""Writes about the people in a case and what courts and foreign partners did.

Suspects are added and charged by the investigating unit (prosecutors may charge too, as
supervisors); verdicts and sentences are recorded by the court that gave them; cooperation
abroad by the investigating unit. Each function writes in one transaction with its audit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tipdata.cases.models import (
    EXTRADITIONS,
    CaseStatus,
    CriminalCase,
    Defendant,
    InternationalCooperation,
    PartyRole,
    Sentence,
    Verdict,
)
from tipdata.cases.services.case import (
    may_supervise,
    refuse_future,
    restored_on_error,
)
from tipdata.core.services import apply_transition, create_record, update_record
from tipdata.profiles.models import AgencyKind

CLOSED_TO_PARTIES = (CaseStatus.TERMINATED, CaseStatus.CLOSED)


def _check_case_open(case: CriminalCase) -> None:
    if case.status in CLOSED_TO_PARTIES:
        raise ValidationError(
            {
                "case": _("The case is %(status)s: reopen it before adding or charging anyone.")
                % {"status": case.get_status_display()}
            }
        )


def _fixed(instance: Any, data: Mapping[str, Any], name: str, message: str) -> None:
    """Refuse moving a sub-record to another parent: correct it by recording it again."""
    if name in data and data[name] != getattr(instance, name):
        raise ValidationError({name: message})


@transaction.atomic
def add_defendant(*, actor: Any, case: CriminalCase, data: Mapping[str, Any]) -> Defendant:
    """Add a suspect (or, with ``role=defendant``, a suspect charged at once) to a case."""
    _check_case_open(case)
    data = dict(data)
    role = data.pop("role", PartyRole.SUSPECT)
    charged_on = data.pop("charged_on", None)
    defendant = create_record(actor=actor, instance=Defendant(case=case, **data))
    if role == PartyRole.DEFENDANT:
        charge_defendant(actor=actor, instance=defendant, charged_on=charged_on)
    return defendant


def update_defendant(
    *,
    actor: Any,
    instance: Defendant,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> Defendant:
    _fixed(instance, data, "case", _("A suspect stays in their case."))
    return update_record(actor=actor, instance=instance, data=data, m2m=m2m)


def charge_defendant(
    *,
    actor: Any,
    instance: Defendant,
    charged_on: datetime.date | None = None,
    reason: str = "",
) -> Defendant:
    """A suspect is charged and becomes a defendant (a named transition, dated when known)."""
    refuse_future("charged_on", charged_on)
    _check_case_open(instance.case)
    with restored_on_error(instance):
        return apply_transition(
            actor=actor,
            instance=instance,
            name="charge",
            data={"charged_on": charged_on},
            reason=reason,
            supervisory=may_supervise(actor, instance.case, "charge"),
        )


def _court_of(actor: Any, defendant: Defendant) -> Any:
    """The court giving a verdict: the clerk's own court, else the court the case went to."""
    organisation = getattr(actor, "organisation", None)
    if organisation is not None and organisation.is_kind(AgencyKind.COURT):
        return organisation
    return defendant.case.court


def record_verdict(*, actor: Any, defendant: Defendant, data: Mapping[str, Any]) -> Verdict:
    """A court's verdict on one defendant of a case sent to court (rules in ``Verdict.clean``)."""
    refuse_future("verdict_on", data.get("verdict_on"))
    data = dict(data)
    if not data.get("exploitation_form"):
        data["exploitation_form"] = defendant.case.exploitation_form
    if data.get("court") is None:
        data["court"] = _court_of(actor, defendant)
    return create_record(actor=actor, instance=Verdict(defendant=defendant, **data))


def update_verdict(
    *,
    actor: Any,
    instance: Verdict,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> Verdict:
    refuse_future("verdict_on", data.get("verdict_on"))
    _fixed(instance, data, "defendant", _("A verdict stays with its defendant."))
    return update_record(actor=actor, instance=instance, data=data, m2m=m2m)


def record_sentence(*, actor: Any, verdict: Verdict, data: Mapping[str, Any]) -> Sentence:
    """The sentence of one conviction (rules in ``Sentence.clean``)."""
    return create_record(actor=actor, instance=Sentence(verdict=verdict, **data))


def update_sentence(
    *,
    actor: Any,
    instance: Sentence,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> Sentence:
    _fixed(instance, data, "verdict", _("A sentence stays with its verdict."))
    return update_record(actor=actor, instance=instance, data=data, m2m=m2m)


def _mark_extradited(actor: Any, cooperation: InternationalCooperation) -> None:
    """An extradition of a named defendant also sets the defendant's ``extradited`` flag."""
    defendant = cooperation.defendant
    if cooperation.kind in EXTRADITIONS and defendant is not None and not defendant.extradited:
        update_record(actor=actor, instance=defendant, data={"extradited": True})


@transaction.atomic
def record_cooperation(
    *, actor: Any, case: CriminalCase, data: Mapping[str, Any]
) -> InternationalCooperation:
    """A mutual legal assistance request or an extradition, with the other country."""
    refuse_future("occurred_on", data.get("occurred_on"))
    cooperation = create_record(actor=actor, instance=InternationalCooperation(case=case, **data))
    _mark_extradited(actor, cooperation)
    return cooperation


@transaction.atomic
def update_cooperation(
    *,
    actor: Any,
    instance: InternationalCooperation,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> InternationalCooperation:
    refuse_future("occurred_on", data.get("occurred_on"))
    _fixed(instance, data, "case", _("Cooperation stays with its case."))
    update_record(actor=actor, instance=instance, data=data, m2m=m2m)
    _mark_extradited(actor, instance)
    return instance
