"""``tipdata verify_audit``: recompute the audit chain; exit 1 naming the first broken entry."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tipdata.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain and name the first entry altered or removed."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if not result.ok:
            raise CommandError(result.problem)
        self.stdout.write(f"Audit trail intact: {result.checked} entries verified.")
