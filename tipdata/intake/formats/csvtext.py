"""Telling how a CSV upload is encoded and delimited, without reading it all into memory.

Clerks in the region save CSV from Excel, which writes Windows-1251 and ';' on Russian-locale
Windows, UTF-8 with a BOM ("CSV UTF-8"), or UTF-16 with tabs ("Unicode text"); other systems
write plain UTF-8 with ','. Guessing wrong garbles names silently, so encoding is decided on the
whole file, not its first lines.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable
from typing import IO

__all__ = ["Detacher", "UndecodableText", "detect_encoding", "sniff_delimiter"]

_CHUNK = 1 << 20
_SNIFF_BYTES = 64 * 1024
_DELIMITERS = (",", ";", "\t")


class UndecodableText(ValueError):
    """The bytes are not text in any encoding we accept."""


class Detacher:
    """Closes our text wrapper without closing a file the caller gave us."""

    def __init__(self, text: io.TextIOWrapper) -> None:
        self._text: io.TextIOWrapper | None = text

    def close(self) -> None:
        if self._text is not None:
            self._text.detach()
            self._text = None


def detect_encoding(binary: IO[bytes]) -> str:
    """UTF-16 if it has a BOM; UTF-8 if every byte decodes strictly; else Windows-1251.

    The whole file is checked in chunks (bounded memory): a file that is UTF-8 for its first
    megabyte but Windows-1251 further on must not be half-garbled. Leaves the file at its start.
    """
    head = binary.read(4096)
    binary.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise UndecodableText("this is not a spreadsheet or a CSV text file")
    for encoding in ("utf-8-sig", "cp1251"):
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        try:
            while chunk := binary.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        finally:
            binary.seek(0)
        return encoding
    raise UndecodableText("the text is neither UTF-8 nor Windows-1251; save it as CSV UTF-8")


def sniff_delimiter(binary: IO[bytes], encoding: str) -> str:
    """The delimiter that splits the first lines into the most consistent, widest rows.

    Ties go to ',' (the standard), then ';' (Excel with a decimal comma), then tab. Leaves the
    file at its start.
    """
    sample = binary.read(_SNIFF_BYTES).decode(encoding, errors="ignore")
    binary.seek(0)

    def score(delimiter: str) -> tuple[bool, int, int]:
        records = _first_records(csv.reader(io.StringIO(sample), delimiter=delimiter), 20)
        if not records:
            return (False, 0, 0)
        width = len(records[0])
        return (width > 1, sum(len(r) == width for r in records), width)

    return max(_DELIMITERS, key=score)  # max keeps the first of equals


def _first_records(reader: Iterable[list[str]], limit: int) -> list[list[str]]:
    records: list[list[str]] = []
    try:
        for record in reader:
            if record:
                records.append(record)
            if len(records) >= limit:
                break
    except csv.Error:
        pass
    return records
