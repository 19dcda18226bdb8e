"""The blocking index: keyed hashes of every record's blocking keys, stored beside the records.

An incremental linkage run compares a few new records with the register. Reading the whole
register means decrypting every name (about 600,000 Fernet decryptions at 100,000 records);
the engine only ever scores pairs that share a blocking key, so the records worth decrypting
are exactly those sharing a key with a new one. ``victims.BlockingKey`` stores each key as
HMAC-SHA256 under the lookup key (the key of ``identity_number_hash``, ``core.crypto``), never
the value: equal keys give equal hashes, and ``candidates`` finds them with one SQL join.

Written by ``victims.services`` in the transaction that writes the personal data (and by
``PersonalData.objects.update``, which erasure uses); ``rebuild`` (``tipdata link_index``, the
victims migration that added the table) fills it for records written before. When the
blocking rules, the name normalisation (``blocking.INDEX_VERSION``) or the lookup key change,
run ``rebuild``: like ``identity_number_hash``, the index is derived data. Until then
``is_current`` says no and runs read the whole register.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet

from tipdata.core.crypto import lookup_key
from tipdata.linkage.blocking import blocking_keys, key_rules
from tipdata.victims.models import BlockingKey, PersonalData

CHUNK = 5000  # ids per query: SQLite takes at most 32,766 parameters


def key_hash(rule: str, key: str, secret: bytes | None = None) -> str:
    """HMAC-SHA256 of one rule's key (the rule is hashed too: equal values of two rules differ).

    ``secret`` is ``lookup_key()``, passed by callers hashing many keys (finding it in the
    settings costs more than the HMAC).
    """
    message = f"{rule}\x1e{key}".encode()
    return hmac.new(secret or lookup_key(), message, hashlib.sha256).hexdigest()


def rule_tag(fingerprint: str) -> str:
    """What ``BlockingKey.rule`` holds: the rule's fingerprint under the lookup key.

    Keys written under another lookup key, another index version or other blocking rules
    carry other tags, which is how ``is_current`` notices that the index must be rebuilt.
    """
    return hmac.new(lookup_key(), f"rule\x1e{fingerprint}".encode(), hashlib.sha256).hexdigest()[:8]


def is_current() -> bool:
    """Whether every stored key was written by this code under this lookup key.

    A stale index would silently miss candidates (hashes that no longer match); a run then
    reads the whole register, as before the index, until ``tipdata link_index`` rebuilds it.
    """
    rules, _other = key_rules()
    tags = [rule_tag(rule.fingerprint) for rule in rules]
    return not BlockingKey.objects.exclude(rule__in=tags).exists()


def indexed_rules() -> list[str]:
    """The SQL of the blocking rules the index holds keys for (all of ``PERSON``'s)."""
    rules, _other = key_rules()
    return [rule.sql for rule in rules]


def covers(settings: dict[str, Any]) -> bool:
    """Whether a model's blocking rules are all in the index (else a run reads everything)."""
    rules = settings.get("blocking_rules_to_generate_predictions", [])
    used = [r.get("blocking_rule") if isinstance(r, dict) else r for r in rules]
    return bool(used) and set(used) <= set(indexed_rules())


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _record(personal: PersonalData) -> dict[str, Any]:
    """The engine's input columns that keys depend on (sex and citizenship never enter one)."""
    return {
        "record_id": personal.victim_id,
        "given_name": personal.given_name,
        "family_name": personal.family_name,
        "patronymic": personal.patronymic,
        "birth_date": _iso(personal.birth_date),
        "birth_year": personal.birth_year,
        "identity_number": personal.identity_number,
    }


def rows_for(personal: Sequence[PersonalData]) -> list[tuple[int, str, str]]:
    """Index rows (victim id, rule tag, key hash) of personal data; erased records get none."""
    kept = [p for p in personal if p.erased_on is None]
    seen: set[tuple[int, str]] = set()
    tags: dict[str, str] = {}
    secret = lookup_key()
    rows = []
    for record, rule, key in blocking_keys(_record(p) for p in kept):
        digest = key_hash(rule, key, secret)
        if (int(record), digest) not in seen:
            seen.add((int(record), digest))
            tag = tags.get(rule) or tags.setdefault(rule, rule_tag(rule))
            rows.append((int(record), tag, digest))
    return rows


def _insert(rows: Sequence[tuple[int, str, str]], key_model: Any = BlockingKey) -> None:
    """Plain INSERTs: ten rows a record, where building model instances cost ~35 us each.

    ``key_model`` is the migration's historical model when the migration backfills.
    """
    table = connection.ops.quote_name(key_model._meta.db_table)
    sql = f"INSERT INTO {table} (victim_id, rule, key_hash) VALUES (%s, %s, %s)"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, rows[start : start + CHUNK])


@transaction.atomic
def write_index(personal: Iterable[PersonalData] | QuerySet[PersonalData]) -> int:
    """Replace the index rows of these records' personal data; returns the rows written."""
    personal = list(personal)
    ids = [p.victim_id for p in personal]
    for start in range(0, len(ids), CHUNK):
        BlockingKey.objects.filter(victim_id__in=ids[start : start + CHUNK]).delete()
    rows = rows_for(personal)
    _insert(rows)
    return len(rows)


def candidates(victim_ids: Sequence[int]) -> set[int]:
    """Records sharing at least one blocking key with one of ``victim_ids`` (them excluded)."""
    found: set[int] = set()
    wanted = sorted({int(v) for v in victim_ids})
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        hashes = BlockingKey.objects.filter(victim_id__in=chunk).values("key_hash")
        found.update(
            BlockingKey.objects.filter(key_hash__in=hashes)
            .values_list("victim_id", flat=True)
            .distinct()
        )
    return found - set(wanted)


def rebuild(
    batch: int = 2000, *, personal_model: Any = PersonalData, key_model: Any = BlockingKey
) -> int:
    """Rewrite the whole index from the personal data (decrypts every record once).

    The models are parameters so that the migration that created the table can backfill it
    with its historical models.
    """
    total = 0
    ids = list(
        personal_model.objects.filter(erased_on__isnull=True)
        .order_by("victim_id")
        .values_list("victim_id", flat=True)
    )
    with transaction.atomic():
        key_model.objects.all().delete()
        for start in range(0, len(ids), batch):
            chunk = personal_model.objects.filter(victim_id__in=ids[start : start + batch])
            rows = rows_for(list(chunk))
            _insert(rows, key_model)
            total += len(rows)
    return total
