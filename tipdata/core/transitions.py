"""Named status transitions.

A record's status never changes by assignment: a ``Workflow`` lists the named transitions
(``identify``, ``send_to_court`` ...) with the states they may start from, and services apply
them. ``Record.save`` refuses a status that changed outside ``Workflow.apply``; that guard is
what makes the rule hold for every caller (web, API, importers, CLI).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db.models import Model


class TransitionNotAllowed(ValidationError):
    """A transition was asked for from a state it does not start from."""


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    label: Any = ""

    def allowed_from(self, status: str) -> bool:
        return status in self.sources


class Workflow:
    """The transitions of one status field of one model."""

    def __init__(self, field: str, transitions: list[Transition]) -> None:
        self.field = field
        self.transitions = {t.name: t for t in transitions}

    def get(self, name: str) -> Transition:
        try:
            return self.transitions[name]
        except KeyError as exc:
            raise TransitionNotAllowed(
                _("Unknown transition %(name)s."), params={"name": name}
            ) from exc

    def available(self, instance: Model) -> list[Transition]:
        status = getattr(instance, self.field)
        return [t for t in self.transitions.values() if t.allowed_from(status)]

    def apply(self, instance: Model, name: str) -> tuple[str, str]:
        """Move ``instance`` along transition ``name``; returns (from, to). Does not save."""
        transition = self.get(name)
        current = getattr(instance, self.field)
        if not transition.allowed_from(current):
            raise TransitionNotAllowed(
                {
                    self.field: _(
                        "Cannot %(transition)s: the record is %(status)s, and this step is "
                        "only allowed from %(sources)s."
                    )
                    % {
                        "transition": transition.name.replace("_", " "),
                        "status": current,
                        "sources": ", ".join(transition.sources),
                    }
                }
            )
        setattr(instance, self.field, transition.target)
        instance._tipdata_transition = name  # type: ignore[attr-defined]
        return current, transition.target
