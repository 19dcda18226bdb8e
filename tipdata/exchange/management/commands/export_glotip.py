"""``tipdata export_glotip --year 2020 --output F.xlsx``: the country's UNODC submission.

Every value is computed now by the indicator engine from the records; UNODC wants exact
counts, so nothing is suppressed unless ``--suppress-below`` (for a public release).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tipdata.exchange.exports import export_glotip
from tipdata.exchange.management.options import add_user, find_user, report


class Command(BaseCommand):
    help = "Export the year's figures in UNODC's GLOTIP long format (XLSX or CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--output", required=True, help="File to write (.xlsx or .csv).")
        parser.add_argument(
            "--suppress-below",
            type=int,
            default=None,
            help='Show counts under N as "<N" (public release only).',
        )
        add_user(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        output = options["output"]
        fmt = "csv" if output.lower().endswith(".csv") else "xlsx"
        try:
            result = export_glotip(
                actor=find_user(options["user"]),
                year=options["year"],
                target=output,
                fmt=fmt,
                suppress_below=options["suppress_below"],
            )
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror}") from error
        report(self, result.notes)
        self.stdout.write(_("Wrote %(n)s figures.") % {"n": result.rows})
