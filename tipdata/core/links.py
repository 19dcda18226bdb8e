"""Writing records that point at others (a referral at its victim, a call at its case).

A form offers only the records its user can see, but an API client can name any id, and a
link that succeeded would reveal that a hidden record exists. So services check every record
they link against ``visible_to(actor)`` here, and steps that name a record by its natural key
(a case's registration number, a victim's code) look it up in the same scope.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from tipdata.accounts.access import can_write
from tipdata.core.services import update_record


def for_own_organisation(actor: Any, data: Mapping[str, Any], field: str) -> dict[str, Any]:
    """``data`` with ``field`` defaulting to the actor's organisation.

    Members write for their own organisation: naming another is refused by the owner check
    of ``create_record``; an administrator may record on another's behalf.
    """
    data = dict(data)
    if actor is not None and data.get(field) is None:
        data[field] = getattr(actor, "organisation", None)
    return data


def check_visible(actor: Any, field: str, records: Iterable[Any]) -> None:
    """Refuse, on ``field``, records the actor cannot see (system jobs, ``actor`` None, pass)."""
    records = [r for r in records if r is not None]
    if actor is None or not records:
        return
    model = type(records[0])
    ids = {r.pk for r in records}
    visible = set(model.objects.visible_to(actor).filter(pk__in=ids).values_list("pk", flat=True))
    if ids - visible:
        raise ValidationError({field: _("You may only choose records you can see.")})


def split_keys(text: str) -> list[str]:
    """Codes typed into one box, separated by commas, semicolons, spaces or lines."""
    for separator in ",;\n\t":
        text = text.replace(separator, " ")
    return list(dict.fromkeys(part for part in text.split(" ") if part))


def find_visible(model: Any, actor: Any, field: str, key: str, values: Iterable[str]) -> list[Any]:
    """The ``model`` records whose ``key`` is one of ``values``, all visible to ``actor``.

    Unknown and hidden values are named in one error on ``field`` (the form's field), without
    saying which of the two they are.
    """
    wanted = [v.strip() for v in values if v and v.strip()]
    if not wanted:
        raise ValidationError({field: _("This field is required.")})
    typed = wanted + [v.upper() for v in wanted]
    found = {
        getattr(r, key).upper(): r
        for r in model.objects.visible_to(actor).filter(**{f"{key}__in": typed})
    }
    missing = [v for v in wanted if v.upper() not in found]
    if missing:
        raise ValidationError(
            {field: _("Not found among the records you can see: %s") % ", ".join(missing)}
        )
    return [found[v.upper()] for v in wanted]


def may_follow_up(user: Any, record: Any) -> bool:
    """May ``user`` record what ``record`` led to (the case, the victims found)?

    Its owner may, and so may the body it was referred to: the police unit that opened a case
    from a hotline call or a labour inspection knows the case, which the hotline or the
    inspectorate cannot see. ``record`` has a ``referred_to`` organisation.
    """
    return can_write(user, record.owner, record) or can_write(user, record.referred_to, record)


def link_case(*, actor: Any, record: Any, case: Any, since: Any, reason: str = "") -> Any:
    """Record that ``record`` (dated ``since``) led to criminal ``case``, which comes after it."""
    if actor is not None and not may_follow_up(actor, record):
        raise PermissionDenied(_("Only its owner or the body it was referred to may link it."))
    check_visible(actor, "case", [case])
    if case.registered_on < since:
        raise ValidationError(
            {
                "case": _("Case %(case)s was registered on %(date)s, before this record.")
                % {"case": case, "date": case.registered_on}
            }
        )
    return update_record(
        actor=actor, instance=record, data={"case": case}, reason=reason, supervisory=True
    )


def link_victims(*, actor: Any, record: Any, victims: Iterable[Any]) -> Any:
    """Add victims (visible to the actor) to ``record``'s victims, keeping those linked."""
    victims = list(victims)
    if actor is not None and not may_follow_up(actor, record):
        raise PermissionDenied(_("Only its owner or the body it was referred to may link it."))
    if not victims:
        raise ValidationError({"victims": _("Choose at least one victim.")})
    check_visible(actor, "victims", victims)
    current = list(record.victims.all())
    merged = current + [v for v in victims if v not in current]
    return update_record(
        actor=actor, instance=record, data={}, m2m={"victims": merged}, supervisory=True
    )
