"""Writing small upload files the way clerks' tools do (Excel, Excel's CSV in two encodings)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from tipdata.intake.tests.test_readers import xlsx


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], *, title: str = "Sheet") -> Path:
    return xlsx(path, [list(row) for row in rows], sheet=title)


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], *, encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(text.getvalue().encode(encoding))
    return path
