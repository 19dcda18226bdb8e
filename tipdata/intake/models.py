"""An import run from the upload page: its file, progress and outcome.

The page starts the import in the background and polls this row every second, so a clerk
uploading 100,000 rows sees the count grow instead of a browser waiting on one request. The
row is also the history of who imported what and with which result.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipdata.core.fields import EncryptedTextField


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Imported")
    REJECTED = "rejected", _("Rejected")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    kind = models.CharField(_("record type"), max_length=32)
    file_name = models.CharField(_("file"), max_length=255)
    stored_file = models.CharField(max_length=500, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    # The first problems, for the page, as JSON [[row, column, value, message], ...]. A bad
    # cell may be a victim's name, birth date or identity number: encrypted like them.
    problems = EncryptedTextField(blank=True, editable=False)

    SHOWN_ERRORS = 500

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({self.status})"

    @property
    def errors(self) -> list[list[Any]]:
        """The problems kept for the page and the problems spreadsheet."""
        return json.loads(self.problems) if self.problems else []

    @errors.setter
    def errors(self, problems: list[list[Any]]) -> None:
        self.problems = json.dumps(problems, ensure_ascii=False) if problems else ""

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.REJECTED, ImportStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        if not self.rows_total:
            return 0
        return min(99, int(100 * self.rows_done / self.rows_total))
