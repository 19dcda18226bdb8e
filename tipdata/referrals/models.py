"""Referrals of a victim between organisations, and the services delivered to them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipdata.core.fields import EncryptedTextField
from tipdata.core.models import Record
from tipdata.core.transitions import Transition, Workflow
from tipdata.core.vocabulary import Funding, ServiceKind
from tipdata.intake.source_ref import source_ref_field, unique_source_ref


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


REFERRAL_WORKFLOW = Workflow(
    "status",
    [
        Transition("accept", (ReferralStatus.PENDING,), ReferralStatus.ACCEPTED, _("Accept")),
        Transition("decline", (ReferralStatus.PENDING,), ReferralStatus.DECLINED, _("Decline")),
        Transition("complete", (ReferralStatus.ACCEPTED,), ReferralStatus.COMPLETED, _("Complete")),
        Transition(
            "withdraw",
            (ReferralStatus.PENDING, ReferralStatus.ACCEPTED),
            ReferralStatus.WITHDRAWN,
            _("Withdraw"),
        ),
    ],
)


class Referral(Record):
    victim = models.ForeignKey(
        "victims.Victim",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("victim"),
    )
    from_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_made",
        verbose_name=_("referred by"),
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("referred to"),
    )
    referred_on = models.DateField(_("referred on"))
    requested_services = models.JSONField(_("requested services"), default=list, blank=True)
    consent_given = models.BooleanField(
        _("victim consented"),
        default=False,
        help_text=_(
            "Tick when the victim agreed to this referral now (it is recorded as their "
            "consent). A consent already on record counts without it."
        ),
    )
    consent_override_reason = EncryptedTextField(
        _("reason for referring without consent"), blank=True
    )
    # The consent the referral relied on (None: it went ahead on the override reason).
    consent = models.ForeignKey(
        "privacy.Consent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
        editable=False,
        verbose_name=_("consent relied on"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ReferralStatus.choices,
        default=ReferralStatus.PENDING,
        editable=False,
        db_index=True,
    )
    responded_on = models.DateField(_("responded on"), null=True, blank=True, editable=False)
    completed_on = models.DateField(_("completed on"), null=True, blank=True, editable=False)
    response_note = EncryptedTextField(_("response note"), blank=True, editable=False)
    notes = EncryptedTextField(_("notes"), blank=True)
    source_ref = source_ref_field()

    OWNER_FIELD = "from_organisation"
    WORKFLOW = REFERRAL_WORKFLOW
    PERSONAL_FIELDS = ("notes", "consent_override_reason", "response_note")

    class Meta:
        ordering = ["-referred_on", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [unique_source_ref("from_organisation")]

    def __str__(self) -> str:
        return f"{self.victim} → {self.to_organisation}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.from_organisation_id and self.from_organisation_id == self.to_organisation_id:
            errors["to_organisation"] = _("A referral goes to another organisation.")
        unknown = [s for s in self.requested_services or [] if s not in ServiceKind.values]
        if unknown:
            errors["requested_services"] = _("Unknown service: %s") % ", ".join(unknown)
        if not self.consent_given and not self.consent_override_reason.strip():
            errors["consent_override_reason"] = _(
                "Record the victim's consent, or the reason for referring without it."
            )
        if self.responded_on and self.referred_on and self.responded_on < self.referred_on:
            errors["responded_on"] = _("The response cannot precede the referral.")
        if self.completed_on and self.responded_on and self.completed_on < self.responded_on:
            errors["completed_on"] = _("The completion cannot precede the acceptance.")
        if errors:
            raise ValidationError(errors)


class ServiceOutcome(models.TextChoices):
    PROVIDED = "provided", _("Provided")
    GRANTED = "granted", _("Granted")
    DENIED = "denied", _("Denied")
    PENDING = "pending", _("Pending")
    FILED = "filed", _("Filed")


class ServiceDelivery(Record):
    """A service given to a victim (shelter nights, legal aid, asylum decision ...)."""

    victim = models.ForeignKey(
        "victims.Victim",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("victim"),
    )
    provider = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="services_delivered",
        verbose_name=_("provider"),
    )
    kind = models.CharField(_("service"), max_length=32, choices=ServiceKind.choices, db_index=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=ServiceOutcome.choices, default=ServiceOutcome.PROVIDED
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    funding = models.CharField(
        _("funded by"), max_length=12, choices=Funding.choices, default=Funding.OTHER
    )
    referral = models.ForeignKey(
        Referral,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
        verbose_name=_("referral"),
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    source_ref = source_ref_field()

    OWNER_FIELD = "provider"
    PERSONAL_FIELDS = ("notes",)
    # What the report counts as government-funded (alone or with donors).
    GOVERNMENT_FUNDING = (Funding.GOVERNMENT, Funding.MIXED)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("service delivered")
        verbose_name_plural = _("services delivered")
        constraints = [unique_source_ref("provider")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.victim}"

    @property
    def government_funded(self) -> bool:
        return self.funding in self.GOVERNMENT_FUNDING

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end date cannot precede the start date.")})
        if self.referral is not None and self.referral.victim_id != self.victim_id:
            raise ValidationError({"referral": _("The referral is for another victim.")})
