"""What tipdata keeps of a record received in a standard format, beyond the record itself.

A CTDC row becomes a de-identified ``Victim`` of the contributing organisation; the row as
CTDC wrote it (every column, typed, missing values as null) is kept beside it, so nothing read
is dropped and the record can be given back to CTDC exactly as it came.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReceivedRecord(models.Model):
    """The original row behind a victim record imported from a standard format."""

    class Format(models.TextChoices):
        CTDC = "ctdc", _("CTDC")

    victim = models.OneToOneField(
        "victims.Victim", on_delete=models.CASCADE, related_name="received_as"
    )
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    content_hash = models.CharField(_("content hash"), max_length=64, db_index=True)
    values = models.JSONField(_("values as received"), default=dict)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    row = models.PositiveIntegerField(_("row in the file"), null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("record received in a standard format")

    def __str__(self) -> str:
        return f"{self.get_format_display()} row {self.row} of {self.file_name}"
