"""Reads of import jobs: an organisation sees its own imports (an administrator, all)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tipdata.intake.models import ImportJob


def jobs_visible_to(user: Any) -> QuerySet[ImportJob]:
    jobs = ImportJob.objects.select_related("created_by", "organisation")
    if not getattr(user, "is_authenticated", False):
        return jobs.none()
    if getattr(user, "is_administrator", False):
        return jobs
    if user.organisation_id is None:
        return jobs.none()
    return jobs.filter(organisation_id=user.organisation_id)
