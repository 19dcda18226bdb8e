"""Lineage: what a hotline call, an inspection or a victim led to.

Most lineage questions reuse the other sections' computations with a lineage parameter
(``with_case``, ``referred``); this module holds those that follow a many-to-many link.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q

from tipdata.hotline.models import HotlineCall
from tipdata.indicators.compute import common as c
from tipdata.indicators.compute.base import Context, Measure, computation
from tipdata.indicators.compute.protection import victim_dims

P = Mapping[str, Any]


@computation("lineage.hotline_victims")
def hotline_victims(params: P, ctx: Context) -> Measure:
    """Persons named in the year's hotline calls (``with_case``: calls that led to a case)."""
    return c.counted(
        HotlineCall.victims.through.objects.filter(victim__is_deidentified=False),
        [c.when(params, "with_case", lambda v: Q(hotlinecall__case__isnull=not v))],
        date="hotlinecall__received_at",
        agency="hotlinecall__operator",
        dims=victim_dims("victim__")[:3],
        drilldown="hotlinecall",
        value=Count("victim__person", distinct=True),
    )
