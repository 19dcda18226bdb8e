"""The labour inspection record type as the generic pages and API serve it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from tipdata.accounts.access import can_write
from tipdata.core.link_steps import lineage_steps
from tipdata.core.registry import RecordType, TransitionForm, register
from tipdata.inspections import selectors, services
from tipdata.inspections.filters import LabourInspectionFilter
from tipdata.inspections.forms import LabourInspectionForm, ReferToPoliceForm
from tipdata.inspections.models import LabourInspection


def _apart(data: Mapping[str, Any]) -> tuple[dict[str, Any], Any]:
    """Pages and API hand the violations in ``data["violations"]``; the services take them
    as an argument of their own (``None``: leave them as they are)."""
    data = dict(data)
    return data, data.pop("violations", None)


def create(
    *, actor: Any, data: Mapping[str, Any], m2m: Mapping[str, Iterable[Any]] | None = None
) -> LabourInspection:
    fields, violations = _apart(data)
    return services.record_inspection(actor=actor, data=fields, violations=violations, m2m=m2m)


def update(
    *, actor: Any, instance: LabourInspection, data: Mapping[str, Any], m2m: Any = None
) -> LabourInspection:
    fields, violations = _apart(data)
    return services.update_inspection(
        actor=actor, instance=instance, data=fields, violations=violations, m2m=m2m
    )


def may_refer(user: Any, inspection: Any) -> bool:
    """The inspectorate that made an inspection refers it to the police, once."""
    return not inspection.referred_to_police and can_write(
        user, inspection.inspecting_unit, inspection
    )


INSPECTIONS = register(
    RecordType(
        model=LabourInspection,
        slug="inspections",
        filterset_class=LabourInspectionFilter,
        list_columns=[
            "employer_name",
            "inspected_on",
            "inspecting_unit",
            "region",
            "violations_total",
            "fines_count",
            "referred_to_police",
            "case",
        ],
        create_form=LabourInspectionForm,
        edit_form=LabourInspectionForm,
        create=create,
        update=update,
        transitions=[
            TransitionForm(
                "refer_to_police",
                ReferToPoliceForm,
                services.refer_step,
                label=_("Refer to the police"),
                allowed=may_refer,
            ),
            *lineage_steps(
                link_case=services.link_inspection_to_case,
                link_victims=services.link_inspection_victims,
                record_arg="inspection",
                victims_label=_("Link victims found"),
            ),
        ],
        detail_sections=["inspections/_violations.html"],
        related=selectors.lineage,
        nav_group="inspections",
        creatable_by=services.may_record_inspections,
    )
)
