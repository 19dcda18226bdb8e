"""Importing a spreadsheet: every row checked, then all written, or nothing.

The whole file runs in one transaction. Each row is shaped by the web page's form (built once,
``rowform``) and written by the record type's own service, so the service's rules (and its
audit entry) apply exactly as on the page. Types that come in bulk (hotline calls ...) have a
batched service (``ImportKind.create_many``): their new rows go to it a chunk at a time, and it
checks every row of the chunk before it writes any, with a few bulk inserts; other rows go
one by one to the create or update service inside a savepoint. A refused row is reported with
its column and value, and the next rows are still checked. At the end, a file with any error
is rolled back whole: the database is as it was, and the clerk gets every problem at once.
Rows are read one at a time (``readers.read_table``), so the file is never held in memory.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tipdata.core.services import RecordsRejected
from tipdata.intake.columns import CellError, Column, columns_for
from tipdata.intake.kinds import ImportKind, has_source_ref
from tipdata.intake.mapping import Layout, layout_of, pick_kind
from tipdata.intake.readers import Row, TableFormatError, read_table
from tipdata.intake.rowform import RowForm

logger = logging.getLogger(__name__)
Progress = Callable[[int], None]
PROGRESS_EVERY = 250
MAX_ERRORS = 10_000  # a report longer than this helps nobody; the count goes on
CHUNK = 1_000  # rows a batched service checks, then writes, at a time (memory stays flat)
Pending = tuple[Row, dict[str, Any], dict[str, Any]]


@dataclass
class RowError:
    row: int
    column: str  # "C (sex)"; empty for a problem with the whole row
    value: str
    message: str


@dataclass
class ImportResult:
    kind: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    file_error: str = ""
    ids: list[int] = field(default_factory=list)
    linkage: dict[str, Any] = field(default_factory=dict)
    linkage_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.error_count

    def add(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)


class _Rejected(Exception):
    """Raised inside the transaction to roll the whole file back."""


def import_file(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    kind: ImportKind | None = None,
    actor: Any = None,
    agency: Any = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import ``source`` (XLSX or CSV) as ``kind`` (told from the file when None).

    ``agency`` is the organisation rows belong to when their owner column is empty; the web
    page passes the user's own. ``actor`` is the user the services check and audit (None:
    a system job run from the command line by an operator).
    """
    result = ImportResult()
    try:
        table = read_table(source)
    except TableFormatError as exc:
        result.file_error = str(exc)
        return result
    with table:
        try:
            kind = kind or pick_kind(table)
            result.kind = kind.slug
            columns = columns_for(kind, actor)
            layout = layout_of(table, columns)
        except (TableFormatError, ValueError) as exc:
            result.file_error = str(exc)
            return result
        import_rows(
            table, layout, kind, actor=actor, agency=agency, result=result, progress=progress
        )
    return result


def import_rows(
    rows: Iterable[Row],
    layout: Layout,
    kind: ImportKind,
    *,
    actor: Any,
    agency: Any,
    result: ImportResult,
    progress: Progress | None = None,
) -> ImportResult:
    """Check and write ``rows`` in one transaction; any problem in ``result`` rolls all back.

    Standard formats (HTCDS) come through here too, with rows already in tipdata's columns.
    """
    result.kind = kind.slug
    try:
        with transaction.atomic():
            _run(rows, layout, kind, actor, agency, result, progress)
            if not result.ok:
                raise _Rejected
    except _Rejected:
        result.created = result.updated = 0
        result.ids = []
    if result.ok:
        _after_import(kind, result, actor)
    return result


def _run(
    rows: Any,
    layout: Layout,
    kind: ImportKind,
    actor: Any,
    agency: Any,
    result: ImportResult,
    progress: Progress | None,
) -> None:
    seen: dict[tuple[Any, str], int] = {}
    checker = RowForm(kind, actor)
    batched = kind.create_many is not None and "__" not in kind.scope
    pending: list[Pending] = []
    for row in rows:
        if layout.is_label_row(row):
            continue
        result.rows += 1
        checked = _check_row(row, layout, kind, actor, agency, result, seen, checker)
        if checked is not None and batched:
            pending.append((row, *checked))
            if len(pending) >= CHUNK:
                _flush(pending, layout, kind, actor, result)
        elif checked is not None:
            values, m2m = checked
            existing = kind.existing(values, values["source_ref"])
            _write(row, layout, kind, actor, values, m2m, result, existing)
        if progress is not None and result.rows % PROGRESS_EVERY == 0:
            progress(result.rows)
    _flush(pending, layout, kind, actor, result)
    if progress is not None:
        progress(result.rows)


def _check_row(
    row: Row,
    layout: Layout,
    kind: ImportKind,
    actor: Any,
    agency: Any,
    result: ImportResult,
    seen: dict[tuple[Any, str], int],
    checker: RowForm,
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The row's values and many-to-many values as the form cleans them, or None (reported)."""
    for letter, value in row.unnamed.items():
        result.add(RowError(row.number, letter, value, _("This column has no name in row 1.")))
    data, failed = _form_data(row, layout, kind, agency, result)
    if failed:
        return None
    cleaned, errors = checker.check(data)
    if errors:
        for name, messages in errors.items():
            for message in messages:
                _report(result, row, layout, name, message)
        return None
    values, m2m = kind.record_type.split_m2m(cleaned)
    reference = str(data["source_ref"])
    values["source_ref"] = reference
    owner = kind.owner_field
    if "__" not in owner and values.get(owner) is None:
        # Forms of members leave the owner out (it is theirs): say so before the lookup.
        values[owner] = agency or getattr(actor, "organisation", None)
    key = (_pk(values.get(kind.scope)), reference)
    if key in seen:
        message = _("The reference “%(ref)s” was already used in row %(row)s of this file.")
        _report(result, row, layout, "source_ref", message % {"ref": reference, "row": seen[key]})
        return None
    seen[key] = row.number
    return values, m2m


def _pk(value: Any) -> Any:
    return getattr(value, "pk", value)


def _flush(
    pending: list[Pending], layout: Layout, kind: ImportKind, actor: Any, result: ImportResult
) -> None:
    """Write a chunk of checked rows: those naming a record already imported update it (one
    by one, through the update service); the new ones go to the batched create service, which
    checks them all before it writes any."""
    if not pending:
        return
    found = _existing_many(kind, pending)
    new: list[Pending] = []
    for row, values, m2m in pending:
        existing = found.get((_pk(values.get(kind.scope)), values["source_ref"]))
        if existing is None:
            new.append((row, values, m2m))
        else:
            _write(row, layout, kind, actor, values, m2m, result, existing)
    pending.clear()
    if not new:
        return
    assert kind.create_many is not None
    try:
        with transaction.atomic():
            records = kind.create_many(actor=actor, entries=[(v, m) for _row, v, m in new])
    except RecordsRejected as rejected:
        for index, error in sorted(rejected.errors.items()):
            _report_error(result, new[index][0], layout, kind, error)
        return
    except (ValidationError, PermissionDenied) as error:
        for row, _values, _m2m in new:
            _report_error(result, row, layout, kind, error)
        return
    result.created += len(records)
    result.ids.extend(record.pk for record in records)


def _existing_many(kind: ImportKind, pending: list[Pending]) -> dict[tuple[Any, str], Any]:
    """The records a chunk's rows name (scope, reference), with one query for the chunk."""
    scopes = {_pk(values.get(kind.scope)) for _row, values, _m2m in pending} - {None}
    references = {values["source_ref"] for _row, values, _m2m in pending}
    if not scopes or not has_source_ref(kind.model):
        return {}
    attname = kind.model._meta.get_field(kind.scope).attname  # type: ignore[union-attr]
    found = kind.model.objects.filter(
        **{f"{kind.scope}__in": scopes, "source_ref__in": references}
    ).order_by("pk")
    records: dict[tuple[Any, str], Any] = {}
    for record in found:
        records.setdefault((getattr(record, attname), record.source_ref), record)
    return records


def _write(
    row: Row,
    layout: Layout,
    kind: ImportKind,
    actor: Any,
    values: dict[str, Any],
    m2m: dict[str, Any],
    result: ImportResult,
    existing: Any,
) -> None:
    try:
        with transaction.atomic():
            if existing is None:
                record = kind.create(actor=actor, data=values, m2m=m2m)
                result.created += 1
            else:
                if kind.parent:
                    values.pop(kind.parent)
                record = kind.update(actor=actor, instance=existing, data=values, m2m=m2m)
                result.updated += 1
    except (ValidationError, PermissionDenied) as error:
        _report_error(result, row, layout, kind, error)
        return
    result.ids.append(record.pk)


def _report_error(
    result: ImportResult, row: Row, layout: Layout, kind: ImportKind, error: Exception
) -> None:
    """A service's refusal of a row, on the column of the field it names."""
    if isinstance(error, PermissionDenied):
        _report(result, row, layout, kind.owner_field.split("__")[0], str(error))
    elif isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            for message in messages:
                _report(result, row, layout, name, message)
    elif isinstance(error, ValidationError):
        for message in error.messages:
            _report(result, row, layout, "", message)


def _form_data(
    row: Row, layout: Layout, kind: ImportKind, agency: Any, result: ImportResult
) -> tuple[dict[str, Any], bool]:
    data: dict[str, Any] = {}
    failed = False
    for column in layout.columns:
        text = row.cells.get(layout.headers[column.name]) if column.name in layout.headers else None
        if column.name == kind.owner_field and not text and agency is not None:
            data[column.name] = str(agency.pk)
            continue
        if column.default is not None and not (text or "").strip():
            data[column.name] = column.default
            continue
        if column.required and not (text or "").strip():
            failed = True
            _report(result, row, layout, column.name, _("This column must be filled in."))
            continue
        try:
            data[column.name] = column.to_form(text)
        except CellError as exc:
            failed = True
            _report(result, row, layout, column.name, str(exc))
    return data, failed


def _report(result: ImportResult, row: Row, layout: Layout, name: str, message: str) -> None:
    column: Column | None = layout.by_name.get(name)
    if column is None:
        result.add(RowError(row.number, name, "", message))
        return
    header = layout.headers.get(name, "")
    letter = layout.letters.get(name, "")
    value = row.cells.get(header) if header else None
    result.add(RowError(row.number, f"{letter} ({header or name})", value or "", message))


def _after_import(kind: ImportKind, result: ImportResult, actor: Any) -> None:
    """Victims imported go to record linkage, when the linkage app offers its hook.

    The import is already committed: a linkage failure is logged and reported beside the
    import's success, never undoing it (linkage can be run again on demand).
    """
    if kind.slug != "victims" or not result.ids:
        return
    if not getattr(settings, "TIPDATA_LINK_AFTER_IMPORT", True):
        return
    hook = linkage_hook()
    if hook is None:
        return
    try:
        with transaction.atomic():
            result.linkage = hook(victim_ids=list(result.ids), actor=actor) or {}
    except Exception as exc:
        logger.exception("record linkage after import failed")
        result.linkage_error = str(exc)


def linkage_hook() -> Callable[..., Any] | None:
    """``linkage.services.link_after_import`` if the linkage app provides it."""
    try:
        from tipdata.linkage import services as linkage
    except ImportError:
        return None
    return getattr(linkage, "link_after_import", None)
