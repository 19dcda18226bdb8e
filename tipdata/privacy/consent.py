"""Consent: recording it, withdrawing it, and the check every referral goes through.

A victim's record travels to another organisation only with their consent for that purpose and
recipient (or for any recipient), or with a reason recorded for doing it without (a child in
danger whose guardian cannot be reached, a court order). Withdrawing consent stops the sharing:

- the access policy stops showing the victim to an organisation whose consent was withdrawn
  (``withdrawn_victims``), and with the victim go the personal fields of every record about
  them (``access.can_see_personal`` asks whether the victim is in scope);
- that organisation can no longer accept a pending referral of the victim;
- a new referral to it needs consent given anew: an override reason does not overrule a
  victim's explicit "no" (an emergency goes through break-the-glass, which the auditor sees).

``referrals.services.refer_victim`` calls ``check_referral_consent`` inside its transaction and
stores the consent relied on with the referral (``Referral.consent``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tipdata.accounts.access import PERSONAL_DATA_ROLES
from tipdata.core.services import apply_transition, create_record
from tipdata.privacy.models import (
    SHARING_PURPOSES,
    Consent,
    ConsentMethod,
    ConsentPurpose,
    ConsentStatus,
)


def _for_recipient(org_id: Any) -> Q:
    return Q(recipient=org_id) | Q(recipient__isnull=True)


def withdrawn_victims(org_id: Any) -> QuerySet:
    """Ids of victims who withdrew consent to share with ``org_id`` and have not renewed it."""
    sharing = Consent.objects.filter(_for_recipient(org_id), purpose__in=SHARING_PURPOSES)
    renewed = sharing.filter(status=ConsentStatus.ACTIVE).values("victim")
    return (
        sharing.filter(status=ConsentStatus.WITHDRAWN).exclude(victim__in=renewed).values("victim")
    )


def withdrawal_for(victim: Any, recipient: Any) -> Consent | None:
    """The victim's latest withdrawn sharing consent for ``recipient``, if not renewed since."""
    org_id = getattr(recipient, "pk", recipient)
    if not withdrawn_victims(org_id).filter(victim=getattr(victim, "pk", victim)).exists():
        return None
    return (
        Consent.objects.filter(
            _for_recipient(org_id),
            victim=victim,
            purpose__in=SHARING_PURPOSES,
            status=ConsentStatus.WITHDRAWN,
        )
        .order_by("-withdrawn_on", "-id")
        .first()
    )


def active_consent(
    victim: Any, recipient: Any, purposes: tuple[str, ...] = SHARING_PURPOSES
) -> Consent | None:
    """The victim's standing consent to share with ``recipient`` for one of ``purposes``."""
    return (
        Consent.objects.filter(
            _for_recipient(getattr(recipient, "pk", recipient)),
            victim=victim,
            purpose__in=purposes,
            status=ConsentStatus.ACTIVE,
        )
        .order_by("-given_on", "-id")
        .first()
    )


def check_referral_consent(
    victim: Any,
    recipient: Any,
    *,
    override_reason: str = "",
    consent_given: bool = False,
    actor: Any = None,
    given_on: datetime.date | None = None,
    how_given: str = ConsentMethod.WRITTEN,
    recorded_by: Any = None,
) -> Consent | None:
    """Allow a referral of ``victim`` to ``recipient`` only with consent or a stated reason.

    - a standing consent (purpose referral or data sharing, this recipient or any) allows it;
    - ``consent_given=True`` means the referring worker obtained consent now: it is recorded
      (by ``recorded_by``, by default ``actor``'s organisation, dated ``given_on``) in the
      caller's transaction;
    - otherwise ``override_reason`` must say why the referral goes ahead without consent,
      unless the victim withdrew their consent to share with ``recipient``: then only consent
      given anew allows it.

    Returns the consent relied on, or None for an override. Raises ``ValidationError`` naming
    ``consent_override_reason`` when neither is there. Call it from the referral service,
    inside its transaction, before saving the referral; store ``consent is not None`` as the
    referral's ``consent_given``.
    """
    consent = active_consent(victim, recipient)
    if consent is not None:
        return consent
    if consent_given:
        data = {
            "victim": victim,
            "purpose": ConsentPurpose.REFERRAL,
            "recipient": recipient,
            "given_on": given_on or timezone.localdate(),
            "how_given": how_given,
        }
        if recorded_by is not None:
            data["recorded_by"] = recorded_by
        return record_consent(actor=actor, data=data)
    withdrawn = withdrawal_for(victim, recipient)
    if withdrawn is not None:
        raise ValidationError(
            {
                "consent_override_reason": _(
                    "The victim withdrew their consent to sharing with %(recipient)s on "
                    "%(day)s: only consent given anew allows this referral."
                )
                % {"recipient": recipient, "day": withdrawn.withdrawn_on}
            }
        )
    if not override_reason.strip():
        raise ValidationError(
            {
                "consent_override_reason": _(
                    "The victim has not consented to sharing with %(recipient)s: record the "
                    "consent, or the reason for referring without it."
                )
                % {"recipient": recipient}
            }
        )
    return None


@transaction.atomic
def record_consent(*, actor: Any, data: Mapping[str, Any], m2m: Any = None) -> Consent:
    """Record a consent given by the victim (by the actor's organisation)."""
    fields = dict(data)
    if actor is not None and fields.get("recorded_by") is None:
        fields["recorded_by"] = getattr(actor, "organisation", None)
    victim = fields.get("victim")
    if actor is not None and victim is not None:
        visible = type(victim).objects.visible_to(actor).filter(pk=victim.pk).exists()
        if not visible:
            raise PermissionDenied(_("You cannot record consent for a record outside your scope."))
    given_on = fields.get("given_on")
    if given_on and given_on > timezone.localdate():
        raise ValidationError({"given_on": _("The date cannot be in the future.")})
    return create_record(actor=actor, instance=Consent(**fields))


def withdraw_consent(
    *, actor: Any, instance: Consent, withdrawn_on: datetime.date, reason: str = ""
) -> Consent:
    """The victim withdraws this consent: sharing under it stops from now on."""
    if withdrawn_on < instance.given_on:
        raise ValidationError(
            {"withdrawn_on": _("Consent cannot be withdrawn before it was given.")}
        )
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("The date cannot be in the future.")})
    if not may_withdraw(actor, instance):
        raise PermissionDenied(_("Only an organisation that works with this victim may do this."))
    return apply_transition(
        actor=actor,
        instance=instance,
        name="withdraw",
        data={"withdrawn_on": withdrawn_on},
        reason=reason,
        supervisory=True,
    )


def may_withdraw(actor: Any, consent: Consent) -> bool:
    """A victim may withdraw through whichever organisation they tell: the one that recorded
    the consent, its recipient, or the one that registered them."""
    if actor is None or getattr(actor, "is_administrator", False):
        return True
    involved = {consent.recorded_by_id, consent.recipient_id, consent.victim.registered_by_id}
    return actor.role in PERSONAL_DATA_ROLES and actor.organisation_id in involved
