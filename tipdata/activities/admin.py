"""Django admin for the activity records (audited like every admin write)."""

from __future__ import annotations

from django.contrib import admin

from tipdata.accounts.admin import AuditedAdmin
from tipdata.activities import models


class AudienceInline(admin.TabularInline):
    model = models.TrainingAudience
    extra = 1


@admin.register(models.Training)
class TrainingAdmin(AuditedAdmin):
    list_display = ["title", "organiser", "started_on", "funding"]
    list_filter = ["funding", "online"]
    search_fields = ["title", "topic"]
    inlines = [AudienceInline]


@admin.register(models.AwarenessCampaign)
class CampaignAdmin(AuditedAdmin):
    list_display = ["title", "organiser", "channel", "started_on", "budget_kzt"]
    list_filter = ["channel", "funding"]
    search_fields = ["title"]


@admin.register(models.SpecialOperation)
class OperationAdmin(AuditedAdmin):
    list_display = ["name", "organiser", "region", "started_on", "ended_on"]
    list_filter = ["region"]
    search_fields = ["name"]


@admin.register(models.WorkingGroupMeeting)
class MeetingAdmin(AuditedAdmin):
    list_display = ["body", "held_on", "virtual"]


@admin.register(models.Grant)
class GrantAdmin(AuditedAdmin):
    list_display = ["grantee", "funder", "purpose", "year", "amount_kzt", "is_allocation"]
    list_filter = ["year", "purpose", "is_allocation"]


@admin.register(models.Taskforce)
class TaskforceAdmin(AuditedAdmin):
    list_display = ["name", "coordinator", "region", "established_on", "pilot"]
    filter_horizontal = ["members"]


@admin.register(models.BilateralAgreement)
class AgreementAdmin(AuditedAdmin):
    list_display = ["title", "country", "signed_on"]
    search_fields = ["title"]


@admin.register(models.CapacityFigure)
class CapacityFigureAdmin(AuditedAdmin):
    list_display = ["metric", "year", "value", "organisation"]
    list_filter = ["metric", "year"]


@admin.register(models.Repatriation)
class RepatriationAdmin(AuditedAdmin):
    list_display = ["from_country", "started_on", "children", "women", "men"]
