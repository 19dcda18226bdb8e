"""The import's shortcuts (ISO times read without ``strptime``, a column's repeated values
checked once, rows inserted without the ORM's compiler) give the answers and messages of the
slow paths, and keep personal fields encrypted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tipdata.audit.models import AuditEntry
from tipdata.audit.verify import verify_chain
from tipdata.hotline.models import HotlineCall
from tipdata.intake import columns
from tipdata.intake.importer import import_file
from tipdata.intake.kinds import get_kind
from tipdata.intake.tests.helpers import write_csv
from tipdata.intake.tests.test_batched_import import CALLS, _call, hotline  # noqa: F401


def _slow_datetime(text: str) -> str:
    for pattern in columns.DATETIME_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).isoformat(sep=" ")
        except ValueError:
            continue
    return columns._date(text).isoformat() + " 00:00"


def _answer(convert: Any, text: str) -> str:
    try:
        return str(convert(text))
    except columns.CellError as error:
        return f"error: {error}"


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-01 08:00",
        "2024-03-01 08:00:59",
        "2024-03-01T08:00:00",
        "2024-03-01T08:00",
        "2024-13-01 08:00",
        "2024-02-30 08:00",
        "2024-03-01 24:00",
        "2024-03-01 08:00:60",
        "01.03.2024 08:00",
        "2024-3-1 8:00",
        "2024-03-01",
        "2024-03-01 00:00",
        "2024-03-01 08:00 ",
        "٢٠٢٤-03-01 08:00",
    ],
)
def test_iso_times_read_fast_as_strptime_reads_them(text: str) -> None:
    assert _answer(columns._datetime, text) == _answer(_slow_datetime, text)


def test_a_repeated_bad_code_is_reported_on_every_row(tmp_path: Path, hotline: Any) -> None:  # noqa: F811
    before = AuditEntry.objects.count()
    rows = [_call("C-1", caller_type="robot"), _call("C-2"), _call("C-3", caller_type="robot")]
    path = write_csv(tmp_path / "calls.csv", [CALLS, *rows])
    result = import_file(path, kind=get_kind("hotline"), agency=hotline)
    found = {(e.row, e.column, e.value) for e in result.errors}
    assert found == {(2, "C (caller_type)", "robot"), (4, "C (caller_type)", "robot")}
    assert len({e.message for e in result.errors}) == 1
    assert not HotlineCall.objects.exists()
    assert AuditEntry.objects.count() == before


def test_bulk_inserted_calls_keep_summaries_encrypted(tmp_path: Path, hotline: Any) -> None:  # noqa: F811
    words = "Aigerim called from Shymkent"
    path = write_csv(tmp_path / "calls.csv", [CALLS, _call("C-1", summary=words), _call("C-2")])
    result = import_file(path, kind=get_kind("hotline"), agency=hotline)
    assert result.ok, result.errors
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT summary FROM {HotlineCall._meta.db_table}")
        stored = [row[0] for row in cursor.fetchall()]
    assert all("Aigerim" not in (value or "") for value in stored)
    assert HotlineCall.objects.get(source_ref="C-1").summary == words
    created = set(HotlineCall.objects.values_list("created_at", flat=True))
    assert None not in created
    assert AuditEntry.objects.filter(object_id__in=[str(i) for i in result.ids]).count() == 2
    assert verify_chain().ok


def test_each_call_gets_its_own_key_and_audit_entry(tmp_path: Path, hotline: Any) -> None:  # noqa: F811
    """Keys taken ahead of the rows (COPY on PostgreSQL) or returned by the INSERT (SQLite)
    follow the file's order, and each audit entry names the call it describes."""
    references = [f"C-{i}" for i in range(1, 8)]
    path = write_csv(tmp_path / "calls.csv", [CALLS, *(_call(ref) for ref in references)])
    result = import_file(path, kind=get_kind("hotline"), agency=hotline)
    assert result.ok, result.errors
    assert result.ids == sorted(result.ids)
    stored = dict(HotlineCall.objects.values_list("pk", "source_ref"))
    assert [stored[key] for key in result.ids] == references
    entries = AuditEntry.objects.filter(object_id__in=[str(key) for key in result.ids])
    assert entries.count() == len(references)
    for entry in entries:
        assert entry.changes["source_ref"] == [None, stored[int(entry.object_id)]]
        assert entry.actor_label == "system"
        assert entry.hash == entry.compute_hash()
    assert verify_chain().ok
