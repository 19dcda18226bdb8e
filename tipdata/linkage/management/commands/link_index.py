"""``tipdata link_index``: rebuild record linkage's blocking index from the personal data.

The services keep the index current and the migration that created it filled it; rebuild it
after changing the lookup key, the person profile's blocking rules or the name normalisation
(the stored hashes would no longer match keys derived by the new code). Prints counts only.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tipdata.linkage.index import rebuild


class Command(BaseCommand):
    help = "Rebuild the keyed-hash blocking index used by incremental record linkage."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = rebuild()
        self.stdout.write(f"blocking keys written: {rows}")
