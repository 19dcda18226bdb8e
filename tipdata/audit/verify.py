"""Verifying the audit trail: recompute every hash and follow every link of the chain.

An entry whose content no longer matches its hash was altered. An entry whose ``prev_hash``
is not the hash of the entry before it follows a gap: an entry was removed there (or the one
before was altered and its hash recomputed to hide it, which the chain also exposes). If the
chain head names a hash that is not the last entry's, entries were removed from the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tipdata.audit.models import AuditEntry, ChainHead


@dataclass(frozen=True)
class Verification:
    checked: int
    problem: str = ""
    entry_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problem


def _entries() -> Iterator[AuditEntry]:
    return AuditEntry.objects.order_by("id").iterator(chunk_size=2000)


def _broken_link(checked: int, entry: AuditEntry, previous: AuditEntry | None) -> Verification:
    """Name what broke the link into ``entry``.

    Numbers are given in order and never reused, so with no number missing between the two
    entries nothing was removed there: the entry before was altered and its hash recomputed
    (it is the one named). With numbers missing, entries from the first missing number were
    removed (or the entry before was altered; a rolled-back write also leaves a number unused,
    so a gap alone is not proof, a broken link is).
    """
    if previous is None:
        problem = _(
            "Entry #%(id)s does not follow the entry before it: an entry at the start of the "
            "trail was removed, or this entry's link was altered."
        ) % {"id": entry.pk}
        return Verification(checked, problem, entry.pk)
    if entry.pk == previous.pk + 1:
        problem = _(
            "Entry #%(prev)s was altered and its hash recomputed: entry #%(id)s, after entry "
            "#%(prev)s, no longer follows it."
        ) % {"prev": previous.pk, "id": entry.pk}
        return Verification(checked, problem, previous.pk)
    problem = _(
        "Entry #%(id)s does not follow the entry before it: entries after entry #%(prev)s were "
        "removed (the first missing number is #%(missing)s), or entry #%(prev)s was altered "
        "and its hash recomputed."
    ) % {"id": entry.pk, "prev": previous.pk, "missing": previous.pk + 1}
    return Verification(checked, problem, entry.pk)


def verify_chain() -> Verification:
    """Check the whole chain and name the first entry altered or removed."""
    expected_prev = ""
    previous: AuditEntry | None = None
    checked = 0
    for entry in _entries():
        if entry.prev_hash != expected_prev:
            return _broken_link(checked, entry, previous)
        if entry.compute_hash() != entry.hash:
            return Verification(
                checked,
                _("Entry #%(id)s was altered: its content no longer matches its hash.")
                % {"id": entry.pk},
                entry.pk,
            )
        expected_prev = entry.hash
        previous = entry
        checked += 1
    head = ChainHead.objects.filter(pk=1).values_list("last_hash", flat=True).first()
    if head is not None and head != expected_prev:
        last = _("entry #%(id)s") % {"id": previous.pk} if previous else _("the start")
        return Verification(
            checked,
            _(
                "The newest entries were removed: the trail ends at %(last)s but the chain head "
                "records a later entry."
            )
            % {"last": last},
            previous.pk if previous else None,
        )
    return Verification(checked)
