"""Writes about hotline calls: the call itself and what it led to.

The hotline operator records the call; the body it was referred to (a police unit, an NGO)
may record what followed: the criminal case it led to and the victims it identified. That
lineage answers the 2021 TIP report's question of whether hotline calls led to cases.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tipdata.accounts.models import Role
from tipdata.accounts.services import is_administrator
from tipdata.cases.models import CriminalCase
from tipdata.cases.services.case import raise_if, restored_on_error
from tipdata.core import links
from tipdata.core.services import create_record, create_records, update_record
from tipdata.hotline.models import HotlineCall


def may_record_calls(user: Any) -> bool:
    """Calls are the hotline operators' records (administrators correct any record)."""
    return is_administrator(user) or getattr(user, "role", None) == Role.HOTLINE_OPERATOR


def _check_call(actor: Any, data: Mapping[str, Any], m2m: Mapping[str, Any] | None) -> None:
    errors: dict[str, Any] = {}
    received_at = data.get("received_at")
    if received_at is not None and received_at > timezone.now():
        errors["received_at"] = _("The date cannot be in the future.")
    if "case" in data:
        errors["case"] = _("Link the case it led to with the 'link case' step.")
    raise_if(errors)
    links.check_visible(actor, "victims", (m2m or {}).get("victims") or [])


@transaction.atomic
def record_call(
    *, actor: Any, data: Mapping[str, Any], m2m: Mapping[str, Iterable[Any]] | None = None
) -> HotlineCall:
    """Record a call taken by the actor's hotline."""
    if actor is not None and not may_record_calls(actor):
        raise PermissionDenied(_("Only hotline operators record hotline calls."))
    data = links.for_own_organisation(actor, data, "operator")
    _check_call(actor, data, m2m)
    return create_record(actor=actor, instance=HotlineCall(**data), m2m=m2m)


@transaction.atomic
def record_calls(
    *, actor: Any, entries: Sequence[tuple[Mapping[str, Any], Mapping[str, Any] | None]]
) -> list[HotlineCall]:
    """Record many calls (``(data, m2m)`` each, e.g. an operator's monthly register).

    Every call is checked as ``record_call`` checks it and audited with the same entry, but
    written with a few bulk inserts. All or nothing: ``core.services.RecordsRejected`` names
    every refused call by its position, and then nothing is written.
    """
    if actor is not None and not may_record_calls(actor):
        raise PermissionDenied(_("Only hotline operators record hotline calls."))
    calls: list[HotlineCall] = []
    refused: dict[int, Exception] = {}
    for index, (data, m2m) in enumerate(entries):
        data = links.for_own_organisation(actor, data, "operator")
        try:
            _check_call(actor, data, m2m)
        except (ValidationError, PermissionDenied) as error:
            refused[index] = error
        calls.append(HotlineCall(**data))
    m2m_of = [m2m for _data, m2m in entries]
    return create_records(actor=actor, instances=calls, m2m=m2m_of, refused=refused)


@transaction.atomic
def update_call(
    *,
    actor: Any,
    instance: HotlineCall,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> HotlineCall:
    _check_call(actor, data, m2m)
    return update_record(actor=actor, instance=instance, data=data, m2m=m2m)


def link_call_to_case(
    *, actor: Any, call: HotlineCall, case: CriminalCase, reason: str = ""
) -> HotlineCall:
    """Record the criminal case a call led to (registered on or after the call's day)."""
    since = timezone.localtime(call.received_at).date()
    with restored_on_error(call):
        return links.link_case(actor=actor, record=call, case=case, since=since, reason=reason)


def link_call_victims(*, actor: Any, call: HotlineCall, victims: Iterable[Any]) -> HotlineCall:
    """Add the victims a call concerned (records the actor can see)."""
    with restored_on_error(call):
        return links.link_victims(actor=actor, record=call, victims=victims)
