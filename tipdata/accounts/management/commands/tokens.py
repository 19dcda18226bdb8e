"""``tipdata tokens``: API tokens for service accounts (issue, list, revoke).

    tipdata tokens service-account ngo-import --role ngo_case_worker --organisation ngo-almaty
    tipdata tokens issue ngo-import --name "nightly import" --days 30 [--read-only]
    tipdata tokens list [USERNAME]
    tipdata tokens revoke PREFIX

A service account is a user without a usable password: it can only use its tokens, and sees
what its role and organisation allow, like any user.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from tipdata.accounts.models import ApiToken, Organisation, Role, User
from tipdata.accounts.services import create_user
from tipdata.accounts.tokens import issue_token, revoke_token


class Command(BaseCommand):
    help = "Issue, list and revoke API tokens; create service accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        account = sub.add_parser("service-account", help="Create a user for a system.")
        account.add_argument("username")
        account.add_argument("--role", required=True, choices=Role.values)
        account.add_argument("--organisation", required=True, help="Organisation code.")
        issue = sub.add_parser("issue", help="Issue a token; prints its secret once.")
        issue.add_argument("username")
        issue.add_argument("--name", required=True)
        issue.add_argument("--days", type=int, default=None)
        issue.add_argument("--read-only", action="store_true")
        listing = sub.add_parser("list", help="List tokens (never their secrets).")
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke", help="Revoke the token with this prefix.")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"].replace("-", "_")
        try:
            getattr(self, f"do_{action}")(options)
        except (ValidationError, User.DoesNotExist, Organisation.DoesNotExist) as exc:
            raise CommandError(str(exc)) from exc

    @transaction.atomic
    def do_service_account(self, options: dict[str, Any]) -> None:
        organisation = Organisation.objects.get(code=options["organisation"])
        user = create_user(
            actor=None,
            username=options["username"],
            password="",
            role=options["role"],
            organisation=organisation,
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        self.stdout.write(f"Created service account {user.username} ({organisation}).")

    def do_issue(self, options: dict[str, Any]) -> None:
        user = User.objects.get(username=options["username"])
        token, secret = issue_token(
            actor=None,
            user=user,
            name=options["name"],
            days=options["days"],
            read_only=options["read_only"],
        )
        self.stdout.write(f"Token for {user.username}, expires {token.expires_at:%Y-%m-%d}:")
        self.stdout.write(secret)

    def do_list(self, options: dict[str, Any]) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if options["username"]:
            tokens = tokens.filter(user__username=options["username"])
        for token in tokens:
            state = "active" if token.is_active else "revoked" if token.revoked_at else "expired"
            self.stdout.write(
                f"{token.prefix}  {token.user.username:<16} {token.name:<24} "
                f"{'read-only' if token.read_only else 'read-write':<10} "
                f"expires {token.expires_at:%Y-%m-%d}  {state}"
            )

    def do_revoke(self, options: dict[str, Any]) -> None:
        matches = list(ApiToken.objects.filter(prefix=options["prefix"]))
        if len(matches) != 1:
            raise CommandError(f"{len(matches)} tokens have this prefix; give the full prefix.")
        revoke_token(actor=None, token=matches[0])
        self.stdout.write(f"Revoked {matches[0]}.")
