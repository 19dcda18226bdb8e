"""Inserting many already-validated rows of one model without the ORM's per-value compiler.

``QuerySet.bulk_create`` spends most of an import's write time compiling SQL: for every value
it resolves expressions, builds a placeholder and prepares it (``SQLInsertCompiler``). The
records here are plain values already checked by ``full_clean`` and the services, so the
placeholders are built once per batch and each value only goes through its field's
``pre_save`` and ``get_db_prep_save`` (the same conversions Django applies: encryption of
encrypted fields, JSON adaptation, time zones). Primary keys come back through ``RETURNING``
in insertion order, the same assumption ``bulk_create`` makes on PostgreSQL and SQLite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from operator import attrgetter
from typing import Any

from django.db import connections, router
from django.db.models import (
    BigIntegerField,
    CharField,
    DateTimeField,
    ForeignKey,
    IntegerField,
    Model,
    PositiveIntegerField,
    TextField,
)

BATCH = 500
# Field types whose conversion of a value already of the plain type is the identity: their
# ``get_db_prep_save`` only calls ``to_python``/``int`` on it. Exact types only: a subclass
# (an encrypted field) may convert, so it keeps Django's own path.
_PLAIN: dict[type[Any], type[Any]] = {
    CharField: str,
    TextField: str,
    IntegerField: int,
    BigIntegerField: int,
    PositiveIntegerField: int,
}
Prepare = Callable[[Model], Any]


def _preparer(field: Any, connection: Any) -> Prepare:
    """The function giving ``field``'s database value for an object, built once per batch.

    Django's ``pre_save`` then ``get_db_prep_save`` for every value, except that a value
    already of a plain field's own type (a ``str`` for a text column, an ``int`` for an
    integer or a foreign key to an integer key) skips the calls that would return it as is.
    """
    pre_save, prep = field.pre_save, field.get_db_prep_save
    if type(field) is DateTimeField:
        return _datetime_preparer(field, connection)
    plain = _PLAIN.get(type(field))
    if type(field) is ForeignKey:
        plain = _PLAIN.get(type(field.target_field))
        if plain is None and getattr(field.target_field, "primary_key", False):
            plain = int if field.target_field.get_internal_type().endswith("AutoField") else None
    if plain is None:
        return lambda obj: prep(pre_save(obj, True), connection)
    value_of = attrgetter(field.attname)

    def prepare(obj: Model) -> Any:
        value = value_of(obj)
        if value is None or type(value) is plain:
            return value
        return prep(pre_save(obj, True), connection)

    return prepare


def _datetime_preparer(field: Any, connection: Any) -> Prepare:
    """An aware date-time goes straight to the backend's adapter, which is all that
    ``DateTimeField.get_db_prep_save`` does with one; anything else takes Django's path."""
    pre_save, prep = field.pre_save, field.get_db_prep_save
    adapt = connection.ops.adapt_datetimefield_value

    def prepare(obj: Model) -> Any:
        value = pre_save(obj, True)  # auto_now fields take the time here, as in save()
        if type(value) is dt.datetime and value.tzinfo is not None:
            return adapt(value)
        return prep(value, connection)

    return prepare


def _columns(model: type[Model], with_pk: bool) -> list[Any]:
    return [
        f
        for f in model._meta.concrete_fields
        if with_pk or not (f.primary_key and getattr(f, "db_returning", False))
    ]


def insert(model: type[Model], objs: Sequence[Model], *, returning: bool = True) -> None:
    """Insert ``objs`` (new, unsaved) and, when ``returning``, set their primary keys."""
    if not objs:
        return
    using = router.db_for_write(model)
    connection = connections[using]
    pk = model._meta.pk
    assert pk is not None
    fields = _columns(model, with_pk=False)
    prepare = [_preparer(f, connection) for f in fields]
    rows = ([value(obj) for value in prepare] for obj in objs)
    table = Table(connection, model._meta.db_table, [f.column for f in fields])
    keys = table.write(rows, returning=pk.column if returning else "")
    if returning:
        for obj, key in zip(objs, keys, strict=True):
            setattr(obj, pk.attname, key)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using


def insert_values(
    model: type[Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert rows of values already in the database's form (``get_db_prep_save``'s output),
    for writers that build rows without model instances (the audit trail's batches)."""
    connection = connections[router.db_for_write(model)]
    Table(connection, model._meta.db_table, list(columns)).write(rows)


def batched(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    """``items`` in lists of ``size`` (``itertools.batched`` arrives in Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Table:
    """Where rows go: a table and its columns on one connection."""

    def __init__(self, connection: Any, name: str, columns: list[str]) -> None:
        self.connection, self.name, self.columns = connection, name, columns
        self.quote = connection.ops.quote_name

    def write(self, rows: Iterable[Sequence[Any]], *, returning: str = "") -> list[Any]:
        """Insert ``rows``; with ``returning`` (the key column), their new keys in order."""
        if self.connection.vendor == "postgresql":
            return self._copy(rows, returning)
        return self._insert(rows, returning)

    def _names(self, columns: Sequence[str]) -> str:
        return ", ".join(map(self.quote, columns))

    def _insert(self, rows: Iterable[Sequence[Any]], returning: str) -> list[Any]:
        """Multi-row INSERTs of ``BATCH`` rows each."""
        head = f"INSERT INTO {self.quote(self.name)} ({self._names(self.columns)}) VALUES "
        placeholder = "(" + ", ".join(["%s"] * len(self.columns)) + ")"
        tail = f" RETURNING {self.quote(returning)}" if returning else ""
        keys: list[Any] = []
        with self.connection.cursor() as cursor:
            for batch in batched(rows, BATCH):
                params = [value for row in batch for value in row]
                cursor.execute(head + ", ".join([placeholder] * len(batch)) + tail, params)
                if returning:
                    keys.extend(key for (key,) in cursor.fetchall())
        return keys

    def _copy(self, rows: Iterable[Sequence[Any]], returning: str) -> list[Any]:
        """PostgreSQL: ``COPY ... FROM STDIN``, the database's own bulk path.

        A multi-row INSERT of thousands of parameters cost more in psycopg's client-side query
        conversion than in the database; COPY sends the values as they are. COPY returns no
        keys, so when they are needed they are taken from the table's own sequence first (as
        ``nextval`` would give them to INSERTs, in ascending order) and copied with the rows.
        """
        columns = list(self.columns)
        keys: list[Any] = []
        with self.connection.cursor() as cursor:
            if returning:
                rows = list(rows)
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [self.name, returning, len(rows)],
                )
                keys = sorted(key for (key,) in cursor.fetchall())
                rows = ((key, *row) for key, row in zip(keys, rows, strict=True))
                columns.insert(0, returning)
            statement = f"COPY {self.quote(self.name)} ({self._names(columns)}) FROM STDIN"
            with cursor.cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        return keys
