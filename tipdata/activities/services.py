"""Writes about prevention and capacity activities.

Each record type gets a ``record_*`` function (create) and shares ``update_activity``; they
validate the whole record (dates in order, counts non-negative, amounts positive: the rules
sit on the models) and audit it in one transaction through ``core.services``. A training's
audience counts by profession are written in the same transaction as the training, so a bad
row leaves neither behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tipdata.activities.models import (
    AwarenessCampaign,
    BilateralAgreement,
    CapacityFigure,
    Grant,
    Profession,
    Repatriation,
    SpecialOperation,
    Taskforce,
    Training,
    TrainingAudience,
    WorkingGroupMeeting,
)
from tipdata.audit.services import Action, record_event
from tipdata.core.models import Record
from tipdata.core.services import check_owner, create_record, update_record

R = TypeVar("R", bound=Record)
AUDIENCE = "audience"


def _creator(model: type[R]) -> Callable[..., R]:
    """A create service for ``model``: the generic write path, nothing model-specific."""

    def create(
        *, actor: Any, data: Mapping[str, Any], m2m: Mapping[str, Iterable[Any]] | None = None
    ) -> R:
        return create_record(actor=actor, instance=model(**data), m2m=m2m)

    create.__name__ = f"record_{model._meta.model_name}"
    create.__doc__ = f"Record a new {model._meta.verbose_name} (validated and audited)."
    return create


record_campaign = _creator(AwarenessCampaign)
record_operation = _creator(SpecialOperation)
record_meeting = _creator(WorkingGroupMeeting)
record_grant = _creator(Grant)
record_taskforce = _creator(Taskforce)
record_agreement = _creator(BilateralAgreement)
record_capacity_figure = _creator(CapacityFigure)
record_repatriation = _creator(Repatriation)


def update_activity(
    *,
    actor: Any,
    instance: R,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> R:
    """Change any activity record; the owning organisation (or an administrator) only."""
    return update_record(actor=actor, instance=instance, data=data, m2m=m2m)


def clean_audience(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Validate audience rows (profession, count) and return {profession: count}.

    Errors name the row (counted from 1) so a clerk or an API client can find it.
    """
    counts: dict[str, int] = {}
    errors: list[str] = []
    for number, row in enumerate(rows, start=1):
        profession, count = row.get("profession"), row.get("count")
        if profession not in Profession.values:
            problem = _("choose a profession from the list.")
        elif profession in counts:
            problem = _("%(profession)s is counted twice.") % {
                "profession": Profession(profession).label
            }
        elif not isinstance(count, int) or isinstance(count, bool) or count < 0:
            problem = _("the number of people trained must be a whole number, 0 or more.")
        else:
            counts[str(profession)] = count
            continue
        errors.append(_("Row %(row)s: %(problem)s") % {"row": number, "problem": problem})
    if errors:
        raise ValidationError({AUDIENCE: errors})
    return counts


def _audience_of(training: Training) -> dict[str, int]:
    return dict(training.audience.order_by("profession").values_list("profession", "count"))


@transaction.atomic
def set_audience(
    *, actor: Any, training: Training, rows: Iterable[Mapping[str, Any]]
) -> dict[str, int]:
    """Replace the audience counts of a training; the audit keeps before and after."""
    check_owner(actor, training)
    counts = clean_audience(rows)
    before = _audience_of(training)
    training.audience.all().delete()
    TrainingAudience.objects.bulk_create(
        TrainingAudience(training=training, profession=profession, count=count)
        for profession, count in counts.items()
    )
    after = dict(sorted(counts.items()))
    if before != after:
        record_event(
            actor=actor, action=Action.UPDATE, obj=training, changes={AUDIENCE: [before, after]}
        )
    return after


@transaction.atomic
def record_training(
    *, actor: Any, data: Mapping[str, Any], m2m: Mapping[str, Iterable[Any]] | None = None
) -> Training:
    """Record a training with its audience counts by profession (``data["audience"]``)."""
    fields = dict(data)
    rows = fields.pop(AUDIENCE, None)
    if rows is not None:
        clean_audience(rows)  # refuse bad rows before anything is written
    training = create_record(actor=actor, instance=Training(**fields), m2m=m2m)
    if rows is not None:
        set_audience(actor=actor, training=training, rows=rows)
    return training


@transaction.atomic
def update_training(
    *,
    actor: Any,
    instance: Training,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> Training:
    """Change a training; audience rows, when given, replace the previous ones."""
    fields = dict(data)
    rows = fields.pop(AUDIENCE, None)
    update_record(actor=actor, instance=instance, data=fields, m2m=m2m)
    if rows is not None:
        set_audience(actor=actor, training=instance, rows=rows)
    return instance
