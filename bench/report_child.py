"""One backend's part of the report benchmark, run by ``bench.report`` in its own process.

Prepares the benchmark database (reusing it when its fingerprint matches), then times the
report and the baseline and prints one ``RESULT {json}`` line. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
GENERATOR = ("report_data.py", "report_rows.py", "report_load.py")
META = "tipdata_bench_meta"


def say(message: str) -> None:
    print(f"[{os.environ['DATABASE_URL'].split(':')[0]}] {message}", file=sys.stderr, flush=True)


def fingerprint(scale: str) -> str:
    """What the generated rows depend on: the scale and the generator's code.

    The code counts by its syntax tree, so reformatting or a comment keeps the cache. The
    migrations do not count: a kept database is migrated forward (``schema_moves_forward``),
    as a deployment's would be, so an index or a column added elsewhere costs a migration,
    not minutes of regeneration.
    """
    digest = hashlib.sha256(scale.encode())
    for name in GENERATOR:
        digest.update(ast.dump(ast.parse((HERE / name).read_text("utf-8"))).encode())
    return digest.hexdigest()


def schema_moves_forward() -> bool:
    """Whether every migration applied to the kept database is still on disk.

    If one was removed or renamed (a migration rewritten during development), its schema can
    no longer be told apart: the database is regenerated instead of migrated.
    """
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return set(loader.applied_migrations) <= set(loader.disk_migrations)


def stored_fingerprint() -> str:
    """The fingerprint of the data already generated ("" if none, or no database yet)."""
    from django.db import OperationalError, connection

    try:
        if META not in connection.introspection.table_names():
            return ""
    except OperationalError:
        return ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT fingerprint FROM {META}")
        row = cursor.fetchone()
    return row[0] if row else ""


def remove_database(backend: str, *, recreate: bool) -> None:
    """Remove our own SQLite file or PostgreSQL database (and create it empty again)."""
    url = urlsplit(os.environ["DATABASE_URL"])
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(url.path + suffix).unlink(missing_ok=True)
        return
    import psycopg

    name = url.path.lstrip("/")
    if not name.startswith("tipdata_bench_"):
        raise SystemExit(f"Refusing to drop {name}: not a benchmark database.")
    server = url._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if recreate:
            admin.execute(f'CREATE DATABASE "{name}"')


def ensure_database(backend: str, scale: str, fresh: bool) -> None:
    """Generate the dataset unless an identical one is already there."""
    from django.core.management import call_command
    from django.db import connection

    from bench.report_data import SCALES, generate, reference_data

    wanted = fingerprint(scale)
    if not fresh and stored_fingerprint() == wanted and schema_moves_forward():
        say("reusing the generated database (migrating it forward)")
        call_command("migrate", verbosity=0)
        return
    connection.close()
    remove_database(backend, recreate=True)
    say("migrating")
    call_command("migrate", verbosity=0)
    say(f"generating the {scale} dataset")
    started = time.perf_counter()
    counts = generate(SCALES[scale], reference_data())
    say(f"generated {sum(counts.values()):,} rows in {time.perf_counter() - started:.0f} s")
    print("GENERATED " + json.dumps({"seconds": time.perf_counter() - started}), flush=True)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {META} (fingerprint varchar(64))")
        cursor.execute(f"INSERT INTO {META} VALUES (%s)", [wanted])


def count_rows() -> dict[str, int]:
    """Rows of every generated table, as the database holds them."""
    from django.db import connection

    from bench.report_rows import generated_tables

    counts = {}
    with connection.cursor() as cursor:
        for name, table in generated_tables().items():
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[name] = cursor.fetchone()[0]
    return counts


def timed(func: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall time of ``repeat`` runs after one warm-up, and the last result."""
    result = func()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def number(value: Any) -> Any:
    return int(value) if value is not None and Decimal(value) == int(value) else value


def mismatches(report: Any, baseline: dict[str, Any]) -> list[str]:
    problems = []
    for key, expected in baseline.items():
        figure = report.figure(key)
        got = figure.value if figure is not None else "absent"
        if figure is None or number(got) != number(expected or 0):
            problems.append(f"{key}: report {got}, baseline {expected}")
    return problems


def stated(report: Any, key: str, year: int) -> Any:
    """The value the report states for ``key`` in ``year``: the figure's, or a comparison's."""
    figure = report.figure(key)
    if figure is None:
        return "absent"
    if figure.year == year:
        return figure.value
    found = [c.value for c in figure.comparisons if c.year == year]
    return found[0] if found else "absent"


def mismatches_years(report: Any, baseline: dict[tuple[str, int], Any]) -> list[str]:
    problems = []
    for (key, year), expected in sorted(baseline.items()):
        got = stated(report, key, year)
        if got == "absent" or number(got) != number(expected or 0):
            problems.append(f"{key} {year}: report {got}, baseline with comparisons {expected}")
    return problems


def measure(year: int, repeat: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.report_baseline import run_baseline
    from bench.report_baseline_years import run_baseline_years, years_used
    from tipdata.indicators.engine import build_report

    say("timing the baselines and the report")
    baseline_s, baseline = timed(lambda: run_baseline(year), repeat)
    years = years_used(year)  # read from the catalogue once, outside the timing
    years_s, with_years = timed(lambda: run_baseline_years(year, years=years), repeat)
    report_s, report = timed(lambda: build_report(year), repeat)
    with CaptureQueriesContext(connection) as queries:
        build_report(year)
    return {
        "report_s": report_s,
        "baseline_s": baseline_s,
        "ratio": report_s / baseline_s,
        "baseline_years_s": years_s,
        "ratio_years": report_s / years_s,
        "baseline_years_figures": len(with_years),
        "queries": len(queries.captured_queries),
        "figures": {k: str(number(v)) for k, v in baseline.items()}
        | {f"{k} {y}": str(number(v)) for (k, y), v in with_years.items()},
        "mismatches": mismatches(report, baseline) + mismatches_years(report, with_years),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("backend", choices=["sqlite", "postgres"])
    parser.add_argument("--scale", default="full")
    parser.add_argument("--year", type=int, default=2020)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--drop", action="store_true")
    parser.add_argument("--prepare", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    ensure_database(args.backend, args.scale, args.fresh)
    if args.prepare:  # generating takes minutes: do it once, before iterating on the queries
        print("RESULT {}", flush=True)
        return
    result = measure(args.year, args.repeat)
    result["rows"] = count_rows()
    if args.drop:
        from django.db import connection

        connection.close()
        remove_database(args.backend, recreate=False)
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
