"""The case record types as the generic pages and API serve them.

The criminal case and its reviews are created from their list pages. Defendants, verdicts,
sentences and cooperation are created from the page of their parent (a suspect is added to a
case, a verdict given to a defendant, a sentence to a conviction), so ``NESTED`` declares
those forms; each type still has its own list, detail, edit and API pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tipdata.accounts.access import can_write
from tipdata.cases import filters, services
from tipdata.cases.forms import (
    CaseReviewForm,
    ChargeForm,
    CooperationForm,
    CriminalCaseForm,
    DatedStepForm,
    DefendantForm,
    ReopenForm,
    SendToCourtForm,
    SentenceForm,
    TerminateForm,
    VerdictForm,
)
from tipdata.cases.models import (
    CaseReview,
    CriminalCase,
    Defendant,
    InternationalCooperation,
    PartyRole,
    Sentence,
    Verdict,
    VerdictOutcome,
)
from tipdata.cases.services.trial import CLOSED_TO_PARTIES
from tipdata.core.models import Record
from tipdata.core.registry import RecordType, TransitionForm, register
from tipdata.profiles.models import LAW_ENFORCEMENT_KINDS, AgencyKind


def _of_kind(*kinds: str) -> Callable[[Any], bool]:
    def allowed(user: Any) -> bool:
        if getattr(user, "is_administrator", False):
            return True
        organisation = getattr(user, "organisation", None)
        return organisation is not None and organisation.is_kind(*kinds)

    return allowed


def _writes_case(user: Any, case: Any) -> bool:
    return can_write(user, case.investigating_unit, case)


def step(name: str, form_class: type[forms.Form], service: Callable[..., Record]) -> Any:
    """A step of a case (or of its defendant), offered to the owning unit and to the bodies
    that may take it on a case they do not own (``services.may_supervise``)."""

    def allowed(user: Any, record: Any) -> bool:
        case = record if isinstance(record, CriminalCase) else record.case
        return _writes_case(user, case) or services.may_supervise(user, case, name)

    return TransitionForm(name, form_class, service, allowed=allowed)


def _review_related(review: Any, user: Any) -> list[tuple[str, Any]]:
    reopened = CriminalCase.objects.visible_to(user).filter(status_changes__review=review)
    return [
        (str(_("Cases reviewed")), CriminalCase.objects.visible_to(user).filter(reviews=review)),
        (str(_("Cases reopened under this review")), reopened.distinct()),
    ]


def case_type(model: type[Record], **declaration: Any) -> RecordType:
    """Declare one record type of the ``cases`` URL namespace and navigation group."""
    return register(RecordType(model=model, slug="cases", nav_group="cases", **declaration))


def part(
    model: type[Record],
    filterset: Any,
    form: type[forms.ModelForm],
    update: Any,
    columns: list[str],
    **extra: Any,
) -> RecordType:
    """A part of a case, created from its parent's page (``NESTED``) and edited on its own."""
    return case_type(
        model,
        filterset_class=filterset,
        list_columns=columns,
        edit_form=form,
        update=update,
        **extra,
    )


CASES = case_type(
    CriminalCase,
    filterset_class=filters.CriminalCaseFilter,
    list_columns=[
        "registration_number",
        "status",
        "registered_on",
        "investigating_unit",
        "region",
        "articles",
        "exploitation_form",
    ],
    create_form=CriminalCaseForm,
    edit_form=CriminalCaseForm,
    create=services.register_case,
    update=services.update_case,
    transitions=[
        step("suspend", DatedStepForm, services.suspend_case),
        step("resume", DatedStepForm, services.resume_case),
        step("terminate", TerminateForm, services.terminate_case),
        step("reopen", ReopenForm, services.reopen_case),
        step("send_to_court", SendToCourtForm, services.send_to_court),
        step("close", DatedStepForm, services.close_case),
    ],
    detail_sections=["cases/_hub.html"],
    creatable_by=_of_kind(*LAW_ENFORCEMENT_KINDS),
)
DEFENDANTS = part(
    Defendant,
    filters.DefendantFilter,
    DefendantForm,
    services.update_defendant,
    ["code", "case", "role", "sex", "citizenship", "arrested_on", "extradited"],
    transitions=[step("charge", ChargeForm, services.charge_defendant)],
    detail_sections=["cases/_defendant.html"],
)
VERDICTS = part(
    Verdict,
    filters.VerdictFilter,
    VerdictForm,
    services.update_verdict,
    ["defendant", "outcome", "verdict_on", "article", "court"],
    detail_sections=["cases/_verdict.html"],
)
SENTENCES = part(
    Sentence,
    filters.SentenceFilter,
    SentenceForm,
    services.update_sentence,
    ["verdict", "kind", "years", "months", "fine_kzt"],
    detail_sections=["cases/_parent.html"],
)
COOPERATION = part(
    InternationalCooperation,
    filters.CooperationFilter,
    CooperationForm,
    services.update_cooperation,
    ["kind", "country", "occurred_on", "case", "defendant"],
    detail_sections=["cases/_parent.html"],
)
REVIEWS = case_type(
    CaseReview,
    filterset_class=filters.CaseReviewFilter,
    list_columns=["title", "conducted_by", "started_on", "completed_on"],
    create_form=CaseReviewForm,
    edit_form=CaseReviewForm,
    create=services.record_case_review,
    update=services.update_case_review,
    related=_review_related,
    creatable_by=_of_kind(AgencyKind.PROSECUTION),
)

CASE_TYPES = [CASES, DEFENDANTS, VERDICTS, SENTENCES, COOPERATION, REVIEWS]


@dataclass(frozen=True)
class Nested:
    """A sub-record created from its parent's page (``<parent>/<pk>/<segment>/new/``) or
    through the API with its parent named in ``parent_field``; both call ``create``."""

    segment: str
    parent_field: str
    parent: RecordType
    child: RecordType
    form_class: type[forms.ModelForm]
    create: Callable[[Any, Any, dict[str, Any]], Record]
    offered: Callable[[Any], bool]
    allowed: Callable[[Any, Any], bool]
    title: Any


NESTED = [
    Nested(
        "defendants",
        "case",
        CASES,
        DEFENDANTS,
        DefendantForm,
        lambda actor, case, data: services.add_defendant(actor=actor, case=case, data=data),
        lambda case: case.status not in CLOSED_TO_PARTIES,
        _writes_case,
        _("Add a suspect"),
    ),
    Nested(
        "cooperation",
        "case",
        CASES,
        COOPERATION,
        CooperationForm,
        lambda actor, case, data: services.record_cooperation(actor=actor, case=case, data=data),
        lambda case: True,
        _writes_case,
        _("Record international cooperation"),
    ),
    Nested(
        "verdict",
        "defendant",
        DEFENDANTS,
        VERDICTS,
        VerdictForm,
        lambda actor, defendant, data: services.record_verdict(
            actor=actor, defendant=defendant, data=data
        ),
        lambda defendant: (
            defendant.role == PartyRole.DEFENDANT
            and not Verdict.objects.filter(defendant=defendant).exists()
        ),
        lambda user, defendant: _of_kind(AgencyKind.COURT)(user),
        _("Record the verdict"),
    ),
    Nested(
        "sentence",
        "verdict",
        VERDICTS,
        SENTENCES,
        SentenceForm,
        lambda actor, verdict, data: services.record_sentence(
            actor=actor, verdict=verdict, data=data
        ),
        lambda verdict: (
            verdict.outcome == VerdictOutcome.CONVICTED
            and not Sentence.objects.filter(verdict=verdict).exists()
        ),
        lambda user, verdict: can_write(user, verdict.court),
        _("Record the sentence"),
    ),
]
