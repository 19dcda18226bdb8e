"""Writing the audit trail: always inside the transaction of the change it describes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router, transaction
from django.utils import timezone

from tipdata.audit.models import Action, AuditEntry, ChainHead, canonical_text, chain_hash
from tipdata.core import bulk


def _actor_labels(actor: Any) -> tuple[Any, str, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, "system", ""
    organisation = getattr(actor, "organisation", None)
    return actor, actor.get_username(), str(organisation) if organisation else ""


def _entry(
    actor: Any,
    action: str,
    obj: models.Model | None,
    changes: dict[str, Any] | None,
    reason: str,
    object_repr: str | None,
) -> AuditEntry:
    """An unsaved entry, not yet chained (``_append`` sets its time and hashes)."""
    user, actor_label, org_label = _actor_labels(actor)
    return AuditEntry(
        actor=user,
        actor_label=actor_label,
        organisation_label=org_label,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=(object_repr if object_repr is not None else str(obj) if obj else "")[:200],
        changes=changes or {},
        reason=reason,
    )


def _append(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Chain ``entries`` in order after the chain head (locked) and save them."""
    head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
    at = timezone.now()
    previous = head.last_hash
    for entry in entries:
        entry.at = at
        entry.prev_hash = previous
        entry.hash = previous = entry.compute_hash()
    if len(entries) == 1:
        entries[0].save()
    elif entries:
        bulk.insert(AuditEntry, entries)
    head.last_hash = previous
    head.save(update_fields=["last_hash"])
    return entries


@transaction.atomic
def record_event(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    object_repr: str | None = None,
) -> AuditEntry:
    """Append one entry to the chain. Called by services in the same transaction as the write."""
    return _append([_entry(actor, action, obj, changes, reason, object_repr)])[0]


@transaction.atomic
def record_events(
    *, actor: Any, events: Iterable[tuple[str, models.Model, dict[str, Any]]], reason: str = ""
) -> int:
    """Append many entries (``(action, obj, changes)``, in order); returns how many.

    For services writing many records at once (imports, the demo data): each entry is exactly
    what ``record_event`` would write, chained to the one before it in the same order, and the
    chain head is locked and moved once, so the chain stays whole and ``verify_audit`` passes.
    The entries are written as rows of values, not model instances: building an ``AuditEntry``
    cost more than hashing and writing it, and the values, time and actor are the same ones.
    """
    user, actor_label, org_label = _actor_labels(actor)  # the same for every entry
    types: dict[type[models.Model], int] = {}
    values: list[tuple[str, int, str, str, dict[str, Any]]] = []
    for action, obj, changes in events:
        model = type(obj)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(obj).pk
        values.append((action, types[model], str(obj.pk), str(obj)[:200], changes or {}))
    if not values:
        return 0
    head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
    at = timezone.now()
    previous = head.last_hash
    rows = []
    for action, content_type, object_id, object_repr, changed in values:
        text = canonical_text(
            at=at,
            actor_label=actor_label,
            organisation_label=org_label,
            action=action,
            content_type_id=content_type,
            object_id=object_id,
            object_repr=object_repr,
            changes=changed,
            reason=reason,
        )
        entry_hash = chain_hash(previous, text)
        rows.append((action, content_type, object_id, object_repr, changed, previous, entry_hash))
        previous = entry_hash
    _insert_rows(at, user, actor_label, org_label, reason, rows)
    head.last_hash = previous
    head.save(update_fields=["last_hash"])
    return len(rows)


_BATCH_COLUMNS = (
    "at", "actor", "actor_label", "organisation_label", "reason",
    "action", "content_type", "object_id", "object_repr", "changes", "prev_hash", "hash",
)  # fmt: skip


def _insert_rows(
    at: Any, user: Any, actor_label: str, org_label: str, reason: str, rows: list[Any]
) -> None:
    """Write chained entries; the values shared by the batch are prepared for the database
    once, each entry's changes by the JSON field itself (as ``save`` would)."""
    connection = connections[router.db_for_write(AuditEntry)]
    fields: list[Any] = [AuditEntry._meta.get_field(name) for name in _BATCH_COLUMNS]
    at_field, changes_field = fields[0], fields[9]
    shared = (
        at_field.get_db_prep_save(at, connection),
        getattr(user, "pk", None),
        actor_label,
        org_label,
        reason,
    )
    prep_changes = changes_field.get_db_prep_save
    bulk.insert_values(
        AuditEntry,
        [f.column for f in fields],
        (
            (*shared, action, kind, oid, text, prep_changes(changed, connection), prev, digest)
            for action, kind, oid, text, changed, prev, digest in rows
        ),
    )


def snapshot(instance: models.Model) -> dict[str, Any]:
    """Values of the concrete, non-personal fields of ``instance`` as JSON-friendly data."""
    personal = set(getattr(instance, "PERSONAL_FIELDS", ()))
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"created_at", "updated_at"}:
            continue
        value = field.value_from_object(instance)
        if field.name in personal:
            data[field.name] = "<personal>" if value not in (None, "") else None
        else:
            data[field.name] = (
                value if isinstance(value, (int, float, bool, type(None))) else str(value)
            )
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Changed fields as {field: [before, after]}; personal fields say only that they changed."""
    changed: dict[str, Any] = {}
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            changed[key] = [before.get(key), after.get(key)]
    return changed


# Filter values that may carry a person's words (a name typed into search) are not copied
# into the audit trail, which is not encrypted: only the fact that they were used.
FREE_TEXT_KEYS = ("q", "search", "name", "identity", "phone", "email", "address", "note")


def _safe_filters(filters: Mapping[str, Any] | None) -> dict[str, Any]:
    safe: dict[str, Any] = {}
    for key, value in (filters or {}).items():
        if value in (None, "", []) or key in ("page", "format", "csrfmiddlewaretoken"):
            continue
        if any(word in key.lower() for word in FREE_TEXT_KEYS):
            safe[key] = "<text>"
        else:
            safe[key] = value if isinstance(value, (int, float, bool)) else str(value)
    return safe


def record_export(
    *,
    actor: Any,
    what: Any,
    fmt: str,
    rows: int,
    filters: Mapping[str, Any] | None = None,
    obj: models.Model | None = None,
) -> AuditEntry:
    """Audit an export (CSV, XLSX, PDF, JSON ...): who took which rows, in which format.

    ``what`` is a model, a queryset or a label (``"victims.victim"``, ``"country report"``);
    ``filters`` are the request's filters (e.g. ``request.GET``); free-text values among them
    are recorded only as ``<text>``. Call it in the view that produces the file.
    """
    if isinstance(what, models.QuerySet):
        what = what.model
    label = what._meta.label_lower if hasattr(what, "_meta") else str(what)
    if filters is None:
        items: Any = []
    elif hasattr(filters, "lists"):
        items = filters.lists()
    else:
        items = filters.items()
    flat = {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in items}
    return record_event(
        actor=actor,
        action=Action.EXPORT,
        obj=obj,
        object_repr=label if obj is None else None,
        changes={"what": label, "format": fmt, "rows": rows, "filters": _safe_filters(flat)},
    )


def history(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """Audit entries about one record, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")


__all__ = [
    "Action",
    "diff",
    "history",
    "record_event",
    "record_events",
    "record_export",
    "snapshot",
]
