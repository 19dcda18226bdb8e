"""Writes about labour inspections: the inspection, its violations and what it led to.

An inspection and its violations by category are written in one transaction, so a bad count
leaves neither. The inspectorate refers an inspection to the police; the police unit it was
referred to records the case it led to. That lineage answers the 2021 TIP report's question
of whether labour inspections led to trafficking cases.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tipdata.accounts.models import Role
from tipdata.accounts.services import is_administrator
from tipdata.audit.services import Action, record_event, record_events
from tipdata.cases.models import CriminalCase
from tipdata.cases.services.case import not_future, raise_if, restored_on_error
from tipdata.core import links
from tipdata.core.services import (
    RecordsRejected,
    create_record,
    create_records,
    update_record,
)
from tipdata.inspections.models import LabourInspection, Violation, ViolationCategory

# Set only by ``refer_inspection_to_police`` and ``link_inspection_to_case``.
FOLLOW_UP_FIELDS = ("referred_to_police", "referred_on", "referred_to", "case")


def may_record_inspections(user: Any) -> bool:
    """Inspections are the labour inspectors' records (administrators correct any record)."""
    return is_administrator(user) or getattr(user, "role", None) == Role.LABOUR_INSPECTOR


def clean_violations(violations: Mapping[str, Any] | None) -> dict[str, int]:
    """Counts by category, checked: known categories, whole non-negative numbers."""
    counts: dict[str, int] = {}
    problems = []
    for category, count in (violations or {}).items():
        if category not in ViolationCategory.values:
            problems.append(_("unknown category %s") % category)
        elif isinstance(count, bool) or not isinstance(count, int) or count < 0:
            problems.append(_("%s needs a whole number, 0 or more") % category)
        elif count:
            counts[category] = count
    if problems:
        raise ValidationError({"violations": "; ".join(problems)})
    return counts


def _check_inspection(actor: Any, data: Mapping[str, Any], m2m: Mapping[str, Any] | None) -> None:
    errors: dict[str, Any] = {}
    not_future(errors, "inspected_on", data.get("inspected_on"))
    for field in FOLLOW_UP_FIELDS:
        if field in data:
            errors[field] = _("Use the 'refer to police' and 'link case' steps for this.")
    raise_if(errors)
    links.check_visible(actor, "victims", (m2m or {}).get("victims") or [])


def _set_violations(actor: Any, inspection: LabourInspection, counts: dict[str, int]) -> None:
    """Replace the violation rows; the audit shows the counts before and after."""
    before = inspection.violation_counts
    if before == counts:
        return
    inspection.violations.all().delete()
    Violation.objects.bulk_create(
        Violation(inspection=inspection, category=c, count=n) for c, n in sorted(counts.items())
    )
    # An API update reads the inspection back: drop counts prefetched before the write.
    getattr(inspection, "_prefetched_objects_cache", {}).pop("violations", None)
    record_event(
        actor=actor,
        action=Action.UPDATE,
        obj=inspection,
        changes={"violations": [before, counts]},
    )


@transaction.atomic
def record_inspection(
    *,
    actor: Any,
    data: Mapping[str, Any],
    violations: Mapping[str, int] | None = None,
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> LabourInspection:
    """Record an inspection by the actor's inspectorate with its violations by category."""
    if actor is not None and not may_record_inspections(actor):
        raise PermissionDenied(_("Only labour inspectors record labour inspections."))
    data = links.for_own_organisation(actor, data, "inspecting_unit")
    counts = clean_violations(violations)
    _check_inspection(actor, data, m2m)
    inspection = create_record(actor=actor, instance=LabourInspection(**data), m2m=m2m)
    _set_violations(actor, inspection, counts)
    return inspection


def _prepared(
    actor: Any, entries: Sequence[tuple[Mapping[str, Any], Mapping[str, Any] | None, Any]]
) -> tuple[list[LabourInspection], list[dict[str, int]], dict[int, Exception]]:
    """The unsaved inspections of ``(data, violations, m2m)`` entries, their checked counts,
    and what ``record_inspection``'s own rules refuse, by position."""
    inspections: list[LabourInspection] = []
    counts: list[dict[str, int]] = []
    refused: dict[int, Exception] = {}
    for index, (data, violations, m2m) in enumerate(entries):
        data = links.for_own_organisation(actor, data, "inspecting_unit")
        found: dict[str, int] = {}
        try:
            found = clean_violations(violations)
            _check_inspection(actor, data, m2m)
        except (ValidationError, PermissionDenied) as error:
            refused[index] = error
        counts.append(found)
        inspections.append(LabourInspection(**data))
    return inspections, counts, refused


@transaction.atomic
def record_many_inspections(
    *, actor: Any, entries: Sequence[tuple[Mapping[str, Any], Mapping[str, int] | None, Any]]
) -> list[LabourInspection]:
    """Record many inspections (``(data, violations, m2m)`` each): a year's register.

    Each inspection is checked exactly as ``record_inspection`` checks it (permission, owner,
    violations, dates, the model's validation) and audited with the same entries (created;
    violations set), but written with a few bulk inserts (``core.services.create_records``).
    All or nothing: ``RecordsRejected`` names every refused inspection by its position.
    """
    if actor is not None and not may_record_inspections(actor):
        raise PermissionDenied(_("Only labour inspectors record labour inspections."))
    inspections, counts, refused = _prepared(actor, entries)
    m2m = [entry[2] for entry in entries]
    create_records(actor=actor, instances=inspections, m2m=m2m, refused=refused)
    Violation.objects.bulk_create(
        (
            Violation(inspection=inspection, category=c, count=n)
            for inspection, found in zip(inspections, counts, strict=True)
            for c, n in sorted(found.items())
        ),
        batch_size=500,
    )
    record_events(
        actor=actor,
        events=[
            (Action.UPDATE, inspection, {"violations": [{}, found]})
            for inspection, found in zip(inspections, counts, strict=True)
            if found
        ],
    )
    return inspections


def record_inspections(
    *, actor: Any, entries: Iterable[tuple[Mapping[str, Any], Mapping[str, int] | None]]
) -> list[LabourInspection]:
    """``record_many_inspections`` without links to victims, refusing with one
    ``ValidationError`` whose messages name the row (1 = the first entry): the demo loader's
    way to load its register."""
    try:
        return record_many_inspections(
            actor=actor, entries=[(data, violations, None) for data, violations in entries]
        )
    except RecordsRejected as rejected:
        for error in rejected.errors.values():
            if isinstance(error, PermissionDenied):
                raise error from rejected
        by_field: dict[str, list[str]] = {}
        for index, error in sorted(rejected.errors.items()):
            assert isinstance(error, ValidationError)
            for field, messages in error.update_error_dict({}).items():
                by_field.setdefault(field, []).extend(
                    _("row %(row)s: %(message)s") % {"row": index + 1, "message": message}
                    for message in ValidationError(messages).messages
                )
        raise ValidationError(by_field) from rejected


def create_many(
    *, actor: Any, entries: Sequence[tuple[Mapping[str, Any], Mapping[str, Any] | None]]
) -> list[LabourInspection]:
    """The importer's entry: ``(data, m2m)`` with the violations in ``data`` as the page's
    form gathers them (``data["violations"]``)."""
    split = []
    for data, m2m in entries:
        fields = dict(data)
        split.append((fields, fields.pop("violations", None), m2m))
    return record_many_inspections(actor=actor, entries=split)


@transaction.atomic
def update_inspection(
    *,
    actor: Any,
    instance: LabourInspection,
    data: Mapping[str, Any],
    violations: Mapping[str, int] | None = None,
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> LabourInspection:
    """Correct an inspection; ``violations``, when given, replace the counts by category."""
    counts = clean_violations(violations) if violations is not None else None
    _check_inspection(actor, data, m2m)
    update_record(actor=actor, instance=instance, data=data, m2m=m2m)
    if counts is not None:
        _set_violations(actor, instance, counts)
    return instance


def refer_inspection_to_police(
    *,
    actor: Any,
    inspection: LabourInspection,
    referred_on: datetime.date,
    referred_to: Any,
    reason: str = "",
) -> LabourInspection:
    """The inspectorate hands its findings to a police unit (or a prosecutor's office)."""
    errors: dict[str, Any] = {}
    not_future(errors, "referred_on", referred_on)
    if inspection.referred_to_police:
        errors["referred_to"] = _("This inspection was already referred to the police.")
    raise_if(errors)
    data = {"referred_to_police": True, "referred_on": referred_on, "referred_to": referred_to}
    with restored_on_error(inspection):
        return update_record(actor=actor, instance=inspection, data=data, reason=reason)


def link_inspection_to_case(
    *, actor: Any, inspection: LabourInspection, case: CriminalCase, reason: str = ""
) -> LabourInspection:
    """Record the criminal case an inspection led to (registered on or after the inspection)."""
    with restored_on_error(inspection):
        return links.link_case(
            actor=actor, record=inspection, case=case, since=inspection.inspected_on, reason=reason
        )


def link_inspection_victims(
    *, actor: Any, inspection: LabourInspection, victims: Iterable[Any]
) -> LabourInspection:
    """Add the victims found at an inspection (records the actor can see)."""
    with restored_on_error(inspection):
        return links.link_victims(actor=actor, record=inspection, victims=victims)


def refer_step(
    *, actor: Any, instance: LabourInspection, referred_on: datetime.date, referred_to: Any
) -> LabourInspection:
    """The page and API step of ``refer_inspection_to_police``."""
    return refer_inspection_to_police(
        actor=actor, inspection=instance, referred_on=referred_on, referred_to=referred_to
    )
