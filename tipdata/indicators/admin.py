"""Django admin for historical aggregate values (audited like every admin write)."""

from __future__ import annotations

from django.contrib import admin

from tipdata.accounts.admin import AuditedAdmin
from tipdata.indicators.models import HistoricalValue


@admin.register(HistoricalValue)
class HistoricalValueAdmin(AuditedAdmin):
    list_display = ["indicator", "year", "cell", "status", "value", "source", "entered_by"]
    list_filter = ["year", "status", "source"]
    search_fields = ["indicator", "source", "reference"]
