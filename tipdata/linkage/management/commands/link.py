"""``tipdata link [--retrain] [--new ID ...]``: run record linkage from the command line.

Without ``--new`` every record is linked (the stored model is reused unless ``--retrain``);
with ``--new`` only the given victim ids are compared with the rest, as after an import.
Runs as the system (audited as such); prints counts, never names.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tipdata.linkage import services


class Command(BaseCommand):
    help = "Link victim records to persons (all records, or --new ids against the rest)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--retrain", action="store_true", help="train a new model first")
        parser.add_argument(
            "--new", nargs="+", type=int, metavar="ID", help="victim ids just added"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new"]:
            summary = services.link_after_import(options["new"], actor=None)
        else:
            summary = services.run_linkage(actor=None, retrain=options["retrain"]).as_dict()
        for key, value in summary.items():
            self.stdout.write(f"{key.replace('_', ' ')}: {value}")
