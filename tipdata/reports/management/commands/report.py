"""``tipdata report --year 2020 --format pdf --output report.pdf``: the report as a file.

Computes the report from the records now (or re-renders a saved JSON with ``--from-json``),
writes it and records the export in the audit trail, attributed to ``--user`` when given
(whose access also decides the drill-down links of an HTML file) or to "system".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tipdata.reports import services
from tipdata.reports.renderers import FORMATS
from tipdata.reports.serialization import report_from_json


class Command(BaseCommand):
    help = "Write the annual country report as HTML, PDF, XLSX or JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="Reporting year, e.g. 2020.")
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), default="pdf")
        parser.add_argument("--output", required=True, help="File to write; '-' for stdout.")
        parser.add_argument("--user", help="Username the export is made by (audit, links).")
        parser.add_argument("--from-json", help="Re-render a report saved as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = self.find_user(options["user"])
        if options["from_json"]:
            report = report_from_json(json.loads(Path(options["from_json"]).read_text("utf-8")))
        elif options["year"] is None:
            raise CommandError(_("Give --year (or --from-json)."))
        else:
            report = services.build(options["year"], user=user)
        if options["output"] == "-":
            sys.stdout.buffer.write(self.export(report, options, user))
            return
        output = Path(options["output"])
        try:  # opened before exporting: an unwritable path leaves no export in the audit
            with output.open("wb") as stream:
                content = self.export(report, options, user)
                stream.write(content)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": output, "error": error.strerror}
            ) from error
        self.stderr.write(
            _("Wrote the %(year)s report (%(fmt)s, %(size)s bytes) to %(path)s")
            % {"year": report.year, "fmt": options["fmt"], "size": len(content), "path": output}
        )

    def export(self, report: Any, options: dict[str, Any], user: Any) -> bytes:
        return services.export_report(report, options["fmt"], actor=user, via="cli", user=user)

    def find_user(self, username: str | None) -> Any:
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(_("No active user %(name)s.") % {"name": username})
        return user
