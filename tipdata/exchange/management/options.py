"""What the exchange commands share: who acts (``--user``) and for which organisation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from tipdata.accounts.models import Organisation


def add_user(parser: CommandParser) -> None:
    parser.add_argument(
        "--user",
        help="Username the command acts as (access scope and audit); default: the system.",
    )


def find_user(username: str | None) -> Any:
    if not username:
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(_("No active user %(name)s.") % {"name": username})
    return user


def find_agency(code: str | None, user: Any = None, *, kind: str | None = None) -> Organisation:
    """The organisation by ``--agency`` code, else the user's, else the only one of ``kind``."""
    if code:
        found = Organisation.objects.filter(code=code).first()
        if found is None:
            raise CommandError(_("No organisation with code %(code)s.") % {"code": code})
        return found
    if user is not None and user.organisation is not None:
        return user.organisation  # type: ignore[no-any-return]
    if kind is not None:
        candidates = list(Organisation.objects.filter(agency_type__kind=kind, active=True)[:2])
        if len(candidates) == 1:
            return candidates[0]
    raise CommandError(_("Name the organisation with --agency CODE."))


def report(command: Any, notes: list[str]) -> None:
    for note in notes:
        command.stderr.write(note)


def run_import(command: Any, path: str, service: Callable[..., Any], **arguments: Any) -> Any:
    """Run an import service on ``path``; a rejected file or unreadable path is a CommandError."""
    from tipdata.exchange.services import ImportRejected

    try:
        result = service(source=path, **arguments)
    except ImportRejected as error:
        raise CommandError(str(error)) from error
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}") from error
    report(command, result.notes)
    return result
