from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tipdata.accounts.demo import demo_code, ensure_demo_logins, ensure_demo_second_factors


class Command(BaseCommand):
    help = "Create (if missing) and print one demo login per role. For demonstrations only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--code", metavar="USERNAME", help="Print the current two-factor code of a demo login."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["code"]:
            try:
                self.stdout.write(demo_code(options["code"]))
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            return
        rows = ensure_demo_logins()
        self.stdout.write("Demo logins (demonstration data only):")
        for username, password, role, org in rows:
            self.stdout.write(f"  {username:<13} {password:<26} {role} — {org}")
        self.stdout.write(
            "Two-factor secrets (add one to an authenticator app, or run "
            "`tipdata demo_logins --code USERNAME` for the current code):"
        )
        for username, secret, _url in ensure_demo_second_factors():
            self.stdout.write(f"  {username:<13} {secret}")
