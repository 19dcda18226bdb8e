"""How many rows a file holds, told cheaply, for a progress bar's end point.

Counting by reading would cost as much as the import itself. A CSV's lines are counted on the
raw bytes (a fast scan of the file, no decoding); an XLSX states its used range in its sheet's
``<dimension>`` element, read from the head of the sheet's XML inside the zip. Either is an
estimate (a quoted newline inside a CSV cell, a stale dimension): good for a progress bar only.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')


def estimate_rows(path: str | Path, header_rows: int = 1) -> int | None:
    """Data rows in the file at ``path`` (None if it cannot be told)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
            handle.seek(0)
            if head.startswith(b"PK\x03\x04"):
                return _xlsx_rows(path, header_rows)
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
            return max(lines - header_rows, 0)
    except (OSError, zipfile.BadZipFile):
        return None


def _xlsx_rows(path: str | Path, header_rows: int) -> int | None:
    with zipfile.ZipFile(path) as archive:
        sheets = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
        if not sheets:
            return None
        with archive.open(sheets[0]) as sheet:
            found = _DIMENSION.search(sheet.read(4096))
    return max(int(found.group(1)) - header_rows, 0) if found else None
