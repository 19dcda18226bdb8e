"""``tipdata export_ctdc --output F.csv``: tipdata's victim records in CTDC's columns.

No name, no birth date: only the columns CTDC publishes, made k-anonymous (``--k``). Scoped to
what ``--user`` may see (the national scope for the system) and audited as an export.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tipdata.exchange.exports import DEFAULT_K, export_ctdc
from tipdata.exchange.management.options import add_user, find_user, report


class Command(BaseCommand):
    help = "Export victim records in CTDC's published columns (CSV), k-anonymised."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="CSV file to write.")
        parser.add_argument("--k", type=int, default=DEFAULT_K, help="Smallest group shown.")
        parser.add_argument(
            "--include-received",
            action="store_true",
            help="Also give back records that came from CTDC.",
        )
        add_user(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        user = find_user(options["user"])
        try:
            result = export_ctdc(
                actor=user,
                target=options["output"],
                k=options["k"],
                include_received=options["include_received"],
            )
        except OSError as error:
            raise CommandError(f"{options['output']}: {error.strerror}") from error
        report(self, result.notes)
        self.stdout.write(_("Wrote %(n)s records.") % {"n": result.rows})
