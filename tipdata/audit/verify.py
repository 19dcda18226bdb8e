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


def verify_chain() -> Verification:
    """Check the whole chain and name the first entry altered or removed."""
    expected_prev = ""
    previous: AuditEntry | None = None
    checked = 0
    for entry in _entries():
        if entry.prev_hash != expected_prev:
            after = (
                _("after entry #%(id)s") % {"id": previous.pk}
                if previous
                else _("at the start of the trail")
            )
            return Verification(
                checked,
                _(
                    "Entry #%(id)s does not follow the entry before it: an entry %(after)s "
                    "was removed, or that entry was altered and its hash recomputed."
                )
                % {"id": entry.pk, "after": after},
                entry.pk,
            )
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
