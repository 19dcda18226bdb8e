"""``tipdata import_glotip FILE --country KAZ``: a country's UNODC figures as historical values.

Stored with the source "UNODC GLOTIP <release>"; "<5" stays a withheld small count. Figures
entered earlier from another source are kept unless ``--replace``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tipdata.exchange.management.options import add_user, find_agency, find_user, run_import
from tipdata.exchange.services import import_glotip
from tipdata.profiles.models import AgencyKind


class Command(BaseCommand):
    help = "Import a country's figures from UNODC's GLOTIP long format as historical values."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="GLOTIP workbook (XLSX) or CSV.")
        parser.add_argument("--country", required=True, help="ISO alpha-3 code, e.g. KAZ.")
        parser.add_argument(
            "--agency", help="Code of the organisation entering the figures (the secretariat)."
        )
        parser.add_argument("--release", default="", help="Release, e.g. 2023-05-30.")
        parser.add_argument(
            "--replace", action="store_true", help="Replace figures entered from other sources."
        )
        add_user(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        user = find_user(options["user"])
        agency = find_agency(options["agency"], user, kind=AgencyKind.WORKING_GROUP)
        result = run_import(
            self,
            options["file"],
            import_glotip,
            actor=user,
            country=options["country"].upper(),
            entered_by=agency,
            release=options["release"],
            replace=options["replace"],
        )
        self.stdout.write(
            _("%(rows)s figures: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
            % {
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
