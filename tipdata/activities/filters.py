"""One filter set per activity record type, shared by the list pages and the API."""

from __future__ import annotations

from tipdata.activities import models
from tipdata.profiles.filters import SearchFilter, date_range


class DatedActivityFilter(SearchFilter):
    started_from, started_to = date_range("started_on")


class TrainingFilter(DatedActivityFilter):
    search_fields = ("title", "topic", "funder_name")

    class Meta:
        model = models.Training
        fields = ["organiser", "funding", "online"]


class CampaignFilter(DatedActivityFilter):
    search_fields = ("title", "audience")

    class Meta:
        model = models.AwarenessCampaign
        fields = ["organiser", "channel", "funding"]


class OperationFilter(DatedActivityFilter):
    search_fields = ("name", "description")

    class Meta:
        model = models.SpecialOperation
        fields = ["organiser", "region"]


class MeetingFilter(SearchFilter):
    search_fields = ("agenda",)
    held_from, held_to = date_range("held_on")

    class Meta:
        model = models.WorkingGroupMeeting
        fields = ["body", "virtual"]


class GrantFilter(SearchFilter):
    search_fields = ("grantee__name", "funder__name")

    class Meta:
        model = models.Grant
        fields = ["year", "purpose", "grantee", "funder", "region", "is_allocation"]


class TaskforceFilter(SearchFilter):
    search_fields = ("name",)

    class Meta:
        model = models.Taskforce
        fields = ["coordinator", "region", "pilot", "members"]


class AgreementFilter(SearchFilter):
    search_fields = ("title", "subject")
    signed_from, signed_to = date_range("signed_on")

    class Meta:
        model = models.BilateralAgreement
        fields = ["country", "recorded_by"]


class CapacityFigureFilter(SearchFilter):
    search_fields = ("note",)

    class Meta:
        model = models.CapacityFigure
        fields = ["metric", "year", "organisation"]


class RepatriationFilter(DatedActivityFilter):
    search_fields = ("description",)

    class Meta:
        model = models.Repatriation
        fields = ["organiser", "from_country"]
