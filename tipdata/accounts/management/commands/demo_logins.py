from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tipdata.accounts.demo import ensure_demo_logins


class Command(BaseCommand):
    help = "Create (if missing) and print one demo login per role. For demonstrations only."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = ensure_demo_logins()
        self.stdout.write("Demo logins (demonstration data only):")
        for username, password, role, org in rows:
            self.stdout.write(f"  {username:<13} {password:<26} {role} — {org}")
