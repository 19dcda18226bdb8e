"""Reading the country profile."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings

from tipdata.profiles.models import CountryProfile, ExchangeRate


def current_profile() -> CountryProfile:
    """The profile this deployment runs (``TIPDATA_PROFILE``), loading it on first use."""
    profile = CountryProfile.objects.filter(code=settings.TIPDATA_PROFILE).first()
    if profile is None:
        from tipdata.profiles.services import load_profile

        profile = load_profile(settings.TIPDATA_PROFILE)
    return profile


def usd_rate(currency: str, year: int) -> Decimal | None:
    rate = ExchangeRate.objects.filter(currency=currency, year=year).first()
    return rate.per_usd if rate else None
