"""``tipdata rotate_keys``: re-encrypt all personal data under the newest key (see keys.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipdata.core import crypto
from tipdata.privacy import keys


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field of every model under the newest data key. "
        "Procedure: add a new key first (--add-key for a key file, or --generate and put it "
        "first in TIPDATA_DATA_KEYS), run this command, run it with --verify, then remove "
        "the old key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--generate", action="store_true", help="Print a new key and stop.")
        group.add_argument(
            "--add-key", action="store_true", help="Put a new key first in the key file, rotate."
        )
        group.add_argument(
            "--verify", action="store_true", help="Check every value opens with the newest key."
        )
        group.add_argument(
            "--rehash", action="store_true", help="Recompute keyed hashes (new lookup key)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["generate"]:
            self.stdout.write(crypto.generate_key())
            return
        if options["verify"]:
            report = keys.verify_newest()
            if report.failures:
                raise CommandError(
                    f"{len(report.failures)} values do not open with the newest key, e.g. "
                    + "; ".join(report.failures[:5])
                )
            self.stdout.write(f"All {report.values} encrypted values open with the newest key.")
            return
        if options["rehash"]:
            self.stdout.write(f"Recomputed {keys.rehash_all()} keyed hashes.")
            return
        if options["add_key"]:
            try:
                path = keys.add_key_to_file()
            except crypto.KeyConfigurationError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"Added a new key at the top of {path}.")
        report = keys.rotate_all()
        for label, count in sorted(report.tables.items()):
            self.stdout.write(f"  {label}: {count} values")
        self.stdout.write(f"Re-encrypted {report.values} values under the newest key.")
