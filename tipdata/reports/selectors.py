"""Reads for the report page: which years to offer and which to open first."""

from __future__ import annotations

import datetime

from django.db.models import Max

from tipdata.profiles.selectors import current_profile

EARLIEST_YEAR = 1991  # no anti-trafficking statistics predate independence
HISTORY_YEARS = 5  # earlier years the report compares with, from historical aggregates


def latest_record_year() -> int | None:
    """The most recent year in which a victim or a case was registered.

    Deliberately not narrowed by ``visible_to``: it reveals a year, never a record, and the
    secretariat (who sees no individual record) must land on the same year as an analyst.
    """
    from tipdata.cases.models import CriminalCase
    from tipdata.victims.models import Victim

    dates = [
        CriminalCase.objects.aggregate(last=Max("registered_on"))["last"],
        Victim.objects.aggregate(last=Max("registered_on"))["last"],
    ]
    known = [d for d in dates if d is not None]
    return max(known).year if known else None


def report_years() -> list[int]:
    """Years the page offers, newest first: records years plus the compared history."""
    this_year = datetime.date.today().year
    first = max(EARLIEST_YEAR, current_profile().records_complete_from - HISTORY_YEARS)
    return list(range(this_year, first - 1, -1))


def default_year() -> int:
    """The year opened first: the latest with records, else last calendar year."""
    return latest_record_year() or datetime.date.today().year - 1
