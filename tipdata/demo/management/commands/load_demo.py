from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipdata.demo.loader import DEFAULT_SEED, has_records, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo dataset: Kazakhstan's 2020 records, from which the annual report "
        "reproduces the 2021 TIP report's figures. For demonstrations only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (successfully) when the database already holds records.",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed.")

    def handle(self, *args: Any, **options: Any) -> None:
        if has_records():
            if options["if_empty"]:
                self.stdout.write("The database already holds records: demo not loaded.")
                return
            raise CommandError(
                "The database already holds records; the demo loads only into an empty one "
                "(use --if-empty to skip quietly)."
            )
        started = time.monotonic()
        loaded = load_demo(
            seed=options["seed"],
            progress=lambda step: (
                self.stdout.write(f"  {step} ...") if options["verbosity"] > 1 else None
            ),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded in {time.monotonic() - started:.0f} s: {loaded.victims} victim "
                f"records, {loaded.cases} criminal cases, {loaded.calls} hotline calls, "
                f"{loaded.aggregates} historical figures."
            )
        )
