"""``tipdata erase_expired``: erase personal data past the retention period (statistics stay)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tipdata.privacy.retention import erase_expired


class Command(BaseCommand):
    help = (
        "Erase personal data of records inactive for TIPDATA_RETENTION_DAYS (no open case); "
        "pseudonymous records and every statistic are kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, erase nothing.")
        parser.add_argument("--days", type=int, default=None, help="Override the period.")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = erase_expired(days=options["days"], dry_run=options["dry_run"])
        verb = "Would erase" if options["dry_run"] else "Erased"
        self.stdout.write(
            f"{verb} personal data of {counts['victims']} victims, {counts['defendants']} "
            f"defendants and {counts['calls']} hotline call summaries."
        )
