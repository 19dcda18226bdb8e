"""The audit trail: append-only, each entry chaining the hash of the one before.

Append-only is enforced at three levels: the model refuses to save an existing entry or to
delete one, its queryset refuses bulk ``update``/``delete``, and on PostgreSQL a trigger
refuses UPDATE and DELETE from any client (migration 0002). Someone who bypasses all three
(a database superuser) still cannot hide it: ``tipdata verify_audit`` recomputes the chain
and names the first entry altered or removed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    TRANSITION = "transition", _("Status changed")
    LINK = "link", _("Linked")
    UNLINK = "unlink", _("Unlinked")
    MERGE = "merge", _("Merged")
    VIEW_PERSONAL = "view_personal", _("Viewed personal data")
    EXPORT = "export", _("Exported")
    IMPORT = "import", _("Imported")
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGN_OUT = "sign_out", _("Signed out")
    BREAK_GLASS = "break_glass", _("Emergency access")
    ERASE = "erase", _("Personal data erased")
    REPORT = "report", _("Report produced")
    LOOKUP = "lookup", _("Searched personal data")
    LOCKED_OUT = "locked_out", _("Locked out")
    TWO_FACTOR = "two_factor", _("Two-factor set-up changed")
    ROTATE_KEYS = "rotate_keys", _("Encryption keys rotated")
    REVIEW = "review", _("Reviewed")


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One event. Never updated or deleted; ``hash`` covers the content and ``prev_hash``."""

    at = models.DateTimeField(_("at"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    organisation_label = models.CharField(_("organisation"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def canonical(self) -> str:
        """The exact text that is hashed: every field but the hashes themselves."""
        return canonical_text(
            at=self.at,
            actor_label=self.actor_label,
            organisation_label=self.organisation_label,
            action=self.action,
            content_type_id=self.content_type_id,
            object_id=self.object_id,
            object_repr=self.object_repr,
            changes=self.changes,
            reason=self.reason,
        )

    def compute_hash(self) -> str:
        return chain_hash(self.prev_hash, self.canonical())


def canonical_text(
    *,
    at: Any,
    actor_label: str,
    organisation_label: str,
    action: str,
    content_type_id: int | None,
    object_id: str,
    object_repr: str,
    changes: Any,
    reason: str,
) -> str:
    """An entry's hashed text from its values, so that a batch of entries can be chained and
    written without building a model instance for each (``audit.services.record_events``)."""
    payload: dict[str, Any] = {
        "at": at.isoformat(),
        "actor": actor_label,
        "organisation": organisation_label,
        "action": action,
        "content_type": content_type_id,
        "object_id": object_id,
        "object_repr": object_repr,
        "changes": changes,
        "reason": reason,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)


def chain_hash(prev_hash: str, canonical: str) -> str:
    """The hash of an entry: its text chained to the hash of the entry before it."""
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


class ChainHead(models.Model):
    """A single row locked while appending, so concurrent writers chain in order."""

    last_hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return self.last_hash
