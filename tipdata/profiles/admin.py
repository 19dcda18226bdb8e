"""Django admin for the country profile's reference data (audited like every admin write)."""

from __future__ import annotations

from django.contrib import admin

from tipdata.accounts.admin import AuditedAdmin
from tipdata.profiles.models import (
    AgencyType,
    Country,
    CountryProfile,
    ExchangeRate,
    PenalArticle,
    Region,
)


@admin.register(CountryProfile)
class CountryProfileAdmin(AuditedAdmin):
    list_display = ["code", "name", "country", "currency", "records_complete_from"]


@admin.register(Country)
class CountryAdmin(AuditedAdmin):
    list_display = ["code", "alpha3", "name"]
    search_fields = ["code", "alpha3", "name"]


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind", "profile"]
    list_filter = ["profile", "kind"]
    search_fields = ["code", "name"]


@admin.register(PenalArticle)
class PenalArticleAdmin(AuditedAdmin):
    list_display = ["code", "title", "is_trafficking", "profile"]
    list_filter = ["profile", "is_trafficking"]
    search_fields = ["code", "title"]


@admin.register(AgencyType)
class AgencyTypeAdmin(AuditedAdmin):
    list_display = ["code", "name", "kind", "government", "profile"]
    list_filter = ["profile", "kind", "government"]
    search_fields = ["code", "name"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(AuditedAdmin):
    list_display = ["currency", "year", "per_usd", "source"]
    list_filter = ["currency"]
