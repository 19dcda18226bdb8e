"""The generic write path shared by every domain service.

Domain services (``victims.services.register_victim`` ...) add their rules and call these
helpers, which validate the whole record, save it and write the audit entry in one
transaction: either all of it lands or none of it does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tipdata.accounts.access import can_write
from tipdata.audit.services import Action, diff, record_event, record_events, snapshot
from tipdata.core import bulk
from tipdata.core.models import Record

R = TypeVar("R", bound=Record)


def check_owner(actor: Any, instance: Record) -> None:
    """Refuse a write by someone outside the owning organisation."""
    if actor is None:  # system jobs (demo loader, migrations) act without a user
        return
    if not instance.OWNER_FIELD:
        if not getattr(actor, "is_administrator", False):
            raise PermissionDenied(_("Only an administrator may change this record."))
        return
    if not can_write(actor, instance.owner, instance):
        raise PermissionDenied(_("Your organisation does not own this record."))


def _set_m2m(instance: Record, m2m: Mapping[str, Iterable[Any]] | None) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, values in (m2m or {}).items():
        manager = getattr(instance, name)
        before = sorted(str(v.pk) for v in manager.all())
        manager.set(list(values))
        after = sorted(str(v.pk) for v in manager.all())
        if before != after:
            changes[name] = [before, after]
    return changes


@transaction.atomic
def create_record(
    *,
    actor: Any,
    instance: R,
    m2m: Mapping[str, Iterable[Any]] | None = None,
    reason: str = "",
) -> R:
    """Validate and save a new record, then audit it."""
    check_owner(actor, instance)
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance.created_by = actor
    instance.full_clean()
    instance.save()
    changes = {k: [None, v] for k, v in snapshot(instance).items() if v not in (None, "")}
    changes.update(_set_m2m(instance, m2m))
    record_event(actor=actor, action=Action.CREATE, obj=instance, changes=changes, reason=reason)
    return instance


@transaction.atomic
def update_record(
    *,
    actor: Any,
    instance: R,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
    reason: str = "",
    supervisory: bool = False,
) -> R:
    """Apply field changes (never the status: that is a transition), validate, save, audit.

    ``supervisory`` is for a change another body makes with authority the caller has checked
    (the police unit a hotline call was referred to records the case it led to).
    """
    if not supervisory:
        check_owner(actor, instance)
    workflow = instance.WORKFLOW
    if workflow is not None and workflow.field in data:
        raise ValidationError({workflow.field: _("Use a named transition to change the status.")})
    before = snapshot(instance)
    for name, value in data.items():
        setattr(instance, name, value)
    if not supervisory:
        check_owner(actor, instance)  # the new owner must be the actor's organisation too
    instance.full_clean()
    instance.save()
    changes = diff(before, snapshot(instance))
    changes.update(_set_m2m(instance, m2m))
    if changes:
        record_event(
            actor=actor, action=Action.UPDATE, obj=instance, changes=changes, reason=reason
        )
    return instance


@transaction.atomic
def apply_transition(
    *,
    actor: Any,
    instance: R,
    name: str,
    data: Mapping[str, Any] | None = None,
    reason: str = "",
    supervisory: bool = False,
) -> R:
    """Move a record along a named transition, setting the fields that go with it.

    ``supervisory`` is for steps another body takes on a record it does not own (a
    prosecutor reopening a police investigation); the caller has checked that authority.
    """
    if not supervisory:
        check_owner(actor, instance)
    workflow = instance.WORKFLOW
    if workflow is None:
        raise ValidationError(_("This record has no status."))
    before = snapshot(instance)
    source, target = workflow.apply(instance, name)
    for field, value in (data or {}).items():
        setattr(instance, field, value)
    instance.full_clean()
    instance.save()
    changes = diff(before, snapshot(instance))
    changes["transition"] = [source, f"{name} -> {target}"]
    record_event(
        actor=actor, action=Action.TRANSITION, obj=instance, changes=changes, reason=reason
    )
    return instance


# --- many new records at once (imports) -------------------------------------------------------

Event = tuple[str, Record, dict[str, Any]]


class RecordsRejected(Exception):
    """Records of a batch broke a rule, so nothing of the batch was written.

    ``errors`` maps each refused record's position in the batch to its ``ValidationError`` or
    ``PermissionDenied``, the same ones ``create_record`` raises, so that an importer can name
    the row and the column at fault, and report every bad row rather than the first.
    """

    def __init__(self, errors: Mapping[int, Exception]) -> None:
        super().__init__(f"{len(errors)} record(s) refused")
        self.errors = dict(errors)


def references(model: type[Record]) -> list[Any]:
    """The model's links (foreign keys), whose existence a batch checks once for all rows."""
    return [f for f in model._meta.concrete_fields if f.many_to_one]


def clean_new(actor: Any, instance: Record, links: Iterable[Any] = ()) -> None:
    """What ``create_record`` checks before saving (owner, status, ``full_clean``), except
    that the links named in ``links`` are checked by ``check_links`` for the whole batch:
    ``full_clean`` would ask the database once per link and record."""
    check_owner(actor, instance)
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance.created_by = actor
    instance._guard_status()
    errors = _collected({}, instance.clean_fields, exclude={f.name for f in links})
    errors = _collected(errors, instance.clean)
    # As ``full_clean``: fields already refused are left out of the database checks.
    errors = _collected(errors, instance.validate_unique, exclude=set(errors))
    errors = _collected(errors, instance.validate_constraints, exclude=set(errors))
    if errors:
        raise ValidationError(errors)


def _collected(errors: dict[str, Any], check: Any, **options: Any) -> dict[str, Any]:
    """``errors`` with those of ``check`` added: every problem of a record, not the first."""
    try:
        check(**options)
    except ValidationError as error:
        return error.update_error_dict(errors)
    return errors


def check_links(instances: Sequence[Record], links: Iterable[Any]) -> dict[int, ValidationError]:
    """Each link of each record set when required and naming an existing row, with
    ``ForeignKey.validate``'s own messages, in one query per link for all the records."""
    errors: dict[int, dict[str, list[str]]] = {}
    for field in links:
        target: Any = field.remote_field
        values = {getattr(i, field.attname) for i in instances} - {None}
        found = set()
        if values:
            rows = target.model._base_manager.filter(**{f"{target.field_name}__in": values})
            found = set(
                rows.complex_filter(field.get_limit_choices_to()).values_list(
                    target.field_name, flat=True
                )
            )
        for index, instance in enumerate(instances):
            value = getattr(instance, field.attname)
            if value is None and not field.blank:
                message = str(field.error_messages["null"])
            elif value is not None and value not in found:
                message = field.error_messages["invalid"] % {
                    "model": target.model._meta.verbose_name,
                    "pk": value,
                    "field": target.field_name,
                    "value": value,
                }
            else:
                continue
            errors.setdefault(index, {}).setdefault(field.name, []).append(message)
    return {index: ValidationError(found_errors) for index, found_errors in errors.items()}


def _merge(errors: dict[int, Exception], index: int, error: Exception) -> None:
    known = errors.get(index)
    if isinstance(known, ValidationError) and isinstance(error, ValidationError):
        errors[index] = ValidationError(error.update_error_dict(known.update_error_dict({})))
    elif known is None:
        errors[index] = error


@transaction.atomic
def create_records(
    *,
    actor: Any,
    instances: Sequence[R],
    m2m: Sequence[Mapping[str, Iterable[Any]] | None] | None = None,
    refused: Mapping[int, Exception] | None = None,
    reason: str = "",
) -> list[R]:
    """``create_record`` for many new records of one model: the same checks on every record,
    then a few bulk inserts (records, many-to-many links, audit entries) instead of a dozen
    statements per record. All or nothing: if any record is refused (or ``refused`` already
    holds problems the domain service found), ``RecordsRejected`` names them all and nothing
    is written. Records whose model overrides ``save`` are refused: bulk inserts skip it.
    """
    if not instances:
        if refused:
            raise RecordsRejected(refused)
        return []
    model = type(instances[0])
    if model.save is not Record.save:
        raise TypeError(f"{model.__name__} saves with rules of its own; use create_record")
    errors: dict[int, Exception] = dict(refused or {})
    links = references(model)
    for index, instance in enumerate(instances):
        try:
            clean_new(actor, instance, links)
        except (ValidationError, PermissionDenied) as error:
            _merge(errors, index, error)
    for index, refusal in check_links(instances, links).items():
        _merge(errors, index, refusal)
    if errors:
        raise RecordsRejected(errors)
    bulk.insert(model, instances)
    if model.WORKFLOW is not None:  # as ``Record.save`` leaves them: the status as loaded
        for instance in instances:
            instance._loaded_status = getattr(instance, model.WORKFLOW.field)
    events: list[Event] = []
    links_by_name = _bulk_set_m2m(model, instances, m2m or [])
    for index, instance in enumerate(instances):
        changes = {k: [None, v] for k, v in snapshot(instance).items() if v not in (None, "")}
        changes.update(links_by_name.get(index, {}))
        events.append((Action.CREATE, instance, changes))
    record_events(actor=actor, events=events, reason=reason)
    return list(instances)


def _bulk_set_m2m(
    model: type[Record], instances: Sequence[Record], m2m: Sequence[Mapping[str, Any] | None]
) -> dict[int, dict[str, Any]]:
    """Insert the many-to-many rows of new records; the audit changes each one makes."""
    changes: dict[int, dict[str, Any]] = {}
    rows: dict[str, list[Any]] = {}
    for index, (instance, values) in enumerate(zip(instances, m2m, strict=False)):
        for name, targets in (values or {}).items():
            field: Any = model._meta.get_field(name)
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name()).attname
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            keys = sorted({getattr(t, "pk", t) for t in targets})
            for key in keys:
                rows.setdefault(name, []).append(through(**{source: instance.pk, target: key}))
            if keys:
                changes.setdefault(index, {})[name] = [[], sorted(str(k) for k in keys)]
    for name, links in rows.items():
        through = model._meta.get_field(name).remote_field.through  # type: ignore[union-attr]
        through.objects.bulk_create(links, batch_size=500)
    return changes
