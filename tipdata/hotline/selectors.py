"""Reads about hotline calls, always starting from ``visible_to``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tipdata.hotline.models import HotlineCall


def calls_for(user: Any) -> QuerySet[HotlineCall]:
    return HotlineCall.objects.visible_to(user).select_related("operator", "referred_to", "case")


def lineage(call: HotlineCall, user: Any) -> list[tuple[str, Any]]:
    """The case a call led to and the victims it concerned, as far as ``user`` may see them."""
    from tipdata.cases.models import CriminalCase
    from tipdata.victims.models import Victim

    return [
        (
            _("Criminal case it led to"),
            CriminalCase.objects.visible_to(user).filter(pk=call.case_id),
        ),
        (_("Victims"), Victim.objects.visible_to(user).filter(hotline_calls=call)),
    ]
