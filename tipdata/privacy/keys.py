"""Key rotation: re-encrypt every encrypted value under the newest key, losing nothing.

The procedure (docs/security.md): put a new key first in ``TIPDATA_DATA_KEYS`` or the key file
(``tipdata rotate_keys --add-key`` does it for a key file), run ``tipdata rotate_keys``, check
with ``tipdata rotate_keys --verify`` that every value now opens with the newest key alone,
then remove the old key. Every encrypted column of every model is found by field class, so a
new app's encrypted fields are rotated without anyone remembering to list them.

Rows are read and written with plain SQL so that no model logic (timestamps, status guards)
runs: only the ciphertext changes, in one transaction per table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from tipdata.audit.services import Action, record_event
from tipdata.core import crypto
from tipdata.core.fields import EncryptedField, encrypted_fields

BATCH = 500


@dataclass
class RotationReport:
    values: int = 0
    tables: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def _columns(model: Any, fields: list[EncryptedField]) -> tuple[str, str, list[str]]:
    quote = connection.ops.quote_name
    return (
        quote(model._meta.db_table),
        quote(model._meta.pk.column),
        [quote(f.column) for f in fields],
    )


def _rows(table: str, pk: str, columns: list[str]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {pk}, {', '.join(columns)} FROM {table} ORDER BY {pk}")
        return list(cursor.fetchall())


def rotate_all() -> RotationReport:
    """Re-encrypt every encrypted value under the newest key (one transaction per table)."""
    crypto.reset_key_cache()
    report = RotationReport()
    for model, fields in encrypted_fields():
        table, pk, columns = _columns(model, fields)
        count = 0
        with transaction.atomic():
            for row in _rows(table, pk, columns):
                updates = {
                    column: crypto.rotate_token(value)
                    for column, value in zip(columns, row[1:], strict=True)
                    if value not in (None, "")
                }
                if not updates:
                    continue
                assignments = ", ".join(f"{c} = %s" for c in updates)
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"UPDATE {table} SET {assignments} WHERE {pk} = %s",
                        [*updates.values(), row[0]],
                    )
                count += len(updates)
        report.tables[model._meta.label] = count
        report.values += count
    record_event(
        actor=None,
        action=Action.ROTATE_KEYS,
        object_repr="personal-data keys",
        changes={"values": report.values, "tables": report.tables},
    )
    return report


def verify_newest() -> RotationReport:
    """Check that every encrypted value opens with the newest key alone."""
    crypto.reset_key_cache()
    newest = crypto.newest_only()
    report = RotationReport()
    for model, fields in encrypted_fields():
        table, pk, columns = _columns(model, fields)
        for row in _rows(table, pk, columns):
            for column, value in zip(columns, row[1:], strict=True):
                if value in (None, ""):
                    continue
                report.values += 1
                try:
                    crypto.decrypt(value, using=newest)
                except crypto.DecryptionError:
                    report.failures.append(f"{model._meta.label} #{row[0]} {column}")
    return report


def rehash_all() -> int:
    """Recompute every keyed hash (``<field>_hash`` next to encrypted ``<field>``)."""
    crypto.reset_key_cache()
    changed = 0
    for model, fields in encrypted_fields():
        names = {f.name for f in model._meta.concrete_fields}
        for source in fields:
            target = f"{source.name}_hash"
            if target not in names:
                continue
            with transaction.atomic():
                rows = model._default_manager.values_list("pk", source.name, target)
                for pk, value, old in rows:
                    new = crypto.keyed_hash(value) if value else ""
                    if new != old:
                        model._default_manager.filter(pk=pk).update(**{target: new})
                        changed += 1
    # Record linkage's blocking keys are keyed hashes under the same lookup key: without a
    # rebuild, runs after imports would find them stale and read the whole register.
    from tipdata.linkage import index  # linkage depends on privacy's neighbours, not back

    changed += index.rebuild()
    return changed


def add_key_to_file() -> Path:
    """Generate a new key and put it first in the key file (key-file mode only)."""
    if settings.TIPDATA_DATA_KEYS:
        raise crypto.KeyConfigurationError(
            "Keys come from TIPDATA_DATA_KEYS: put the new key first there yourself "
            "(tipdata rotate_keys --generate prints one)."
        )
    path = crypto.data_key_file()
    keys = crypto.read_key_file(path)
    path.write_text("\n".join([crypto.generate_key(), *keys]) + "\n")
    crypto.reset_key_cache()
    return path
