"""Suspects and defendants of a case, their verdicts and their sentences.

A suspect becomes a defendant only through the ``charge`` transition, so the statistics can
tell people merely suspected from people prosecuted. A verdict belongs to one charged
defendant of a case sent to court; a sentence belongs to one conviction.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tipdata.cases.models.case import CaseStatus, CriminalCase, check_kind, not_before
from tipdata.core.fields import EncryptedIntegerField, EncryptedTextField
from tipdata.core.models import Record
from tipdata.core.transitions import Transition, Workflow
from tipdata.core.vocabulary import ExploitationForm, Sex
from tipdata.intake.source_ref import source_ref_field, unique_source_ref
from tipdata.profiles.models import AgencyKind
from tipdata.victims.models import new_code


class PartyRole(models.TextChoices):
    SUSPECT = "suspect", _("Suspect")
    DEFENDANT = "defendant", _("Defendant")


DEFENDANT_WORKFLOW = Workflow(
    "role",
    [Transition("charge", (PartyRole.SUSPECT,), PartyRole.DEFENDANT, _("Charge"))],
)


def new_defendant_code() -> str:
    return new_code("D")


class Defendant(Record):
    """A suspect, who becomes a defendant when charged."""

    case = models.ForeignKey(CriminalCase, on_delete=models.CASCADE, related_name="defendants")
    code = models.CharField(max_length=16, unique=True, default=new_defendant_code, editable=False)
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=PartyRole.choices,
        default=PartyRole.SUSPECT,
        editable=False,
    )
    charged_on = models.DateField(_("charged on"), null=True, blank=True, editable=False)
    full_name = EncryptedTextField(_("full name"), blank=True)
    birth_year = EncryptedIntegerField(_("birth year"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    citizenship = models.ForeignKey(
        "profiles.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("citizenship"),
    )
    is_public_official = models.BooleanField(_("public official"), default=False)
    arrested_on = models.DateField(_("arrested on"), null=True, blank=True)
    extradited = models.BooleanField(_("extradited"), default=False)
    source_ref = source_ref_field()

    OWNER_FIELD = "case__investigating_unit"
    WORKFLOW = DEFENDANT_WORKFLOW
    PERSONAL_FIELDS = ("full_name", "birth_year")

    class Meta:
        ordering = ["case", "id"]
        constraints = [unique_source_ref("case")]
        verbose_name = _("suspect or defendant")
        verbose_name_plural = _("suspects and defendants")

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        today = timezone.localdate()
        if self.arrested_on and self.arrested_on > today:
            errors["arrested_on"] = _("The arrest date cannot be in the future.")
        if self.birth_year is not None and not 1900 <= self.birth_year <= today.year:
            errors["birth_year"] = _("Give a birth year between 1900 and this year.")
        registered = self.case.registered_on if self.case_id else None
        message = _("A charge cannot precede the case's registration (%(date)s).")
        not_before(errors, "charged_on", self.charged_on, registered, message)
        if errors:
            raise ValidationError(errors)


class VerdictOutcome(models.TextChoices):
    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")


class Verdict(Record):
    defendant = models.OneToOneField(
        Defendant,
        on_delete=models.PROTECT,
        related_name="verdict",
        error_messages={"unique": _("This defendant already has a verdict.")},
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=VerdictOutcome.choices)
    verdict_on = models.DateField(_("date of verdict"), db_index=True)
    article = models.ForeignKey(
        "profiles.PenalArticle", on_delete=models.PROTECT, verbose_name=_("article")
    )
    exploitation_form = models.CharField(
        _("form of exploitation"),
        max_length=40,
        choices=ExploitationForm.choices,
        default=ExploitationForm.UNKNOWN,
    )
    court = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("court")
    )

    OWNER_FIELD = "court"

    class Meta:
        ordering = ["-verdict_on"]
        verbose_name = _("verdict")

    def __str__(self) -> str:
        return f"{self.defendant}: {self.get_outcome_display()}"

    @property
    def case(self) -> CriminalCase:
        return self.defendant.case

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        case = self.defendant.case if self.defendant_id else None
        if case is not None and case.status not in (CaseStatus.IN_COURT, CaseStatus.CLOSED):
            errors["defendant"] = _("A verdict is only given in a case that was sent to court.")
        elif self.defendant_id and self.defendant.role != PartyRole.DEFENDANT:
            errors["defendant"] = _("Only a charged defendant receives a verdict.")
        sent = case.sent_to_court_on if case is not None else None
        message = _("The verdict cannot precede sending the case to court (%(date)s).")
        not_before(errors, "verdict_on", self.verdict_on, sent, message)
        if self.court_id:
            check_kind(errors, "court", self.court, (AgencyKind.COURT,), _("Choose a court."))
        if (
            self.pk
            and self.outcome == VerdictOutcome.ACQUITTED
            and Sentence.objects.filter(verdict=self).exists()
        ):
            errors["outcome"] = _("This verdict carries a sentence; an acquittal cannot.")
        if errors:
            raise ValidationError(errors)


class SentenceKind(models.TextChoices):
    IMPRISONMENT = "imprisonment", _("Imprisonment")
    CONDITIONAL = "conditional", _("Conditional (served outside prison)")
    SUSPENDED = "suspended", _("Suspended")
    PARTIALLY_SUSPENDED = "partially_suspended", _("Partially suspended")
    FINE = "fine", _("Fine only")
    OTHER = "other", _("Other")


# Kinds that are a term of imprisonment (served, conditional or suspended): they need a length.
TERM_KINDS = (
    SentenceKind.IMPRISONMENT,
    SentenceKind.CONDITIONAL,
    SentenceKind.SUSPENDED,
    SentenceKind.PARTIALLY_SUSPENDED,
)


class Sentence(Record):
    verdict = models.OneToOneField(
        Verdict,
        on_delete=models.CASCADE,
        related_name="sentence",
        error_messages={"unique": _("This conviction already has a sentence.")},
    )
    kind = models.CharField(_("kind"), max_length=24, choices=SentenceKind.choices)
    years = models.PositiveSmallIntegerField(_("years"), default=0)
    months = models.PositiveSmallIntegerField(_("months"), default=0)
    fine_kzt = models.DecimalField(
        _("fine (KZT)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    OWNER_FIELD = "verdict__court"

    class Meta:
        ordering = ["-verdict__verdict_on", "-id"]
        verbose_name = _("sentence")

    def __str__(self) -> str:
        parts = [str(self.get_kind_display())]
        if self.total_months:
            term = gettext("%(years)d y %(months)d m")
            parts.append(term % {"years": self.years, "months": self.months})
        if self.fine_kzt:
            parts.append(gettext("%(amount)s KZT") % {"amount": self.fine_kzt})
        return ", ".join(parts)

    @property
    def case(self) -> CriminalCase:
        return self.verdict.defendant.case

    @property
    def total_months(self) -> int:
        return (self.years or 0) * 12 + (self.months or 0)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.months is not None and self.months > 11:
            errors["months"] = _("Months must be 0 to 11; put whole years in years.")
        if self.verdict_id and self.verdict.outcome != VerdictOutcome.CONVICTED:
            errors["verdict"] = _("Only a conviction carries a sentence.")
        if self.kind in TERM_KINDS and self.total_months == 0:
            errors["years"] = _("Give the length of the term.")
        if self.fine_kzt is not None and self.fine_kzt < 0:
            errors["fine_kzt"] = _("A fine cannot be negative.")
        elif self.kind == SentenceKind.FINE and not self.fine_kzt:
            errors["fine_kzt"] = _("Give the amount of the fine.")
        if errors:
            raise ValidationError(errors)
