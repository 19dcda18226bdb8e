"""Writes about victims: registration, personal data, exploitation and identification.

Every function takes the acting user first and writes in one transaction with its audit
entry. The web pages, the API, the importers and the demo loader all come through here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tipdata.audit.services import Action, record_event
from tipdata.core.crypto import keyed_hash
from tipdata.core.services import apply_transition, check_owner, create_record, update_record
from tipdata.core.vocabulary import ExploitationForm, IdentificationChannel
from tipdata.victims.models import Exploitation, Person, PersonalData, Victim

PERSONAL_KEYS = tuple(k for k in PersonalData.PERSONAL_FIELDS if k != "identity_number_hash")
EXPLOITATION_KEYS = ("exploitation_forms", "industry", "sex_exploitation_type")


def _split(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Separate victim fields, personal fields and exploitation fields of a flat input."""
    victim = {k: v for k, v in data.items() if k not in PERSONAL_KEYS + EXPLOITATION_KEYS}
    personal = {k: v for k, v in data.items() if k in PERSONAL_KEYS}
    exploitation = {k: v for k, v in data.items() if k in EXPLOITATION_KEYS}
    return victim, personal, exploitation


@transaction.atomic
def register_victim(
    *, actor: Any, data: Mapping[str, Any], m2m: Mapping[str, Iterable[Any]] | None = None
) -> Victim:
    """Record a (potential) victim. No criminal case is needed, for nationals or foreigners."""
    fields, personal, exploitation = _split(data)
    victim = Victim(person=Person.objects.create(), **fields)
    create_record(actor=actor, instance=victim, m2m=m2m)
    set_personal_data(actor=actor, victim=victim, data=personal, audit=False)
    if exploitation:
        set_exploitation(actor=actor, victim=victim, **exploitation)
    return victim


@transaction.atomic
def update_victim(
    *,
    actor: Any,
    instance: Victim,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> Victim:
    fields, personal, exploitation = _split(data)
    update_record(actor=actor, instance=instance, data=fields, m2m=m2m)
    if personal:
        set_personal_data(actor=actor, victim=instance, data=personal)
    if exploitation:
        set_exploitation(actor=actor, victim=instance, **exploitation)
    return instance


@transaction.atomic
def set_personal_data(
    *, actor: Any, victim: Victim, data: Mapping[str, Any], audit: bool = True
) -> PersonalData:
    """Write personal data; the audit says which fields changed, never their values."""
    check_owner(actor, victim)
    personal, _created = PersonalData.objects.get_or_create(victim=victim)
    changed = []
    for key, value in data.items():
        value = "" if value is None and key not in ("birth_date", "birth_year") else value
        if getattr(personal, key) != value:
            setattr(personal, key, value)
            changed.append(key)
    if personal.birth_date and not personal.birth_year:
        personal.birth_year = personal.birth_date.year
    personal.identity_number_hash = (
        keyed_hash(personal.identity_number) if personal.identity_number else ""
    )
    personal.full_clean(exclude=["victim"])
    personal.save()
    if audit and changed:
        record_event(
            actor=actor,
            action=Action.UPDATE,
            obj=victim,
            changes={f"personal.{k}": ["<personal>", "<changed>"] for k in sorted(changed)},
        )
    return personal


@transaction.atomic
def set_exploitation(
    *,
    actor: Any,
    victim: Victim,
    exploitation_forms: Iterable[str] = (),
    industry: str = "",
    sex_exploitation_type: str = "",
) -> list[Exploitation]:
    """Replace the forms of exploitation of a victim (industry applies to labour forms)."""
    check_owner(actor, victim)
    forms = list(dict.fromkeys(exploitation_forms))
    unknown = [f for f in forms if f not in ExploitationForm.values]
    if unknown:
        raise ValidationError(
            {"exploitation_forms": _("Unknown form of exploitation: %s") % ", ".join(unknown)}
        )
    before = sorted(victim.exploitations.values_list("form", flat=True))
    victim.exploitations.all().delete()
    rows = []
    for form in forms:
        row = Exploitation(
            victim=victim,
            form=form,
            industry=industry if form != ExploitationForm.SEXUAL_EXPLOITATION else "",
            sex_exploitation_type=(
                sex_exploitation_type if form == ExploitationForm.SEXUAL_EXPLOITATION else ""
            ),
        )
        row.full_clean(exclude=["victim"])
        rows.append(row)
    Exploitation.objects.bulk_create(rows)
    if before != sorted(forms):
        record_event(
            actor=actor,
            action=Action.UPDATE,
            obj=victim,
            changes={"exploitation_forms": [before, sorted(forms)]},
        )
    return rows


def _check_date(name: str, value: datetime.date, victim: Victim) -> None:
    if value > timezone.localdate():
        raise ValidationError({name: _("The date cannot be in the future.")})


def identify_victim(
    *,
    actor: Any,
    instance: Victim,
    identified_on: datetime.date,
    identification_channel: str,
    identified_by: Any = None,
    reason: str = "",
) -> Victim:
    """Formal identification, by the actor's organisation unless another authority is named.

    It requires no criminal case: the 2021 TIP report's first recommendation is that foreign
    victims be recognised "irrespective of whether criminal cases have been initiated".
    """
    _check_date("identified_on", identified_on, instance)
    if identification_channel not in IdentificationChannel.values:
        raise ValidationError({"identification_channel": _("Choose a channel from the list.")})
    authority = identified_by or getattr(actor, "organisation", None) or instance.registered_by
    return apply_transition(
        actor=actor,
        instance=instance,
        name="identify",
        data={
            "identified_on": identified_on,
            "identified_by": authority,
            "identification_channel": identification_channel,
            "status_decided_on": identified_on,
        },
        reason=reason,
    )


def find_not_a_victim(
    *, actor: Any, instance: Victim, decided_on: datetime.date, reason: str
) -> Victim:
    """Record the decision that a person screened is not a trafficking victim (reason needed)."""
    _check_date("decided_on", decided_on, instance)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    return apply_transition(
        actor=actor,
        instance=instance,
        name="find_not_a_victim",
        data={"status_decided_on": decided_on},
        reason=reason,
    )


def revoke_identification(
    *, actor: Any, instance: Victim, decided_on: datetime.date, reason: str
) -> Victim:
    """Undo a formal identification made in error; the record goes back to potential."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for revoking the identification.")})
    return apply_transition(
        actor=actor,
        instance=instance,
        name="revoke_identification",
        data={
            "identified_on": None,
            "identified_by": None,
            "identification_channel": "",
            "status_decided_on": decided_on,
        },
        reason=reason,
    )
