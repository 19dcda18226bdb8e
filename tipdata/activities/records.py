"""The activity record types as the generic pages and API serve them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from tipdata.activities import filters, models, services
from tipdata.activities.forms import form_for
from tipdata.core.models import Record
from tipdata.core.registry import CreateService, RecordType, register


def operation_results(operation: Any, user: Any) -> list[tuple[str, Any]]:
    """The cases and victims a special operation produced, as far as ``user`` may see them."""
    from tipdata.cases.models import CriminalCase
    from tipdata.victims.models import Victim

    return [
        (
            _("Criminal cases"),
            CriminalCase.objects.visible_to(user).filter(special_operation=operation),
        ),
        (_("Victims"), Victim.objects.visible_to(user).filter(special_operation=operation)),
    ]


def activity(
    model: type[Record],
    filterset: Any,
    columns: list[str],
    create: CreateService,
    **extra: Any,
) -> RecordType:
    """Declare one activity record type; they all live in the ``activities`` URL namespace."""
    form = form_for(model)
    return register(
        RecordType(
            model=model,
            slug="activities",
            filterset_class=filterset,
            list_columns=columns,
            create_form=form,
            edit_form=form,
            create=create,
            update=extra.pop("update", services.update_activity),
            nav_group="activities",
            **extra,
        )
    )


TRAININGS = activity(
    models.Training,
    filters.TrainingFilter,
    ["title", "organiser", "started_on", "funding", "online"],
    services.record_training,
    update=services.update_training,
    detail_sections=["activities/_audience.html"],
)
CAMPAIGNS = activity(
    models.AwarenessCampaign,
    filters.CampaignFilter,
    ["title", "organiser", "channel", "started_on", "ended_on", "budget_kzt"],
    services.record_campaign,
)
OPERATIONS = activity(
    models.SpecialOperation,
    filters.OperationFilter,
    ["name", "organiser", "region", "started_on", "ended_on"],
    services.record_operation,
    related=operation_results,
)
MEETINGS = activity(
    models.WorkingGroupMeeting,
    filters.MeetingFilter,
    ["held_on", "body", "virtual"],
    services.record_meeting,
)
GRANTS = activity(
    models.Grant,
    filters.GrantFilter,
    ["grantee", "funder", "purpose", "year", "amount_kzt", "region"],
    services.record_grant,
    detail_sections=["activities/_grant_usd.html"],
)
TASKFORCES = activity(
    models.Taskforce,
    filters.TaskforceFilter,
    ["name", "coordinator", "region", "established_on", "pilot"],
    services.record_taskforce,
)
AGREEMENTS = activity(
    models.BilateralAgreement,
    filters.AgreementFilter,
    ["title", "country", "signed_on", "recorded_by"],
    services.record_agreement,
)
CAPACITY_FIGURES = activity(
    models.CapacityFigure,
    filters.CapacityFigureFilter,
    ["metric", "year", "value", "organisation"],
    services.record_capacity_figure,
)
REPATRIATIONS = activity(
    models.Repatriation,
    filters.RepatriationFilter,
    ["from_country", "started_on", "children", "women", "men", "organiser"],
    services.record_repatriation,
)

ACTIVITY_TYPES = [
    TRAININGS,
    CAMPAIGNS,
    OPERATIONS,
    MEETINGS,
    GRANTS,
    TASKFORCES,
    AGREEMENTS,
    CAPACITY_FIGURES,
    REPATRIATIONS,
]
