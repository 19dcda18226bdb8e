"""Which record type a file holds and which of its columns is which field.

Row 1 of a tipdata template holds the field names and row 2 their labels in the template's
language; a clerk's own file may carry either in row 1, in any of the three languages. A file
with a column tipdata does not know, or without a required one, is refused before any row is
read, naming the column, so that nothing is silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tipdata.intake.columns import Column, columns_for, header_aliases
from tipdata.intake.kinds import ImportKind, get_kind, import_kinds
from tipdata.intake.readers import Row, TableReader, header_key


@dataclass
class Layout:
    columns: list[Column]
    headers: dict[str, str]  # field name -> the file's header
    letters: dict[str, str]  # field name -> column letter
    label_keys: dict[str, set[str]] = field(default_factory=dict)
    header_row: int = 1

    @property
    def by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    def is_label_row(self, row: Row) -> bool:
        """The template's second header row (labels), which is not data."""
        if row.number != self.header_row + 1:
            return False
        filled = {self._name_of(h): v for h, v in row.cells.items() if v}
        return bool(filled) and all(
            header_key(v) in self.label_keys.get(name, set()) for name, v in filled.items()
        )

    def _name_of(self, header: str) -> str:
        for name, file_header in self.headers.items():
            if file_header == header:
                return name
        return ""


def layout_of(table: TableReader, columns: list[Column]) -> Layout:
    from django.utils import translation

    from tipdata.intake.columns import LANGUAGES

    aliases = header_aliases(columns)
    headers: dict[str, str] = {}
    unknown = []
    for header in table.headers:
        name = aliases.get(header_key(header))
        if name is None:
            unknown.append(f"{table.column_letter(header)} “{header}”")
        else:
            headers[name] = header
    if unknown:
        raise ValueError(
            _("Unknown column(s): %(columns)s. Use the template's column names.")
            % {"columns": ", ".join(unknown)}
        )
    missing = [c.name for c in columns if c.required and c.name not in headers]
    if missing:
        raise ValueError(_("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)})
    labels: dict[str, set[str]] = {}
    for column in columns:
        keys = labels.setdefault(column.name, {header_key(column.name)})
        for language in LANGUAGES:
            with translation.override(language):
                keys.add(header_key(str(column.label)))
    return Layout(
        columns,
        headers,
        {name: table.column_letter(h) for name, h in headers.items()},
        labels,
        table.header_row,
    )


def pick_kind(table: TableReader) -> ImportKind:
    """The record type a file holds: its sheet's name (templates name it), else the type whose
    columns its headers match best."""
    if table.sheet and table.sheet in import_kinds():
        return get_kind(table.sheet)
    keys = {header_key(h) for h in table.headers}
    best: tuple[float, ImportKind | None] = (0.0, None)
    for kind in import_kinds().values():
        names = set(header_aliases(columns_for(kind)))
        score = len(keys & names) / max(len(keys), 1)
        if score > best[0]:
            best = (score, kind)
    if best[1] is None or best[0] < 0.8:
        raise ValueError(
            _("Cannot tell which records this file holds; name the type (%(kinds)s).")
            % {"kinds": ", ".join(import_kinds())}
        )
    return best[1]


def describe(kind: ImportKind) -> list[tuple[str, Any]]:
    return [(c.name, c.label) for c in columns_for(kind)]
