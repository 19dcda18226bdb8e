"""Reads about labour inspections, always starting from ``visible_to``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tipdata.inspections.models import LabourInspection


def inspections_for(user: Any) -> QuerySet[LabourInspection]:
    return LabourInspection.objects.visible_to(user).select_related(
        "inspecting_unit", "region", "referred_to", "case"
    )


def lineage(inspection: LabourInspection, user: Any) -> list[tuple[str, Any]]:
    """The case an inspection led to and the victims found, as far as ``user`` may see them."""
    from tipdata.cases.models import CriminalCase
    from tipdata.victims.models import Victim

    return [
        (
            _("Criminal case it led to"),
            CriminalCase.objects.visible_to(user).filter(pk=inspection.case_id),
        ),
        (_("Victims found"), Victim.objects.visible_to(user).filter(inspections=inspection)),
    ]
