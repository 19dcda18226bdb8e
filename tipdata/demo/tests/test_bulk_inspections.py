"""The bulk inspection service the demo loads its 3,982 inspections with.

It must be the same write path as one ``record_inspection`` per row, only faster: the same rows,
the same audit entries on an intact hash chain, the same refusals, and nothing written when
one row is bad.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tipdata.audit.models import AuditEntry
from tipdata.audit.verify import verify_chain
from tipdata.inspections.models import LabourInspection, Violation
from tipdata.inspections.services import record_inspection, record_inspections
from tipdata.testing.factories import organisation


@pytest.fixture
def inspectorate(profile: Any) -> Any:
    return organisation("LABOUR_INSPECTORATE", name="Turkistan labour inspectorate")


def entry(inspectorate: Any, day: int, **extra: Any) -> dict[str, Any]:
    return {
        "inspected_on": datetime.date(2020, 3, day),
        "inspecting_unit": inspectorate,
        "employer_name": f"Employer {day}",
        **extra,
    }


def audit_of(inspection: LabourInspection) -> list[tuple[str, dict[str, Any]]]:
    rows = AuditEntry.objects.filter(object_id=str(inspection.pk)).order_by("id")
    return [(e.action, {k: v for k, v in e.changes.items() if k != "id"}) for e in rows]


def test_bulk_writes_what_one_by_one_writes(inspectorate: Any) -> None:
    fined = {"fines_count": 2, "fines_amount_kzt": Decimal("150000.00")}
    single = record_inspection(
        actor=None, data=entry(inspectorate, 2, **fined), violations={"wages": 3}
    )
    bulk, clean = record_inspections(
        actor=None,
        entries=[(entry(inspectorate, 2, **fined), {"wages": 3}), (entry(inspectorate, 3), {})],
    )
    assert bulk.violation_counts == single.violation_counts == {"wages": 3}
    assert clean.violation_counts == {}
    assert LabourInspection.objects.get(pk=bulk.pk).fines_amount_kzt == Decimal("150000.00")
    # The same entries (created; violations set), differing only in the record's id.
    assert audit_of(bulk) == audit_of(single)
    assert [action for action, _ in audit_of(clean)] == ["create"]
    assert verify_chain().ok


def test_one_bad_row_writes_nothing(inspectorate: Any) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match="row 2"):
        record_inspections(
            actor=None,
            entries=[
                (entry(inspectorate, 2), {"wages": 1}),
                (entry(inspectorate, 3, fines_amount_kzt=Decimal(5)), {}),  # a fine, no fines
            ],
        )
    assert not LabourInspection.objects.exists() and not Violation.objects.exists()
    assert AuditEntry.objects.count() == before


def test_only_labour_inspectors_record_in_bulk(inspectorate: Any, police_unit: Any) -> None:
    from tipdata.accounts.models import Role
    from tipdata.testing.factories import persona

    officer = persona(Role.POLICE_INVESTIGATOR, police_unit, username="officer")
    with pytest.raises(PermissionDenied):
        record_inspections(actor=officer, entries=[(entry(inspectorate, 2), {})])
    assert not LabourInspection.objects.exists()


def test_links_are_checked_once_for_all_rows(inspectorate: Any) -> None:
    """A link to a record that does not exist is refused with its row, as full_clean would."""
    from tipdata.profiles.models import Region

    missing = Region(pk=999_999, name="Nowhere")
    with pytest.raises(ValidationError) as refused:
        record_inspections(
            actor=None,
            entries=[(entry(inspectorate, 2), {}), (entry(inspectorate, 3, region=missing), {})],
        )
    assert "region" in refused.value.message_dict
    assert refused.value.message_dict["region"][0].startswith("row 2:")
    assert not LabourInspection.objects.exists()
