"""``tipdata import FILE [--type TYPE] [--agency CODE] [--user NAME] [--report FILE]``.

Imports a spreadsheet or CSV file through the record type's services, all rows or none, with a
progress bar on stderr. A rejected file's problems are printed (the first 50) and, with
``--report``, written whole to an XLSX file for the clerk who sent it.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from tipdata.accounts.models import Organisation
from tipdata.intake.estimate import estimate_rows
from tipdata.intake.htcds_import import import_htcds
from tipdata.intake.importer import import_file
from tipdata.intake.kinds import UnknownKind, get_kind, import_kinds
from tipdata.intake.report import write_error_report

SHOWN = 50


class Command(BaseCommand):
    help = "Import an XLSX or CSV file of records, validated whole before anything is written."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--type", help="record type: " + ", ".join(import_kinds()))
        parser.add_argument(
            "--format",
            choices=["tipdata", "htcds"],
            default="tipdata",
            help="htcds: an HTCDS 2.0 case workbook or CSV, imported as victims",
        )
        parser.add_argument("--agency", help="code of the organisation rows belong to by default")
        parser.add_argument("--user", help="act as this user (checked and audited as them)")
        parser.add_argument("--report", help="write the error report to this XLSX file")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            kind = get_kind(options["type"]) if options["type"] else None
        except UnknownKind as exc:
            raise CommandError(str(exc)) from exc
        agency = self._agency(options["agency"])
        actor = self._user(options["user"])
        bar = tqdm(
            total=estimate_rows(options["file"]),
            unit=" rows",
            disable=options["no_progress"],
            file=self.stderr._out,
        )
        with bar:
            run = import_htcds if options["format"] == "htcds" else partial(import_file, kind=kind)
            result = run(
                options["file"],
                actor=actor,
                agency=agency,
                progress=lambda done: bar.update(done - bar.n),
            )
        if result.file_error:
            raise CommandError(result.file_error)
        if not result.ok:
            for error in result.errors[:SHOWN]:
                self.stderr.write(
                    f"row {error.row}, column {error.column}: {error.message}"
                    + (f" (value: {error.value})" if error.value else "")
                )
            if options["report"]:
                write_error_report(result, options["report"])
            raise CommandError(
                f"{result.error_count} problem(s) in {result.rows} rows; nothing was imported"
            )
        self.stdout.write(
            f"{result.kind}: {result.rows} rows, {result.created} created, {result.updated} updated"
        )
        if result.linkage_error:
            self.stderr.write(f"record linkage after the import failed: {result.linkage_error}")

    def _agency(self, code: str | None) -> Organisation | None:
        if not code:
            return None
        try:
            return Organisation.objects.get(code=code)
        except Organisation.DoesNotExist as exc:
            raise CommandError(f"no organisation with the code {code!r}") from exc

    def _user(self, username: str | None) -> Any:
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"no user {username!r}") from exc
