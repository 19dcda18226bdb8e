"""Template context shared by every page: the navigation of the record types."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

NAVIGATION = [
    ("victims", "victims:victim-list"),
    ("referrals", "referrals:referral-list"),
    ("cases", "cases:criminalcase-list"),
    ("hotline", "hotline:hotlinecall-list"),
    ("inspections", "inspections:labourinspection-list"),
    ("activities", "activities:index"),
    ("reports", "reports:index"),
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
