"""Shared model machinery: the scoped queryset and the base class of every record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from tipdata.core.transitions import Workflow


class ScopedQuerySet(models.QuerySet):
    """The one read path: every query of records starts from ``visible_to(user)``."""

    def visible_to(self, user: Any) -> ScopedQuerySet:
        from tipdata.accounts.access import restrict

        return restrict(self, user)  # type: ignore[return-value]


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


class Record(models.Model):
    """Base of every recorded fact: who created it, when, and which organisation owns it.

    ``OWNER_FIELD`` names the organisation (or path to it) that owns the record: access
    control scopes by it and services check writes against it. ``WORKFLOW`` guards the
    status field so it only changes through named transitions.
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ScopedManager()

    OWNER_FIELD: ClassVar[str] = ""
    WORKFLOW: ClassVar[Workflow | None] = None
    # Fields that hold personal data: audit records only that they changed.
    PERSONAL_FIELDS: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Record:
        instance = super().from_db(db, field_names, values)
        if cls.WORKFLOW is not None and cls.WORKFLOW.field in field_names:
            instance._loaded_status = getattr(instance, cls.WORKFLOW.field)
        return instance

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        meta = self._meta
        return reverse(f"{meta.app_label}:{meta.model_name}-detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._guard_status()
        super().save(*args, **kwargs)
        if self.WORKFLOW is not None:
            self._loaded_status = getattr(self, self.WORKFLOW.field)
            self._tipdata_transition = None

    def _guard_status(self) -> None:
        workflow = self.WORKFLOW
        if workflow is None:
            return
        current = getattr(self, workflow.field)
        loaded = getattr(self, "_loaded_status", None)
        if self._state.adding:
            default = self._meta.get_field(workflow.field).get_default()  # type: ignore[union-attr]
            if current != default and not getattr(self, "_tipdata_transition", None):
                raise ValidationError(
                    {workflow.field: _("A new record starts in its first state.")}
                )
            return
        if current != loaded and not getattr(self, "_tipdata_transition", None):
            raise ValidationError(
                {workflow.field: _("The status changes only through a named transition.")}
            )

    @property
    def owner(self) -> Any:
        """The organisation that owns this record (follows ``OWNER_FIELD``)."""
        obj: Any = self
        for part in self.OWNER_FIELD.split("__"):
            if obj is None:
                return None
            obj = getattr(obj, part)
        return obj
