"""The criminal case, its dated steps, the reviews of closed cases and cooperation abroad.

Status moves only through the named transitions of ``CASE_WORKFLOW``; every move is also kept
as a dated ``CaseStatusChange`` because the statistics need the date of each step (a
"continued" investigation is one still open on 1 January).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipdata.core.models import Record
from tipdata.core.transitions import Transition, Workflow
from tipdata.core.vocabulary import ExploitationForm
from tipdata.intake.source_ref import unique_source_ref
from tipdata.profiles.models import LAW_ENFORCEMENT_KINDS, AgencyKind


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


def check_kind(
    errors: dict[str, Any], name: str, organisation: Any, kinds: Any, message: Any
) -> None:
    """Collect ``message`` under ``name`` when ``organisation`` is not of one of ``kinds``.

    A verdict given by an NGO or a case "investigated" by a shelter would silently corrupt the
    prosecution statistics, which count by the kind of body.
    """
    if organisation is not None and not organisation.is_kind(*kinds):
        errors[name] = message


def not_before(errors: dict[str, Any], name: str, value: Any, bound: Any, message: Any) -> None:
    """Collect ``message`` (which names ``%(date)s``) when date ``value`` precedes ``bound``.

    Dates in order is the rule users break most (a verdict typed before the case went to
    court); the message names the date the value must not precede.
    """
    if value is not None and bound is not None and value < bound and name not in errors:
        errors[name] = message % {"date": bound}


class CriminalCase(Record):
    registration_number = models.CharField(
        _("registration number"),
        max_length=40,
        unique=True,
        error_messages={"unique": _("A case with this registration number is already registered.")},
    )
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
        verbose_name_plural = _("criminal cases")
        constraints = [unique_source_ref("investigating_unit")]

    def __str__(self) -> str:
        return self.registration_number

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.investigating_unit_id:
            check_kind(
                errors,
                "investigating_unit",
                self.investigating_unit,
                LAW_ENFORCEMENT_KINDS,
                _("The investigating unit must be a police unit or a prosecutor's office."),
            )
        check_kind(
            errors,
            "prosecutor_office",
            self.prosecutor_office,
            (AgencyKind.PROSECUTION,),
            _("Choose a prosecutor's office."),
        )
        check_kind(errors, "court", self.court, (AgencyKind.COURT,), _("Choose a court."))
        if errors:
            raise ValidationError(errors)


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
        # A case's steps in order: the report reads each case's status on 1 January from
        # them (the last step before the day, or the interval between one step and the next).
        indexes = [
            models.Index(fields=["case", "occurred_on", "id"], name="cases_step_case_date_idx")
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.transition} {self.occurred_on}"

    @property
    def label(self) -> Any:
        """The step's name as users read it ("Reopen"), not its code."""
        transition = CASE_WORKFLOW.transitions.get(self.transition)
        return transition.label if transition else self.transition


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

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        message = _("A review cannot be completed before it started (%(date)s).")
        not_before(errors, "completed_on", self.completed_on, self.started_on, message)
        if errors:
            raise ValidationError(errors)


class CooperationKind(models.TextChoices):
    MLA_SENT = "mla_sent", _("Mutual legal assistance request sent")
    MLA_RECEIVED = "mla_received", _("Mutual legal assistance request received")
    EXTRADITION_OUT = "extradition_out", _("Extradited to another country")
    EXTRADITION_IN = "extradition_in", _("Extradited from another country")
    JOINT_INVESTIGATION = "joint_investigation", _("Joint investigation")


EXTRADITIONS = (CooperationKind.EXTRADITION_OUT, CooperationKind.EXTRADITION_IN)


class InternationalCooperation(Record):
    case = models.ForeignKey(CriminalCase, on_delete=models.CASCADE, related_name="cooperation")
    kind = models.CharField(_("kind"), max_length=24, choices=CooperationKind.choices)
    country = models.ForeignKey(
        "profiles.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    occurred_on = models.DateField(_("date"))
    defendant = models.ForeignKey(
        "cases.Defendant",
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
        verbose_name_plural = _("international cooperation")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.country})"

    def clean(self) -> None:
        from tipdata.profiles.selectors import current_profile

        errors: dict[str, Any] = {}
        if self.defendant is not None and self.case_id and self.defendant.case_id != self.case_id:
            errors["defendant"] = _("The defendant belongs to another case.")
        if self.country_id and self.country_id == current_profile().country_id:
            errors["country"] = _("International cooperation is with another country.")
        if self.case_id:
            message = _("The date cannot precede the case's registration (%(date)s).")
            not_before(errors, "occurred_on", self.occurred_on, self.case.registered_on, message)
        if errors:
            raise ValidationError(errors)
