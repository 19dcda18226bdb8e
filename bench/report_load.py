"""Fast bulk loading of benchmark fixture rows: executemany on SQLite, COPY on PostgreSQL.

This is benchmark fixture data, not a user write path: millions of synthetic rows go straight
into the tables of an empty benchmark database, bypassing the services (and so the audit
trail, validation and encryption, all of which a real record must go through). It exists
because creating 3 million records through the services would take hours on this machine.

Columns come from the models themselves: a generator gives the columns that vary per row, and
every other column takes its model default (or NULL, or ""), so a field added to a model later
does not break the benchmark, and a required field without a default is named at once.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connection, models, transaction

BATCH = 50_000
NOW = datetime.datetime(2021, 3, 1, 6, 0, 0)  # naive UTC: how Django stores datetimes


class MissingValue(RuntimeError):
    """A required column that neither the generator nor the model default fills."""


def constant(field: models.Field) -> Any:
    """The value a column takes when the generator does not give one."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return NOW
    if field.has_default():
        if field.unique:
            raise MissingValue(f"{field.model.__name__}.{field.name} is unique: generate it.")
        value = field.get_default()
        return json.dumps(value) if isinstance(field, models.JSONField) else value
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField):
        return ""
    raise MissingValue(f"{field.model.__name__}.{field.name} needs a value in the benchmark.")


class Table:
    """One table of a model (or an automatic many-to-many table) and how to fill it."""

    def __init__(self, model: type[models.Model], varying: Sequence[str]) -> None:
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [name for name in varying if name not in fields]
        if unknown:
            raise MissingValue(f"{model.__name__} has no column {', '.join(unknown)}.")
        rest = [f for name, f in fields.items() if name not in varying]
        self.model = model
        self.name = model._meta.db_table
        self.columns = [fields[name].column for name in varying] + [f.column for f in rest]
        self.constants = tuple(constant(f) for f in rest)

    def load(self, rows: Iterable[tuple[Any, ...]]) -> int:
        """Insert ``rows`` (the varying columns, in order) in batches; returns the count."""
        full = (row + self.constants for row in rows)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                return self._copy(full)
            return self._executemany(full)

    def _executemany(self, rows: Iterable[tuple[Any, ...]]) -> int:
        marks = ", ".join("?" for _ in self.columns)
        sql = f'INSERT INTO "{self.name}" ({", ".join(self.columns)}) VALUES ({marks})'
        raw = connection.connection.cursor()  # type: ignore[union-attr]
        total = 0
        iterator = iter(rows)
        while batch := list(islice(iterator, BATCH)):
            raw.executemany(sql, batch)
            total += len(batch)
        return total

    def _copy(self, rows: Iterable[tuple[Any, ...]]) -> int:
        columns = ", ".join(f'"{c}"' for c in self.columns)
        total = 0
        sql = f'COPY "{self.name}" ({columns}) FROM STDIN'
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
                total += 1
        return total


def reset_sequences(models_: Iterable[type[models.Model]]) -> None:
    """After loading explicit ids on PostgreSQL, the next id follows the largest one."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models_:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table}"), 1))'
            )


def analyse() -> None:
    """Fresh statistics for the planner, as a production database would have."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
