"""Writes of historical aggregate values: entered one by one or imported in a batch.

Only administrators and the working group's secretariat enter aggregates (they compile the
country's figures); the value is owned by the organisation that entered it. An import is all or
nothing: a bad row names its number and field, and no row of the batch is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tipdata.accounts.models import Role
from tipdata.core.services import create_record, update_record
from tipdata.indicators.models import HistoricalValue, cell_of

WRITER_ROLES = frozenset({Role.ADMIN, Role.SECRETARIAT})
FIELDS = (
    "indicator",
    "year",
    "disaggregation",
    "status",
    "value",
    "suppressed_below",
    "source",
    "reference",
    "note",
)


def may_enter(actor: Any) -> bool:
    """Administrators and the secretariat; ``None`` is a system job (demo loader, importer)."""
    if actor is None:
        return True
    return bool(getattr(actor, "is_administrator", False) or actor.role in WRITER_ROLES)


def _check_actor(actor: Any) -> None:
    if not may_enter(actor):
        raise PermissionDenied(_("Only the secretariat or an administrator enters aggregates."))


def _owner(actor: Any, data: Mapping[str, Any]) -> Any:
    entered_by = data.get("entered_by") or getattr(actor, "organisation", None)
    if entered_by is None:
        raise ValidationError({"entered_by": _("Name the organisation entering the figure.")})
    return entered_by


def record_historical_value(
    *, actor: Any, data: Mapping[str, Any], m2m: Mapping[str, Iterable[Any]] | None = None
) -> HistoricalValue:
    """Enter one aggregate figure for one indicator, year and cell, with its source."""
    _check_actor(actor)
    values = {k: v for k, v in data.items() if k in FIELDS}
    values["entered_by"] = _owner(actor, data)
    return create_record(actor=actor, instance=HistoricalValue(**values), m2m=m2m)


def update_historical_value(
    *,
    actor: Any,
    instance: HistoricalValue,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> HistoricalValue:
    """Correct an aggregate (a new letter supersedes the old figure); audited with the change."""
    _check_actor(actor)
    values = {k: v for k, v in data.items() if k in FIELDS}
    return update_record(actor=actor, instance=instance, data=values, m2m=m2m)


@transaction.atomic
def import_historical_values(
    *, actor: Any, rows: Iterable[Mapping[str, Any]], entered_by: Any = None
) -> list[HistoricalValue]:
    """Create or update aggregates keyed by (indicator, year, cell); all rows or none.

    Errors are collected over every row and raised together, each prefixed by its row number
    (counted from 1), so a clerk fixes the file once.
    """
    _check_actor(actor)
    saved: list[HistoricalValue] = []
    errors: dict[str, list[str]] = {}
    for number, row in enumerate(rows, start=1):
        data = dict(row)
        if entered_by is not None:
            data.setdefault("entered_by", entered_by)
        try:
            with transaction.atomic():
                saved.append(_upsert(actor, data))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(
                    _("Row %(row)s: %(message)s") % {"row": number, "message": m} for m in messages
                )
    if errors:
        raise ValidationError(errors)
    return saved


def _upsert(actor: Any, data: Mapping[str, Any]) -> HistoricalValue:
    cell = data.get("disaggregation")
    try:
        year = int(data.get("year"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        year = None  # the model's validation names the field
    existing = (
        HistoricalValue.objects.filter(
            indicator=data.get("indicator"),
            year=year,
            cell=cell_of(cell if isinstance(cell, dict) else None),
        ).first()
        if year is not None
        else None
    )
    if existing is None:
        return record_historical_value(actor=actor, data=data)
    return update_historical_value(actor=actor, instance=existing, data=data)
