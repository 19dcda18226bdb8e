"""Who may read the profile's reference data: every signed-in user.

Regions, penal-code articles, agency types, countries and exchange rates are public facts
every form and filter needs, so their visibility policy does not narrow by organisation
(``accounts.access.restrict`` still refuses anonymous and inactive users before any policy).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tipdata.accounts.access import policy

REFERENCE_MODELS = (
    "profiles.country",
    "profiles.countryprofile",
    "profiles.region",
    "profiles.penalarticle",
    "profiles.agencytype",
    "profiles.exchangerate",
)


def every_signed_in_user(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    return queryset


for label in REFERENCE_MODELS:
    policy(label)(every_signed_in_user)
