"""Writes about victims: registration, personal data, exploitation and identification.

Every function takes the acting user first and writes in one transaction with its audit
entry. The web pages, the API, the importers and the demo loader all come through here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tipdata.audit.services import Action, record_event, record_events
from tipdata.core.crypto import keyed_hash
from tipdata.core.services import (
    apply_transition,
    check_owner,
    create_record,
    create_records,
    update_record,
)
from tipdata.core.vocabulary import ExploitationForm, IdentificationChannel
from tipdata.linkage.index import write_index
from tipdata.victims.models import BLOCKING_SOURCES, Exploitation, Person, PersonalData, Victim

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


def _exploitation_rows(
    victim: Victim,
    exploitation_forms: Iterable[str] = (),
    industry: str = "",
    sex_exploitation_type: str = "",
) -> list[Exploitation]:
    """The checked rows of a victim's forms of exploitation (not yet saved): industry goes
    with the labour forms, the type of sexual exploitation with sexual exploitation."""
    forms = list(dict.fromkeys(exploitation_forms))
    unknown = [f for f in forms if f not in ExploitationForm.values]
    if unknown:
        raise ValidationError(
            {"exploitation_forms": _("Unknown form of exploitation: %s") % ", ".join(unknown)}
        )
    sexual = ExploitationForm.SEXUAL_EXPLOITATION
    rows = []
    for form in forms:
        row = Exploitation(
            victim=victim,
            form=form,
            industry=industry if form != sexual else "",
            sex_exploitation_type=sex_exploitation_type if form == sexual else "",
        )
        row.full_clean(exclude=["victim"])
        rows.append(row)
    return rows


def _new_personal(data: Mapping[str, Any]) -> PersonalData:
    """The checked personal data ``set_personal_data`` writes for a new victim (unsaved)."""
    personal = PersonalData()
    for key, value in data.items():
        setattr(
            personal,
            key,
            "" if value is None and key not in ("birth_date", "birth_year") else value,
        )
    if personal.birth_date and not personal.birth_year:
        personal.birth_year = personal.birth_date.year
    personal.identity_number_hash = (
        keyed_hash(personal.identity_number) if personal.identity_number else ""
    )
    personal.full_clean(exclude=["victim"])
    return personal


@transaction.atomic
def register_victims(
    *, actor: Any, entries: Sequence[tuple[Mapping[str, Any], Mapping[str, Any] | None]]
) -> list[Victim]:
    """``register_victim`` for many victims (``(data, m2m)`` each), e.g. an NGO's register.

    Each victim gets the same checks (``create_records``), the same encrypted personal data
    and forms of exploitation, and the same audit entries, written with a few bulk inserts.
    All or nothing: ``RecordsRejected`` names every refused victim by its position.
    """
    persons = Person.objects.bulk_create([Person() for _entry in entries], batch_size=500)
    victims: list[Victim] = []
    personal: list[PersonalData] = []
    exploitation: list[list[Exploitation]] = []
    refused: dict[int, Exception] = {}
    for index, ((data, _m2m), person) in enumerate(zip(entries, persons, strict=True)):
        fields, personal_fields, exploitation_fields = _split(data)
        victim = Victim(person=person, **fields)
        victims.append(victim)
        rows: list[Exploitation] = []
        try:
            personal.append(_new_personal(personal_fields))
            rows = _exploitation_rows(victim, **exploitation_fields)
        except ValidationError as error:
            refused[index] = error
        exploitation.append(rows)
    m2m = [m2m for _data, m2m in entries]
    create_records(actor=actor, instances=victims, m2m=m2m, refused=refused)
    for victim, sealed in zip(victims, personal, strict=True):
        sealed.victim = victim
    PersonalData.objects.bulk_create(personal, batch_size=500)
    write_index(personal)  # record linkage's blocking keys, hashed (tipdata.linkage.index)
    for victim, rows in zip(victims, exploitation, strict=True):
        for row in rows:
            row.victim = victim
    Exploitation.objects.bulk_create([r for rows in exploitation for r in rows], batch_size=500)
    events = [
        (Action.UPDATE, victim, {"exploitation_forms": [[], sorted(r.form for r in rows)]})
        for victim, rows in zip(victims, exploitation, strict=True)
        if rows
    ]
    record_events(actor=actor, events=events)
    return victims


@transaction.atomic
def record_deidentified_victim(*, actor: Any, data: Mapping[str, Any]) -> Victim:
    """Record a victim the contributing organisation knows only without identity (e.g. CTDC).

    Such a record gets a ``Person`` of its own and never any personal data: nothing in it can
    be compared with another record, so record linkage must leave it alone (it filters on
    ``Victim.is_deidentified``) and national counts of persons leave it out. It still counts
    among the victims assisted by the organisation that contributed it.
    """
    fields, personal, exploitation = _split(data)
    if personal:
        raise ValidationError(_("A de-identified record carries no personal data."))
    victim = Victim(person=Person.objects.create(), is_deidentified=True, **fields)
    create_record(actor=actor, instance=victim)
    if exploitation.get("exploitation_forms"):
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
    if _created or BLOCKING_SOURCES & set(changed):
        write_index([personal])  # record linkage's blocking keys, hashed (tipdata.linkage.index)
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
    rows = _exploitation_rows(victim, exploitation_forms, industry, sex_exploitation_type)
    forms = [row.form for row in rows]
    before = sorted(victim.exploitations.values_list("form", flat=True))
    victim.exploitations.all().delete()
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


@transaction.atomic
def reassign_person(
    *,
    actor: Any,
    victims: Iterable[Victim],
    person: Person,
    action: str = Action.MERGE,
    obj: Any = None,
    reason: str = "",
) -> list[tuple[int, int]]:
    """Point victim records at another ``Person``: record linkage's merges and their undoing.

    Returns ``(victim id, previous person id)`` for every record moved, which is what an undo
    needs. De-identified records (CTDC imports) are never merged with anyone. One audit entry
    (on ``obj``, e.g. the linkage merge, else the person) names every record moved.
    """
    victims = list(victims)
    if any(v.is_deidentified for v in victims):
        raise ValidationError(_("De-identified records are never linked to other records."))
    moving = [v for v in victims if v.person_id != person.pk]
    if not moving:
        return []
    previous = {v.pk: v.person_id for v in moving}
    codes = dict(Person.objects.filter(pk__in={*previous.values()}).values_list("pk", "code"))
    Victim.objects.filter(pk__in=previous).update(person=person, updated_at=timezone.now())
    for victim in moving:
        victim.person = person
    record_event(
        actor=actor,
        action=action,
        obj=obj if obj is not None else person,
        changes={"person": {v.code: [codes.get(previous[v.pk]), person.code] for v in moving}},
        reason=reason,
    )
    return list(previous.items())
