"""``tipdata template TYPE [--lang ru] [--output FILE]``: write an XLSX import template."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipdata.intake.kinds import UnknownKind, get_kind, import_kinds
from tipdata.intake.workbook import write_template


class Command(BaseCommand):
    help = "Write the XLSX template of a record type (columns, help, drop-down lists)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("type", help="record type: " + ", ".join(import_kinds()))
        parser.add_argument(
            "--lang", default="en", choices=[code for code, _name in settings.LANGUAGES]
        )
        parser.add_argument("--output", help="file to write (default: TYPE-LANG.xlsx)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            kind = get_kind(options["type"])
        except UnknownKind as exc:
            raise CommandError(str(exc)) from exc
        output = options["output"] or f"{kind.slug}-{options['lang']}.xlsx"
        write_template(kind, output, language=options["lang"])
        self.stdout.write(f"{output}: template of {kind.title} ({options['lang']})")
