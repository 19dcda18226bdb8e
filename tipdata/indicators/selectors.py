"""Reads of the indicators app: the records behind a figure, through ``visible_to``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from tipdata.indicators.catalogue import Indicator, load_catalogue
from tipdata.indicators.compute import Context, Measure
from tipdata.profiles.selectors import current_profile


def context() -> Context:
    profile = current_profile()
    return Context(country=profile.country_id, currency=profile.currency)


@dataclass
class Behind:
    """The records behind one figure: all of them, and those one user may see."""

    indicator: Indicator
    measure: Measure
    year: int
    visible: QuerySet
    total: int


def indicator_or_none(code: str) -> Indicator | None:
    try:
        return load_catalogue().by_code(code)
    except KeyError:
        return None


def records_behind(indicator: Indicator, year: int, user: Any) -> Behind:
    """The records counted in ``indicator``'s figure for ``year``, scoped to ``user``.

    ``total`` counts every record behind the national figure (not the persons): the figure is
    public to whoever reads the report, the records only as far as the user's scope allows.
    """
    measure = indicator.measure(context())
    model: Any = measure.record_model
    ids = measure.record_ids(year)
    everything = model.objects.filter(pk__in=ids)
    visible = model.objects.visible_to(user).filter(pk__in=ids)
    return Behind(indicator, measure, year, visible, everything.count())
