"""Models of consent and emergency ("break the glass") access.

Consent is recorded per victim, purpose and recipient, with the date and the way it was given;
withdrawing it is a named transition (it is never deleted, because when a victim agreed and
when they stopped agreeing is itself evidence). Emergency access is a time-limited grant to
one user for one record, with the reason they stated; the auditor reviews every grant.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tipdata.core.models import Record
from tipdata.core.transitions import Transition, Workflow


class ConsentPurpose(models.TextChoices):
    REFERRAL = "referral", _("Referral to assistance and services")
    DATA_SHARING = "data_sharing", _("Sharing the record with another organisation")
    REPATRIATION = "repatriation", _("Repatriation and contact with the home country")
    RESEARCH = "research", _("Research beyond the national statistics")


# Purposes under which another organisation may receive the victim's record.
SHARING_PURPOSES = (ConsentPurpose.REFERRAL, ConsentPurpose.DATA_SHARING)


class ConsentMethod(models.TextChoices):
    WRITTEN = "written", _("Signed in writing")
    ORAL_WITNESSED = "oral_witnessed", _("Orally, with a witness")
    ORAL = "oral", _("Orally")
    GUARDIAN = "guardian", _("By a parent or guardian (child)")
    ELECTRONIC = "electronic", _("Electronically")


class ConsentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    WITHDRAWN = "withdrawn", _("Withdrawn")


CONSENT_WORKFLOW = Workflow(
    "status",
    [
        Transition(
            "withdraw", (ConsentStatus.ACTIVE,), ConsentStatus.WITHDRAWN, _("Withdraw consent")
        )
    ],
)


class Consent(Record):
    """A victim's consent to one purpose, for one recipient or (blank) any recipient."""

    victim = models.ForeignKey(
        "victims.Victim",
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("victim"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    recipient = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recipient"),
        help_text=_("Leave blank when the victim agreed to any recipient for this purpose."),
    )
    given_on = models.DateField(_("given on"))
    how_given = models.CharField(_("how given"), max_length=16, choices=ConsentMethod.choices)
    recorded_by = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConsentStatus.choices,
        default=ConsentStatus.ACTIVE,
        editable=False,
        db_index=True,
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True, editable=False)

    OWNER_FIELD = "recorded_by"
    WORKFLOW = CONSENT_WORKFLOW

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("consent")

    def __str__(self) -> str:
        recipient = self.recipient or _("any recipient")
        return f"{self.victim}: {self.get_purpose_display()} → {recipient}"


class EmergencyAccess(models.Model):
    """A break-the-glass grant: one user may open one record outside their scope, for a while."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="emergency_accesses",
        verbose_name=_("user"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(_("record"), max_length=200)
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        indexes = [models.Index(fields=["user", "content_type", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.object_repr} ({self.granted_at:%Y-%m-%d %H:%M})"

    @property
    def active(self) -> bool:
        return self.expires_at > timezone.now()
