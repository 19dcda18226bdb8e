"""``tipdata export_htcds --output F.xlsx``: victim and referral records in HTCDS 2.0.

Written into IOM's official Excel template (``--plain`` for a workbook of tipdata's columns).
Personal fields only when ``--user`` has a role that may see personal data; audited.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tipdata.exchange.exports import export_htcds
from tipdata.exchange.management.options import add_user, find_user, report


class Command(BaseCommand):
    help = "Export victim and referral records as an HTCDS 2.0 workbook."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="XLSX file to write.")
        parser.add_argument(
            "--plain", action="store_true", help="Not in the official template's layout."
        )
        add_user(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = export_htcds(
                actor=find_user(options["user"]),
                target=options["output"],
                template=not options["plain"],
            )
        except OSError as error:
            raise CommandError(f"{options['output']}: {error.strerror}") from error
        report(self, result.notes)
        self.stdout.write(_("Wrote %(n)s records.") % {"n": result.rows})
