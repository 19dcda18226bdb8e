"""The submitting agency's own identifier of a record, which makes imports idempotent.

Agencies keep their own numbering (a shelter's file number, a police register entry). Every
imported record type carries it as ``source_ref``; re-importing a file (or a corrected one)
finds the record by its owner and ``source_ref`` and updates it instead of adding a duplicate.
The constraint is partial: records entered on the web pages without a reference do not clash.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 64


def source_ref_field() -> models.CharField:
    """The ``source_ref`` column, identical on every imported model."""
    return models.CharField(
        _("agency's own reference"),
        max_length=MAX_LENGTH,
        blank=True,
        help_text=_("The submitting agency's identifier; re-imports update by it."),
    )


def unique_source_ref(
    *scope: str, name: str = "%(app_label)s_%(class)s_source_ref_unique"
) -> models.UniqueConstraint:
    """One record per ``scope`` (the owner, or the parent record) and non-empty reference."""
    return models.UniqueConstraint(
        fields=[*scope, "source_ref"], condition=~models.Q(source_ref=""), name=name
    )
