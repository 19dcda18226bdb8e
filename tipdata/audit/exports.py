"""The audit trail as CSV or XLSX, safe to open in a spreadsheet.

Some values come from outside (the username typed into a failed sign-in): a value that a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` ...) is prefixed with an
apostrophe, so opening the export can never execute it (CSV injection).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from openpyxl import Workbook

from tipdata.audit.models import AuditEntry

COLUMNS = [
    "id",
    "at",
    "actor",
    "organisation",
    "action",
    "record_type",
    "object_id",
    "object",
    "changes",
    "reason",
    "prev_hash",
    "hash",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def rows(entries: QuerySet[AuditEntry]) -> Iterator[list[Any]]:
    for entry in entries.select_related("content_type").order_by("id").iterator(chunk_size=2000):
        yield [
            neutralise(v)
            for v in (
                entry.pk,
                entry.at.isoformat(),
                entry.actor_label,
                entry.organisation_label,
                entry.action,
                entry.content_type.model if entry.content_type else "",
                entry.object_id,
                entry.object_repr,
                json.dumps(entry.changes, ensure_ascii=False, sort_keys=True, default=str),
                entry.reason,
                entry.prev_hash,
                entry.hash,
            )
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(entries: QuerySet[AuditEntry]) -> Iterable[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for row in rows(entries):
        yield writer.writerow(row)


def xlsx_bytes(entries: QuerySet[AuditEntry]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("audit")
    sheet.append(COLUMNS)
    for row in rows(entries):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
