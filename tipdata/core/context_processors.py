"""Template context shared by every page: the navigation of the record types."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_noop

# Labels are marked for the catalogues here and translated by base.html's {% translate %}.
NAVIGATION = [
    (gettext_noop("victims"), "victims:victim-list"),
    (gettext_noop("referrals"), "referrals:referral-list"),
    (gettext_noop("cases"), "cases:criminalcase-list"),
    (gettext_noop("hotline"), "hotline:hotlinecall-list"),
    (gettext_noop("inspections"), "inspections:labourinspection-list"),
    (gettext_noop("activities"), "activities:index"),
    (gettext_noop("reports"), "reports:index"),
    (gettext_noop("agencies"), "profiles:index"),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    from django.urls import NoReverseMatch, reverse

    items = []
    for label, name in NAVIGATION:
        try:
            items.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    return {"tipdata_nav": items}
