"""Writes about referrals and the services delivered to victims.

A referral is written by the referring organisation and answered by the receiving one: only
the organisation a victim was referred to accepts, declines or completes it (a step on a
record it does not own, hence ``supervisory``), and only the referrer edits or withdraws it.
Services are recorded by their provider. Every function validates, saves and audits in one
transaction; pages, API, importers and the demo loader all come through here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tipdata.accounts.access import can_write
from tipdata.cases.services.case import not_future, raise_if, restored_on_error
from tipdata.core.links import check_visible, for_own_organisation
from tipdata.core.services import apply_transition, create_record, update_record
from tipdata.privacy.consent import check_referral_consent, withdrawal_for
from tipdata.referrals.models import Referral, ReferralStatus, ServiceDelivery

# A service is delivered under a referral the provider has taken on.
SERVICE_REFERRAL_STATES = (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED)


def is_receiver(user: Any, referral: Referral) -> bool:
    """May ``user`` answer ``referral`` (a member of the organisation it was made to)?"""
    return can_write(user, referral.to_organisation, referral)


def is_referrer(user: Any, referral: Referral) -> bool:
    return can_write(user, referral.from_organisation, referral)


def _check_receiver(actor: Any, referral: Referral) -> None:
    if actor is not None and not is_receiver(actor, referral):
        raise PermissionDenied(
            _("Only the organisation the victim was referred to may answer the referral.")
        )


def _check_referral(actor: Any, data: Mapping[str, Any], instance: Referral | None) -> None:
    errors: dict[str, Any] = {}
    not_future(errors, "referred_on", data.get("referred_on"))
    recipient = data.get("to_organisation")
    if recipient is not None and not recipient.active:
        errors["to_organisation"] = _("This organisation no longer takes referrals.")
    victim = data.get("victim")
    duplicate = Referral.objects.filter(
        victim=victim, to_organisation=recipient, status=ReferralStatus.PENDING
    )
    if instance is not None:
        duplicate = duplicate.exclude(pk=instance.pk)
    if victim is not None and recipient is not None and duplicate.exists():
        errors["to_organisation"] = _(
            "This victim already has a pending referral to this organisation."
        )
    raise_if(errors)


def _with_consent(actor: Any, data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` with the consent the referral relies on (``privacy.consent`` decides).

    A standing consent counts; a tick in "victim consented" records the victim's consent
    now, in the referral's transaction (dated the referral's day, by the referrer);
    otherwise the override reason must be there (and cannot overrule a withdrawal).
    ``consent_given`` then says whether consent was relied on, whatever was ticked.
    """
    fields = dict(data)
    victim, recipient = fields.get("victim"), fields.get("to_organisation")
    if victim is None or recipient is None:
        return fields  # full_clean names the missing field
    consent = check_referral_consent(
        victim,
        recipient,
        override_reason=fields.get("consent_override_reason") or "",
        consent_given=bool(fields.get("consent_given")),
        actor=actor,
        given_on=fields.get("referred_on"),
        recorded_by=fields.get("from_organisation"),
    )
    fields["consent"] = consent
    fields["consent_given"] = consent is not None
    return fields


@transaction.atomic
def refer_victim(
    *, actor: Any, data: Mapping[str, Any], m2m: Mapping[str, Iterable[Any]] | None = None
) -> Referral:
    """Refer a victim the actor can see to another organisation, with consent or a reason."""
    data = for_own_organisation(actor, data, "from_organisation")
    check_visible(actor, "victim", [data.get("victim")])
    _check_referral(actor, data, None)
    data = _with_consent(actor, data)
    return create_record(actor=actor, instance=Referral(**data), m2m=m2m)


@transaction.atomic
def update_referral(
    *,
    actor: Any,
    instance: Referral,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> Referral:
    """Correct a referral while it awaits an answer; it stays about the same victim."""
    if instance.status != ReferralStatus.PENDING:
        raise ValidationError(
            {"status": _("Only a pending referral can be changed; withdraw it instead.")}
        )
    if "victim" in data and data["victim"] != instance.victim:
        raise ValidationError(
            {"victim": _("A referral stays about its victim; make a new referral instead.")}
        )
    merged = {
        "victim": instance.victim,
        "to_organisation": data.get("to_organisation", instance.to_organisation),
        "referred_on": data.get("referred_on", instance.referred_on),
    }
    _check_referral(actor, merged, instance)
    consent_fields = ("to_organisation", "consent_given", "consent_override_reason")
    if any(f in data and data[f] != getattr(instance, f) for f in consent_fields):
        # another recipient or another basis: the consent is checked again; an earlier
        # consent counts only if it covers the recipient, so "consented" must be said anew
        recheck = {
            **merged,
            "from_organisation": instance.from_organisation,
            "consent_given": bool(data.get("consent_given")),
            "consent_override_reason": data.get(
                "consent_override_reason", instance.consent_override_reason
            ),
        }
        checked = _with_consent(actor, recheck)
        data = {**data, "consent": checked["consent"], "consent_given": checked["consent_given"]}
    return update_record(actor=actor, instance=instance, data=data, m2m=m2m)


def _answer(
    *, actor: Any, instance: Referral, name: str, day: str, data: Mapping[str, Any]
) -> Referral:
    """Apply a receiver's step dated by field ``day``; a refused step leaves the referral
    as stored (in the database and in memory)."""
    errors: dict[str, Any] = {}
    not_future(errors, day, data[day])
    raise_if(errors)
    _check_receiver(actor, instance)
    with restored_on_error(instance), transaction.atomic():
        return apply_transition(
            actor=actor, instance=instance, name=name, data=data, supervisory=True
        )


def accept_referral(
    *, actor: Any, instance: Referral, responded_on: datetime.date, note: str = ""
) -> Referral:
    """The receiving organisation takes the victim on, unless the victim withdrew their
    consent to share with it since the referral was made (sharing has stopped)."""
    if withdrawal_for(instance.victim_id, instance.to_organisation_id) is not None:
        raise ValidationError(
            _("The victim withdrew their consent to sharing with your organisation.")
        )
    data = {"responded_on": responded_on, "response_note": note}
    return _answer(actor=actor, instance=instance, name="accept", day="responded_on", data=data)


def decline_referral(
    *, actor: Any, instance: Referral, responded_on: datetime.date, note: str
) -> Referral:
    """The receiving organisation cannot take the victim on; it says why (kept encrypted)."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the referral is declined.")})
    data = {"responded_on": responded_on, "response_note": note}
    return _answer(actor=actor, instance=instance, name="decline", day="responded_on", data=data)


def complete_referral(
    *, actor: Any, instance: Referral, completed_on: datetime.date, note: str = ""
) -> Referral:
    """The services asked for have been given; the referral is closed."""
    data: dict[str, Any] = {"completed_on": completed_on}
    if note:
        data["response_note"] = note
    return _answer(actor=actor, instance=instance, name="complete", day="completed_on", data=data)


def withdraw_referral(*, actor: Any, instance: Referral, reason: str) -> Referral:
    """The referrer takes the referral back (the victim left, consent was withdrawn ...)."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the referral is withdrawn.")})
    with restored_on_error(instance), transaction.atomic():
        return apply_transition(actor=actor, instance=instance, name="withdraw", reason=reason)


def _check_service(actor: Any, data: Mapping[str, Any]) -> None:
    errors: dict[str, Any] = {}
    not_future(errors, "started_on", data.get("started_on"))
    not_future(errors, "ended_on", data.get("ended_on"))
    referral = data.get("referral")
    provider = data.get("provider")
    if referral is not None and provider is not None:
        if referral.to_organisation_id != provider.pk:
            errors["referral"] = _("This referral was made to another organisation.")
        elif referral.status not in SERVICE_REFERRAL_STATES:
            errors["referral"] = _("Accept the referral before recording services under it.")
    raise_if(errors)


@transaction.atomic
def record_service(
    *, actor: Any, data: Mapping[str, Any], m2m: Mapping[str, Iterable[Any]] | None = None
) -> ServiceDelivery:
    """Record a service given to a victim; the provider is the actor's organisation."""
    data = for_own_organisation(actor, data, "provider")
    check_visible(actor, "victim", [data.get("victim")])
    check_visible(actor, "referral", [data.get("referral")])
    _check_service(actor, data)
    return create_record(actor=actor, instance=ServiceDelivery(**data), m2m=m2m)


@transaction.atomic
def update_service(
    *,
    actor: Any,
    instance: ServiceDelivery,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> ServiceDelivery:
    """Correct a service record (its end date and outcome are often known only later)."""
    for field in ("victim", "referral"):
        if field in data and data[field] != getattr(instance, field):
            check_visible(actor, field, [data[field]])
    fields = ("started_on", "ended_on", "referral", "provider")
    _check_service(actor, {f: data.get(f, getattr(instance, f)) for f in fields})
    return update_record(actor=actor, instance=instance, data=data, m2m=m2m)
