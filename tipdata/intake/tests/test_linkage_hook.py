"""After a victim import, the new records go to record linkage (``link_after_import``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tipdata.intake.importer import import_file, linkage_hook
from tipdata.intake.kinds import get_kind
from tipdata.intake.tests.helpers import write_xlsx
from tipdata.victims.models import Victim

ROWS = [["source_ref", "registered_on"], ["A-1", "2024-01-01"], ["A-2", "2024-01-02"]]


@pytest.fixture
def hook(settings: Any, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    if linkage_hook() is None:
        pytest.skip("tipdata.linkage.services.link_after_import does not exist (yet)")
    settings.TIPDATA_LINK_AFTER_IMPORT = True
    calls: list[dict[str, Any]] = []

    def record(*, victim_ids: list[int], actor: Any) -> dict[str, Any]:
        calls.append({"victim_ids": victim_ids, "actor": actor})
        return {"new_records": len(victim_ids)}

    from tipdata.linkage import services

    monkeypatch.setattr(services, "link_after_import", record)
    return calls


def test_imported_victims_are_handed_to_linkage(
    tmp_path: Path, case_worker: Any, shelter: Any, hook: list[dict[str, Any]]
) -> None:
    result = import_file(
        write_xlsx(tmp_path / "v.xlsx", ROWS),
        kind=get_kind("victims"),
        actor=case_worker,
        agency=shelter,
    )
    assert result.ok and result.linkage == {"new_records": 2}
    (call,) = hook
    assert sorted(call["victim_ids"]) == sorted(Victim.objects.values_list("pk", flat=True))
    assert call["actor"] == case_worker


def test_a_rejected_file_is_not_linked_and_a_failing_linkage_keeps_the_import(
    tmp_path: Path,
    case_worker: Any,
    shelter: Any,
    hook: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bad = write_xlsx(tmp_path / "bad.xlsx", [*ROWS, ["A-3", "someday"]])
    assert not import_file(bad, kind=get_kind("victims"), actor=case_worker, agency=shelter).ok
    assert hook == []
    from tipdata.linkage import services

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("model not trained")

    monkeypatch.setattr(services, "link_after_import", broken)
    result = import_file(
        write_xlsx(tmp_path / "v.xlsx", ROWS),
        kind=get_kind("victims"),
        actor=case_worker,
        agency=shelter,
    )
    assert result.ok and "model not trained" in result.linkage_error
    assert Victim.objects.count() == 2
