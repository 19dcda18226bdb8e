"""Calls to the anti-trafficking hotline, and what each led to."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipdata.core.fields import EncryptedTextField
from tipdata.core.models import Record
from tipdata.profiles.models import LAW_ENFORCEMENT_KINDS, AgencyKind


class CallerType(models.TextChoices):
    POSSIBLE_VICTIM = "possible_victim", _("Possible victim")
    RELATIVE = "relative", _("Relative or friend")
    WITNESS = "witness", _("Witness or member of the public")
    PROFESSIONAL = "professional", _("Professional (official, NGO, employer)")
    ANONYMOUS = "anonymous", _("Anonymous")
    OTHER = "other", _("Other")


class CallTopic(models.TextChoices):
    TRAFFICKING_REPORT = "trafficking_report", _("Report of possible trafficking")
    LABOUR_RIGHTS = "labour_rights", _("Labour rights")
    MIGRATION = "migration", _("Migration and documents")
    SAFE_TRAVEL = "safe_travel", _("Safe travel or work abroad")
    MISSING_PERSON = "missing_person", _("Missing person")
    DOMESTIC_VIOLENCE = "domestic_violence", _("Domestic violence")
    OTHER = "other", _("Other")


class CallOutcome(models.TextChoices):
    INFORMATION = "information", _("Information only")
    REFERRED_POLICE = "referred_police", _("Referred to police")
    REFERRED_NGO = "referred_ngo", _("Referred to an NGO")
    REFERRED_OTHER = "referred_other", _("Referred to another body")


# The kind of body each referral outcome goes to: the report counts calls referred to police.
REFERRAL_KINDS: dict[str, frozenset[str]] = {
    CallOutcome.REFERRED_POLICE: LAW_ENFORCEMENT_KINDS,
    CallOutcome.REFERRED_NGO: frozenset({AgencyKind.NGO}),
}


class HotlineCall(Record):
    received_at = models.DateTimeField(_("received at"), db_index=True)
    operator = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="hotline_calls",
        verbose_name=_("hotline operator"),
    )
    caller_type = models.CharField(_("caller"), max_length=20, choices=CallerType.choices)
    topic = models.CharField(_("topic"), max_length=24, choices=CallTopic.choices)
    region = models.ForeignKey(
        "profiles.Region", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("region")
    )
    possible_victims = models.PositiveIntegerField(_("possible victims mentioned"), default=0)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=CallOutcome.choices, default=CallOutcome.INFORMATION
    )
    referred_to = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hotline_referrals",
        verbose_name=_("referred to"),
    )
    case = models.ForeignKey(
        "cases.CriminalCase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hotline_calls",
        verbose_name=_("criminal case it led to"),
    )
    victims = models.ManyToManyField(
        "victims.Victim", blank=True, related_name="hotline_calls", verbose_name=_("victims")
    )
    summary = EncryptedTextField(_("summary"), blank=True)
    source_ref = models.CharField(_("operator's own reference"), max_length=64, blank=True)

    OWNER_FIELD = "operator"
    PERSONAL_FIELDS = ("summary",)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("hotline call")
        verbose_name_plural = _("hotline calls")

    def __str__(self) -> str:
        return f"Call {self.pk} ({self.received_at:%Y-%m-%d})"

    def clean(self) -> None:
        referred = self.outcome != CallOutcome.INFORMATION
        if referred and not self.referred_to_id:
            raise ValidationError({"referred_to": _("Name the body the call was referred to.")})
        if not referred and self.referred_to_id:
            raise ValidationError(
                {"outcome": _("A call referred to a body cannot be 'information only'.")}
            )
        kinds = REFERRAL_KINDS.get(self.outcome)
        body = self.referred_to if self.referred_to_id else None
        if kinds and body is not None and body.agency_type.kind not in kinds:
            raise ValidationError(
                {"referred_to": _("This body does not match the outcome (police or NGO).")}
            )
