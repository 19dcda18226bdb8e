"""Report benchmark (issue 3): the full country report at national scale, against a baseline.

    .venv/bin/python -m bench.report [--scale full|small] [--backend sqlite|postgres|both]
                                     [--year 2020] [--repeat 3] [--fresh] [--drop] [--prepare]

Generates ten years of records (``bench.report_data``: 100,000 victims, 1,000,000 hotline
calls, 500,000 inspections, 50,000 cases at full scale) into the benchmark's own databases, a
SQLite file under /tmp/tipdata-bench and a PostgreSQL database ``tipdata_bench_<scale>`` that it
creates and drops itself (never another), then measures on each backend in the same run:

- report: ``build_report(year)``, the whole report (median of ``--repeat`` runs after a warm-up);
- baseline: one hand-written SQL statement per section computing its headline figures
  (``bench.report_baseline``), timed the same way;
- baseline with comparisons: the same, for the year and the earlier years the headline
  sentences compare with (``bench.report_baseline_years``), timed the same way;
- both ratios, and the number of queries the report issued.

It also checks that the report states both baselines' figures (and the same on both backends).
A generated database is kept and reused while the scale, the generator and the migrations are
unchanged (``--fresh`` rebuilds it, ``--drop`` removes it afterwards). Each backend runs in its
own process, as Django binds one database at start-up. Target: report under 2x the baseline and
under 5 s on PostgreSQL at full scale.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("TIPDATA_BENCH_DIR", "/tmp/tipdata-bench"))  # noqa: S108 (scratch)
PG_SERVER = os.environ.get("TIPDATA_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
RESULT = "RESULT "


def database_url(backend: str, scale: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{WORK / f'report-{scale}.sqlite3'}"
    return f"{PG_SERVER}/tipdata_bench_{scale}"


def run_child(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    from cryptography.fernet import Fernet

    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(backend, args.scale),
        TIPDATA_VAR_DIR=str(WORK / "var"),
        TIPDATA_DATA_KEYS=env.get("TIPDATA_DATA_KEYS") or Fernet.generate_key().decode(),
        TIPDATA_LOOKUP_KEY="bench-lookup-key",
        TIPDATA_SECRET_KEY="bench-only-secret-key",  # noqa: S106 (no session is served)
        DJANGO_SETTINGS_MODULE="tipdata.settings",
    )
    command = [sys.executable, "-m", "bench.report_child", backend, *child_args(args)]
    done = subprocess.run(  # noqa: S603
        command, env=env, cwd=REPO, stdout=subprocess.PIPE, text=True, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT)]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"The {backend} benchmark failed (exit {done.returncode}).")
    return json.loads(lines[-1][len(RESULT) :])  # type: ignore[no-any-return]


def child_args(args: argparse.Namespace) -> list[str]:
    flags = ["--fresh"] * args.fresh + ["--drop"] * args.drop + ["--prepare"] * args.prepare
    return ["--scale", args.scale, "--year", str(args.year), "--repeat", str(args.repeat), *flags]


def print_results(results: dict[str, dict[str, Any]]) -> None:
    print()
    load = os.getloadavg()[0]
    print(f"(load average {load:.1f} on {os.cpu_count()} cores: other work slows both sides)")
    counted = max(r["baseline_years_figures"] for r in results.values())
    print("baseline: the year's 17 headline figures; + comparisons: those and the earlier years")
    print(f"the headline sentences state, {counted} values (bench.report_baseline_years)")
    print(
        f"{'backend':<11}{'report s':>10}{'baseline s':>12}{'ratio':>8}"
        f"{'+ comparisons s':>17}{'ratio':>8}{'queries':>9}  rows"
    )
    for backend, r in results.items():
        rows = sum(r["rows"].values())
        print(
            f"{backend:<11}{r['report_s']:>10.3f}{r['baseline_s']:>12.4f}{r['ratio']:>8.1f}"
            f"{r['baseline_years_s']:>17.4f}{r['ratio_years']:>8.1f}{r['queries']:>9}  {rows:,}"
        )
    for backend, r in results.items():
        for problem in r["mismatches"]:
            print(f"MISMATCH ({backend}): {problem}")
    if len(results) == 2:
        a, b = (r["figures"] for r in results.values())
        same = a == b
        print("Figures identical on both backends." if same else "Figures DIFFER by backend!")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["full", "small"], default="full")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--year", type=int, default=2020)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fresh", action="store_true", help="regenerate the databases")
    parser.add_argument("--drop", action="store_true", help="remove the databases afterwards")
    parser.add_argument(
        "--prepare", action="store_true", help="only generate the databases, measure nothing"
    )
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    results = {backend: run_child(backend, args) for backend in backends}
    if not args.prepare:
        print_results(results)


if __name__ == "__main__":
    main()
