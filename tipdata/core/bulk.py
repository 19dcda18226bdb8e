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

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from django.db import connections, router
from django.db.models import (
    BigIntegerField,
    CharField,
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
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f in fields)
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    prepare = [_preparer(f, connection) for f in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(objs), BATCH):
            batch = objs[start : start + BATCH]
            params: list[Any] = []
            for obj in batch:
                params.extend([value(obj) for value in prepare])
            sql = f"INSERT INTO {table} ({names}) VALUES " + ", ".join([placeholder] * len(batch))
            if returning:
                sql += f" RETURNING {quote(pk.column)}"
            cursor.execute(sql, params)
            if returning:
                for obj, (key,) in zip(batch, cursor.fetchall(), strict=True):
                    setattr(obj, pk.attname, key)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
