"""Import benchmark (issue 5): a spreadsheet upload's rate against a bare bulk insert.

    .venv/bin/python -m bench.imports [--rows 100000] [--backend sqlite|postgres|both]
    tipdata bench imports [--rows 100000] ...

Writes ``--rows`` hotline calls (the record type agencies send in the largest numbers) as a
CSV and an XLSX file, then on each backend, in a fresh database of its own (a SQLite file
under /tmp/tipdata-bench-imports and the PostgreSQL database ``tipdata_bench_imports``, which
it creates and drops itself, never another):

- baseline: a bare bulk insert of the same rows' values into the same table, nothing checked
  and nothing audited (PostgreSQL ``COPY``; SQLite ``executemany``);
- import: ``tipdata import`` of the CSV and of the XLSX file, the real path: streaming read,
  the page's form per row (built once, ``intake.rowform``), then ``hotline.services.record_calls``
  per chunk of 1,000 rows (every row validated as ``record_call`` validates it, then bulk
  inserts of the calls and of their audit entries), the whole file in one transaction.

It prints rows per second for each and the import's rate as a fraction of the baseline's
(target: at least 1/3). Each backend runs in its own process (Django binds one database).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("TIPDATA_BENCH_DIR", "/tmp/tipdata-bench-imports"))  # noqa: S108
PG_SERVER = os.environ.get("TIPDATA_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
# Another session may run this benchmark at the same time: give each run its own directory
# and database (TIPDATA_BENCH_DIR, TIPDATA_BENCH_PG_DB) so that neither drops the other's.
PG_DATABASE = os.environ.get("TIPDATA_BENCH_PG_DB", "tipdata_bench_imports")
if not PG_DATABASE.isidentifier():
    raise SystemExit("TIPDATA_BENCH_PG_DB must be a plain database name")
RESULT = "RESULT "
HEADER = ["source_ref", "received_at", "caller_type", "topic", "possible_victims", "outcome"]
CALLERS = ("possible_victim", "relative", "witness")
TOPICS = ("trafficking_report", "labour_rights", "migration")


def rows(count: int) -> list[list[Any]]:
    """The calls: the same values for the files and for the baseline."""
    # From 1 March 2024: Kazakhstan moved to UTC+5 that midnight, so an hour of 29 February
    # happened twice in Almaty and the importer (rightly) refuses times in it as ambiguous.
    start = dt.datetime(2024, 3, 1, 8, 0)
    return [
        [
            f"CALL-{i:07d}",
            (start + dt.timedelta(minutes=7 * i)).strftime("%Y-%m-%d %H:%M"),
            CALLERS[i % 3],
            TOPICS[i % 3],
            i % 4,
            "information",
        ]
        for i in range(count)
    ]


def write_files(count: int) -> tuple[Path, Path]:
    import openpyxl

    WORK.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = WORK / f"calls-m{count}.csv", WORK / f"calls-m{count}.xlsx"
    data = rows(count)
    if not csv_path.exists():
        with csv_path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(data)
    if not xlsx_path.exists():
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet("hotline")
        sheet.append(HEADER)
        for row in data:
            sheet.append(row)
        workbook.save(xlsx_path)
    return csv_path, xlsx_path


# --- the child process: one backend ----------------------------------------------------------


def read_only(path: Path) -> float:
    """Seconds to stream the file's rows through the importer's reader (no database)."""
    from tipdata.intake.readers import read_table

    started = time.perf_counter()
    with read_table(path) as table:
        for _row in table:
            pass
    return time.perf_counter() - started


def child(backend: str, count: int, skip_import: bool = False) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from tipdata.hotline.models import HotlineCall
    from tipdata.intake.importer import import_file
    from tipdata.intake.kinds import get_kind
    from tipdata.profiles.services import load_profile
    from tipdata.testing.factories import organisation

    call_command("migrate", verbosity=0)
    load_profile("KZ")
    operator = organisation("HOTLINE", name="Bench hotline", code="bench-hotline")
    csv_path, xlsx_path = write_files(count)
    result: dict[str, Any] = {"rows": count}

    values = bare_values(rows(count), operator.pk)  # typed before the clock starts
    started = time.perf_counter()
    with transaction.atomic():
        bare_insert(connection, HotlineCall, values)
    result["baseline_s"] = time.perf_counter() - started
    del values
    HotlineCall.objects.all().delete()

    for name, path in (("csv", csv_path), ("xlsx", xlsx_path)):
        result[f"read_{name}_s"] = read_only(path)
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if skip_import:
        print(RESULT + json.dumps(result), flush=True)
        return
    kind = get_kind("hotline")
    for name, path in (("csv", csv_path), ("xlsx", xlsx_path)):
        started = time.perf_counter()
        outcome = import_file(path, kind=kind, agency=operator)
        result[f"{name}_s"] = time.perf_counter() - started
        if not outcome.ok or outcome.created != count:
            raise SystemExit(f"{name} import failed: {outcome.file_error or outcome.errors[:3]}")
        HotlineCall.objects.all().delete()
    print(RESULT + json.dumps(result), flush=True)


COLUMNS = [
    "source_ref", "received_at", "caller_type", "topic", "possible_victims", "outcome",
    "operator_id", "summary", "created_at", "updated_at",
]  # fmt: skip


def bare_values(data: list[list[Any]], operator: int) -> list[tuple[Any, ...]]:
    """The rows as the table stores them (the import's typing is not part of the baseline)."""
    now = dt.datetime.now(dt.UTC)
    return [
        (r[0], dt.datetime.fromisoformat(r[1]).replace(tzinfo=dt.UTC), *r[2:], operator, "",
         now, now)
        for r in data
    ]  # fmt: skip


def bare_insert(connection: Any, model: Any, values: list[tuple[Any, ...]]) -> None:
    """The same rows straight into the table: the fastest the database takes them."""
    columns = COLUMNS
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(columns)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                values,
            )


# --- the parent: databases, children, the table ----------------------------------------------


def database_url(backend: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{WORK / 'imports.sqlite3'}"
    return f"{PG_SERVER}/{PG_DATABASE}"


def prepare(backend: str) -> None:
    """A fresh, empty database for this run (only ever the benchmark's own)."""
    if backend == "sqlite":
        (WORK / "imports.sqlite3").unlink(missing_ok=True)
        return
    _postgres(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
    _postgres(f"CREATE DATABASE {PG_DATABASE}")


def cleanup(backend: str) -> None:
    if backend == "sqlite":
        (WORK / "imports.sqlite3").unlink(missing_ok=True)
    else:
        _postgres(f"DROP DATABASE IF EXISTS {PG_DATABASE}")


def _postgres(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(statement)  # type: ignore[arg-type]


def run_child(backend: str, count: int, skip_import: bool = False) -> dict[str, Any]:
    from cryptography.fernet import Fernet

    prepare(backend)
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(backend),
        TIPDATA_VAR_DIR=str(WORK / "var"),
        TIPDATA_DATA_KEYS=env.get("TIPDATA_DATA_KEYS") or Fernet.generate_key().decode(),
        TIPDATA_LOOKUP_KEY="bench-lookup-key",
        TIPDATA_SECRET_KEY="bench-only-secret-key",  # noqa: S106 (no session is served)
        DJANGO_SETTINGS_MODULE="tipdata.settings",
    )
    command = [sys.executable, "-m", "bench.imports", "--child", backend, "--rows", str(count)]
    command += ["--baseline-only"] * skip_import
    try:
        done = subprocess.run(  # noqa: S603
            command, env=env, cwd=REPO, stdout=subprocess.PIPE, text=True, check=False
        )
    finally:
        cleanup(backend)
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT)]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"The {backend} benchmark failed (exit {done.returncode}).")
    return json.loads(lines[-1][len(RESULT) :])  # type: ignore[no-any-return]


def print_results(results: dict[str, dict[str, Any]]) -> None:
    load = os.getloadavg()[0]
    print(f"\n(load average {load:.1f} on {os.cpu_count()} cores: other work slows both sides)")
    print(
        f"{'backend':<10}{'rows':>8}{'baseline rows/s':>17}{'file':>6}{'read rows/s':>13}"
        f"{'import rows/s':>15}{'ratio':>8}  target 0.33"
    )
    for backend, r in results.items():
        base = r["rows"] / r["baseline_s"]
        for name in ("csv", "xlsx"):
            read = r["rows"] / r[f"read_{name}_s"]
            if f"{name}_s" not in r:
                print(f"{backend:<10}{r['rows']:>8}{base:>17,.0f}{name:>6}{read:>13,.0f}")
                continue
            rate = r["rows"] / r[f"{name}_s"]
            verdict = "met" if rate / base >= 1 / 3 else "NOT met"
            print(
                f"{backend:<10}{r['rows']:>8}{base:>17,.0f}{name:>6}{read:>13,.0f}"
                f"{rate:>15,.0f}{rate / base:>8.4f}  {verdict}"
            )
    peak = max(r["peak_rss_mib"] for r in results.values())
    print(f"peak resident memory of a backend's process after reading both files: {peak:.0f} MiB")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--baseline-only",
        action="store_true",
        help="measure the bulk insert and the reader only",
    )
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.rows, args.baseline_only)
        return
    write_files(args.rows)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    print_results(
        {backend: run_child(backend, args.rows, args.baseline_only) for backend in backends}
    )


if __name__ == "__main__":
    main()
