"""Criminal cases from registration to sentence.

Status moves only through the named transitions of ``CASE_WORKFLOW``; every move is also kept
as a dated ``CaseStatusChange`` because the statistics need the date of each step (a
"continued" investigation is one still open on 1 January).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipdata.core.fields import EncryptedIntegerField, EncryptedTextField
from tipdata.core.models import Record
from tipdata.core.transitions import Transition, Workflow
from tipdata.core.vocabulary import ExploitationForm, Sex
from tipdata.victims.models import new_code


class CaseStatus(models.TextChoices):
    INVESTIGATING = "investigating", _("Under investigation")
    SUSPENDED = "suspended", _("Suspended")
    TERMINATED = "terminated", _("Terminated")
    IN_COURT = "in_court", _("Sent to court")
    CLOSED = "closed", _("Closed after verdicts")


OPEN_STATUSES = (CaseStatus.INVESTIGATING, CaseStatus.SUSPENDED)

CASE_WORKFLOW = Workflow(
    "status",
    [
        Transition("suspend", (CaseStatus.INVESTIGATING,), CaseStatus.SUSPENDED, _("Suspend")),
        Transition("resume", (CaseStatus.SUSPENDED,), CaseStatus.INVESTIGATING, _("Resume")),
        Transition(
            "terminate", OPEN_STATUSES, CaseStatus.TERMINATED, _("Terminate the investigation")
        ),
        Transition(
            "reopen",
            (CaseStatus.TERMINATED, CaseStatus.SUSPENDED),
            CaseStatus.INVESTIGATING,
            _("Reopen"),
        ),
        Transition(
            "send_to_court", (CaseStatus.INVESTIGATING,), CaseStatus.IN_COURT, _("Send to court")
        ),
        Transition("close", (CaseStatus.IN_COURT,), CaseStatus.CLOSED, _("Close after verdicts")),
    ],
)


class TerminationReason(models.TextChoices):
    VICTIM_REQUEST = "victim_request", _("At the victim's request")
    LACK_OF_EVIDENCE = "lack_of_evidence", _("Lack of evidence")
    NO_CRIME = "no_crime", _("No crime established")
    STATUTE_OF_LIMITATIONS = "statute_of_limitations", _("Statute of limitations")
    OFFENDER_DECEASED = "offender_deceased", _("Suspect deceased")
    RECLASSIFIED = "reclassified", _("Reclassified under another article")
    OTHER = "other", _("Other")


class CriminalCase(Record):
    registration_number = models.CharField(_("registration number"), max_length=40, unique=True)
    registered_on = models.DateField(_("registered on"), db_index=True)
    investigating_unit = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="investigations",
        verbose_name=_("investigating unit"),
    )
    region = models.ForeignKey(
        "profiles.Region", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("region")
    )
    articles = models.ManyToManyField(
        "profiles.PenalArticle", related_name="cases", verbose_name=_("penal-code articles")
    )
    exploitation_form = models.CharField(
        _("form of exploitation"),
        max_length=40,
        choices=ExploitationForm.choices,
        default=ExploitationForm.UNKNOWN,
    )
    organised_crime = models.BooleanField(_("organised crime"), default=False)
    transnational = models.BooleanField(_("transnational"), default=False)
    special_operation = models.ForeignKey(
        "activities.SpecialOperation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("special operation"),
    )
    victims = models.ManyToManyField(
        "victims.Victim", blank=True, related_name="cases", verbose_name=_("victims")
    )
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CaseStatus.choices,
        default=CaseStatus.INVESTIGATING,
        editable=False,
        db_index=True,
    )
    termination_reason = models.CharField(
        _("termination reason"),
        max_length=32,
        choices=TerminationReason.choices,
        blank=True,
        editable=False,
    )
    sent_to_court_on = models.DateField(
        _("sent to court on"), null=True, blank=True, editable=False
    )
    prosecutor_office = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="prosecutions",
        verbose_name=_("prosecutor's office"),
    )
    court = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="court_cases",
        verbose_name=_("court"),
    )
    source_ref = models.CharField(_("agency's own reference"), max_length=64, blank=True)

    OWNER_FIELD = "investigating_unit"
    WORKFLOW = CASE_WORKFLOW

    class Meta:
        ordering = ["-registered_on", "-id"]
        verbose_name = _("criminal case")

    def __str__(self) -> str:
        return self.registration_number


class CaseStatusChange(models.Model):
    """A dated step of a case: the history the prosecution statistics are computed from."""

    case = models.ForeignKey(CriminalCase, on_delete=models.CASCADE, related_name="status_changes")
    transition = models.CharField(_("step"), max_length=20)
    from_status = models.CharField(max_length=16, choices=CaseStatus.choices)
    to_status = models.CharField(max_length=16, choices=CaseStatus.choices)
    occurred_on = models.DateField(_("date"), db_index=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by organisation"),
    )
    reason = models.TextField(_("reason"), blank=True)
    review = models.ForeignKey(
        "cases.CaseReview", null=True, blank=True, on_delete=models.PROTECT, related_name="steps"
    )

    class Meta:
        ordering = ["occurred_on", "id"]
        verbose_name = _("case step")

    def __str__(self) -> str:
        return f"{self.case} {self.transition} {self.occurred_on}"


class CaseReview(Record):
    """A review of closed or suspended investigations (such as the PGO's 2020 review)."""

    title = models.CharField(_("title"), max_length=200)
    conducted_by = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, verbose_name=_("conducted by")
    )
    started_on = models.DateField(_("started on"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    cases = models.ManyToManyField(CriminalCase, related_name="reviews", verbose_name=_("cases"))

    OWNER_FIELD = "conducted_by"

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("case review")

    def __str__(self) -> str:
        return self.title


class PartyRole(models.TextChoices):
    SUSPECT = "suspect", _("Suspect")
    DEFENDANT = "defendant", _("Defendant")


def new_defendant_code() -> str:
    return new_code("D")


class Defendant(Record):
    """A suspect, who becomes a defendant when charged."""

    case = models.ForeignKey(CriminalCase, on_delete=models.CASCADE, related_name="defendants")
    code = models.CharField(max_length=16, unique=True, default=new_defendant_code, editable=False)
    role = models.CharField(
        _("role"), max_length=10, choices=PartyRole.choices, default=PartyRole.SUSPECT
    )
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

    OWNER_FIELD = "case__investigating_unit"
    PERSONAL_FIELDS = ("full_name", "birth_year")

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("suspect or defendant")

    def __str__(self) -> str:
        return self.code


class VerdictOutcome(models.TextChoices):
    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")


class Verdict(Record):
    defendant = models.OneToOneField(Defendant, on_delete=models.PROTECT, related_name="verdict")
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

    def clean(self) -> None:
        case = self.defendant.case if self.defendant_id else None
        if case is not None and case.status not in (CaseStatus.IN_COURT, CaseStatus.CLOSED):
            raise ValidationError(
                {"defendant": _("A verdict is only given in a case that was sent to court.")}
            )
        if self.defendant_id and self.defendant.role != PartyRole.DEFENDANT:
            raise ValidationError({"defendant": _("Only a charged defendant receives a verdict.")})
        if case is not None and case.sent_to_court_on and self.verdict_on < case.sent_to_court_on:
            raise ValidationError(
                {"verdict_on": _("The verdict cannot precede sending the case to court.")}
            )


class SentenceKind(models.TextChoices):
    IMPRISONMENT = "imprisonment", _("Imprisonment")
    CONDITIONAL = "conditional", _("Conditional (served outside prison)")
    SUSPENDED = "suspended", _("Suspended")
    PARTIALLY_SUSPENDED = "partially_suspended", _("Partially suspended")
    FINE = "fine", _("Fine only")
    OTHER = "other", _("Other")


class Sentence(Record):
    verdict = models.OneToOneField(Verdict, on_delete=models.CASCADE, related_name="sentence")
    kind = models.CharField(_("kind"), max_length=24, choices=SentenceKind.choices)
    years = models.PositiveSmallIntegerField(_("years"), default=0)
    months = models.PositiveSmallIntegerField(_("months"), default=0)
    fine_kzt = models.DecimalField(
        _("fine (KZT)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    OWNER_FIELD = "verdict__court"

    class Meta:
        verbose_name = _("sentence")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.years}y {self.months}m"

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    def clean(self) -> None:
        if self.months > 11:
            raise ValidationError(
                {"months": _("Months must be 0 to 11; put whole years in years.")}
            )
        if self.verdict_id and self.verdict.outcome != VerdictOutcome.CONVICTED:
            raise ValidationError({"verdict": _("Only a conviction carries a sentence.")})
        if self.kind != SentenceKind.FINE and self.total_months == 0:
            raise ValidationError({"years": _("Give the length of the term.")})


class CooperationKind(models.TextChoices):
    MLA_SENT = "mla_sent", _("Mutual legal assistance request sent")
    MLA_RECEIVED = "mla_received", _("Mutual legal assistance request received")
    EXTRADITION_OUT = "extradition_out", _("Extradited to another country")
    EXTRADITION_IN = "extradition_in", _("Extradited from another country")
    JOINT_INVESTIGATION = "joint_investigation", _("Joint investigation")


class InternationalCooperation(Record):
    case = models.ForeignKey(CriminalCase, on_delete=models.CASCADE, related_name="cooperation")
    kind = models.CharField(_("kind"), max_length=24, choices=CooperationKind.choices)
    country = models.ForeignKey(
        "profiles.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    occurred_on = models.DateField(_("date"))
    defendant = models.ForeignKey(
        Defendant,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cooperation",
        verbose_name=_("defendant"),
    )
    notes = models.TextField(_("notes"), blank=True)

    OWNER_FIELD = "case__investigating_unit"

    class Meta:
        ordering = ["-occurred_on"]
        verbose_name = _("international cooperation")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.country})"

    def clean(self) -> None:
        if self.defendant is not None and self.case_id and self.defendant.case_id != self.case_id:
            raise ValidationError({"defendant": _("The defendant belongs to another case.")})
