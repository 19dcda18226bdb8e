"""``tipdata import_ctdc FILE --agency CODE``: CTDC victim records as de-identified records.

The whole file is checked first; a file with problems is rejected whole, each problem named by
row, column and value. Importing the same file again creates nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tipdata.exchange.management.options import add_user, find_agency, find_user, run_import
from tipdata.exchange.services import import_ctdc


class Command(BaseCommand):
    help = "Import CTDC victim records (CSV or XLSX) as de-identified records of an agency."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CTDC file (CSV or XLSX).")
        parser.add_argument("--agency", required=True, help="Code of the contributing agency.")
        add_user(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        user = find_user(options["user"])
        agency = find_agency(options["agency"], user)
        result = run_import(self, options["file"], import_ctdc, actor=user, agency=agency)
        self.stdout.write(
            _("%(rows)s rows: %(created)s records created, %(unchanged)s already imported.")
            % {"rows": result.rows, "created": result.created, "unchanged": result.unchanged}
        )
