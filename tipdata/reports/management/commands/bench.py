"""``tipdata bench report [--scale small] [--backend both]``: run a benchmark under bench/.

A thin door to the benchmark scripts (``python -m bench.<name>``), so that an installed
tipdata runs them by name; the arguments after the name go to the script untouched.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

BENCHMARKS = ("report", "linkage", "imports")


class Command(BaseCommand):
    help = "Run a benchmark: report (the country report at national scale) or linkage."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("benchmark", choices=BENCHMARKS)
        parser.add_argument("arguments", nargs=argparse.REMAINDER)

    def handle(self, *args: Any, **options: Any) -> None:
        # bench/ lives beside the package in the repository, not in an installed wheel.
        if str(settings.REPO_DIR) not in sys.path:
            sys.path.insert(0, str(settings.REPO_DIR))
        module = import_module(f"bench.{options['benchmark']}")
        module.main(options["arguments"])
