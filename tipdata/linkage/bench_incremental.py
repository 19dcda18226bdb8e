"""Measure ``link_after_import`` with and without the blocking index, on generated records.

    DATABASE_URL=sqlite:////tmp/linkidx.sqlite3 \\
        .venv/bin/python -m tipdata.linkage.bench_incremental --records 10000 --new 100

Writes a generated population (``population.generate_population``) into an empty database
through ``victims.services.register_victims`` (so the index is written as in production),
trains and stores a model on all but the last ``--new`` records and links them once
(``run_linkage``: the register holds merged persons, as a real one does), then registers
the last ``--new`` records and runs ``link_after_import`` twice on the same state, each in a
savepoint rolled back afterwards: the old way (the whole register decrypted) and with the
index. Prints times, decryptions, records read and whether merges and review pairs agree.
Run again on the same database, it measures again without loading.
``write_population`` is also what the tests use to fill a database.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import hashlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pandas as pd


def _value(value: Any) -> Any:
    return None if value is None or value is pd.NA or value != value else value


def write_population(df: pd.DataFrame, org: Any, batch: int = 2000) -> dict[str, int]:
    """Register the records of ``df`` as victims of ``org``; returns record_id -> victim id."""
    from tipdata.profiles.models import Country
    from tipdata.victims.services import register_victims

    countries = {c.code: c for c in Country.objects.all()}
    ids: dict[str, int] = {}
    for start in range(0, len(df), batch):
        part = df.iloc[start : start + batch]
        entries = []
        for row in part.to_dict("records"):
            date = _value(row["birth_date"])
            data = {
                "registered_by": org,
                "registered_on": datetime.date(2020, 3, 1),
                "sex": _value(row["sex"]) or "unknown",
                "citizenship": countries.get(_value(row["citizenship"]) or ""),
                "given_name": _value(row["given_name"]) or "",
                "family_name": _value(row["family_name"]) or "",
                "patronymic": _value(row.get("patronymic")) or "",
                "birth_date": datetime.date.fromisoformat(date) if date else None,
                "birth_year": int(row["birth_year"]) if _value(row["birth_year"]) else None,
                "identity_number": _value(row["identity_number"]) or "",
            }
            entries.append((data, None))
        victims = register_victims(actor=None, entries=entries)
        ids.update(zip(part["record_id"], (v.pk for v in victims), strict=True))
    return ids


@contextmanager
def counting_decryptions() -> Iterator[list[int]]:
    """Count ``crypto.decrypt`` calls (every encrypted value read goes through it)."""
    from tipdata.core import crypto

    count = [0]
    real = crypto.decrypt

    def counted(token: str, **kwargs: Any) -> str:
        count[0] += 1
        return real(token, **kwargs)

    with mock.patch.object(crypto, "decrypt", counted):
        yield count


def _outcome() -> tuple[set[tuple[int, ...]], set[tuple[int, int, str]]]:
    """Persons (as sets of record ids, where more than one) and the review queue."""
    from tipdata.linkage.models import CandidatePair
    from tipdata.victims.models import Victim

    groups: dict[int, list[int]] = {}
    for pk, person in Victim.objects.values_list("pk", "person_id"):
        groups.setdefault(person, []).append(pk)
    persons = {tuple(sorted(g)) for g in groups.values() if len(g) > 1}
    queue = set(CandidatePair.objects.values_list("victim_a_id", "victim_b_id", "reason"))
    return persons, queue


def _timed_run(ids: list[int], *, full: bool) -> tuple[dict[str, Any], float, int]:
    from tipdata.linkage import index, services

    with counting_decryptions() as count, mock.patch.object(index, "covers", lambda s: not full):
        started = time.perf_counter()
        summary = services.link_after_import(ids, actor=None)
        elapsed = time.perf_counter() - started
    return summary, elapsed, count[0]


def _prepare(records: int, new: int, seed: int) -> tuple[list[int], float]:
    """Fill an empty database (or reuse a filled one); returns the new ids and load time."""
    from django.core.management import call_command

    from tipdata.linkage import services
    from tipdata.linkage.population import generate_population
    from tipdata.profiles.services import load_profile
    from tipdata.testing.factories import organisation
    from tipdata.victims.models import Victim

    call_command("migrate", verbosity=0)
    if Victim.objects.count() == records:  # a database this command filled before
        ids = Victim.objects.order_by("-pk").values_list("pk", flat=True)[:new]
        return sorted(ids), 0.0
    load_profile("KZ")
    org = organisation("NGO_SHELTER", name="Generated records")
    df, _truth = generate_population(records, seed=seed)
    started = time.perf_counter()
    write_population(df.iloc[:-new], org)
    loaded = time.perf_counter() - started
    services.run_linkage(actor=None)
    return list(write_population(df.iloc[-new:], org).values()), loaded


def measure(records: int, new: int, seed: int) -> dict[str, Any]:
    """Both runs on the same state, each rolled back: the database can be measured again."""
    from django.db import transaction

    from tipdata.linkage import index

    ids, loaded = _prepare(records, new, seed)
    started = time.perf_counter()
    rebuilt = None
    if not index.is_current():  # filled by older code: rebuild as ``tipdata link_index`` would
        rebuilt = index.rebuild()
    rebuild_s = time.perf_counter() - started
    started = time.perf_counter()
    index.is_current()
    check_s = time.perf_counter() - started
    runs = {}
    for name, full in (("before", True), ("after", False)):
        with transaction.atomic():
            point = transaction.savepoint()
            summary, elapsed, decrypted = _timed_run(ids, full=full)
            runs[name] = (summary, elapsed, decrypted, _outcome())
            transaction.savepoint_rollback(point)
    (old, old_s, old_n, old_out), (now, now_s, now_n, now_out) = runs["before"], runs["after"]
    return {
        "records": records,
        "new": new,
        "load_s": round(loaded, 1),
        "rebuild_s": round(rebuild_s, 1) if rebuilt is not None else None,
        "is_current_s": round(check_s, 3),
        "before_s": round(old_s, 2),
        "before_decryptions": old_n,
        "before_records_read": old["records_read"],
        "after_s": round(now_s, 2),
        "after_decryptions": now_n,
        "after_records_read": now["records_read"],
        "merges": now["merges"],
        "queued": now["queued_for_review"],
        "same_outcome": old_out == now_out
        and {k: v for k, v in old.items() if k != "records_read"}
        == {k: v for k, v in now.items() if k != "records_read"},
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tipdata.settings")
    # Keys of the benchmark's own, unless given: never create (or use) the developer's
    # var/keys files. Fixed, so that a database filled once can be measured again; the
    # records are generated people, nothing to protect.
    seed = hashlib.sha256(b"tipdata.linkage.bench_incremental").digest()
    os.environ.setdefault("TIPDATA_DATA_KEYS", base64.urlsafe_b64encode(seed).decode())
    os.environ.setdefault("TIPDATA_LOOKUP_KEY", seed.hex())
    import django

    django.setup()
    print(f"load average at start: {os.getloadavg()}")
    print(measure(args.records, args.new, args.seed))


if __name__ == "__main__":
    main()
