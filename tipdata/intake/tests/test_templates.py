"""XLSX templates generated from the forms: columns, help, drop-downs, three languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django import forms
from django.core.management import call_command

from tipdata.intake import kinds as kinds_module
from tipdata.intake.columns import columns_for
from tipdata.intake.kinds import get_kind, import_kinds
from tipdata.intake.workbook import write_template


def _validations(sheet: Any) -> dict[str, str]:
    """Column letter -> the list a drop-down offers."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list"
        letter = str(validation.sqref).split(":")[0].rstrip("0123456789")
        found[letter] = validation.formula1
    return found


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_victim_template_has_labels_help_and_dropdowns(
    tmp_path: Path, profile: Any, shelter: Any, language: str
) -> None:
    path = tmp_path / f"victims-{language}.xlsx"
    call_command("template", "victims", "--lang", language, "--output", str(path))
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    names = [c.value for c in sheet[1]]
    assert names[:3] == ["source_ref", "registered_by", "registered_on"]
    assert {"sex", "citizenship", "exploitation_forms", "family_name"} <= set(names)
    labels = {name: cell for name, cell in zip(names, sheet[2], strict=True)}
    expected_sex = {"en": "Sex", "ru": "Пол", "kk": "Жынысы"}[language]
    assert labels["sex"].value == expected_sex
    assert labels["source_ref"].comment is not None
    assert "2024-03-31" in labels["registered_on"].comment.text
    dropdowns = _validations(sheet)
    letter = {n: c.column_letter for n, c in labels.items()}
    for name in ("registered_by", "sex", "citizenship", "recruitment_region", "industry"):
        assert letter[name] in dropdowns, name
    lists = workbook["lists"]
    assert lists.sheet_state == "hidden"
    sex_list = dropdowns[letter["sex"]].split("!")[1].replace("$", "")
    offered = [c.value for row in lists[sex_list] for c in row]
    assert offered[0] == {"en": "Female", "ru": "Женский", "kk": "Әйел"}[language]
    countries = dropdowns[letter["citizenship"]].split("!")[1].replace("$", "")
    assert "KZ — Kazakhstan" in [c.value for row in lists[countries] for c in row]
    organisations = dropdowns[letter["registered_by"]].split("!")[1].replace("$", "")
    assert any(shelter.code in str(c.value) for row in lists[organisations] for c in row)
    instructions = workbook.worksheets[2]
    assert (
        instructions.title
        == {"en": "Instructions", "ru": "Инструкция", "kk": "Нұсқаулық"}[language]
    )
    column_rows = [r[0] for r in instructions.iter_rows(values_only=True)]
    assert "identity_number" in column_rows


def test_case_template_offers_penal_articles(tmp_path: Path, profile: Any) -> None:
    path = tmp_path / "cases.xlsx"
    write_template(get_kind("cases"), path, language="ru")
    workbook = openpyxl.load_workbook(path)
    names = [c.value for c in workbook.worksheets[0][1]]
    assert {"articles", "region", "investigating_unit", "source_ref"} <= set(names)
    sheet = workbook.worksheets[0]
    letter = sheet.cell(row=1, column=names.index("articles") + 1).column_letter
    source = _validations(sheet)[letter].split("!")[1].replace("$", "")
    offered = [c.value for row in workbook["lists"][source] for c in row]
    assert any(str(v).startswith("128") for v in offered), offered


def test_every_submitted_record_type_has_a_template(tmp_path: Path, profile: Any) -> None:
    expected = {
        "victims",
        "referrals",
        "services",
        "cases",
        "defendants",
        "hotline",
        "inspections",
        "trainings",
        "campaigns",
        "operations",
        "meetings",
        "grants",
        "taskforces",
        "agreements",
        "capacity",
        "repatriations",
    }
    assert expected <= set(import_kinds())
    for slug in expected:
        path = tmp_path / f"{slug}.xlsx"
        write_template(get_kind(slug), path, language="kk")
        names = [c.value for c in openpyxl.load_workbook(path, read_only=True).worksheets[0][1]]
        assert names[0] == "source_ref", slug
    defendants = [c.name for c in columns_for(get_kind("defendants"))]
    assert defendants[:2] == ["source_ref", "case"]


def test_a_field_added_to_the_form_appears_in_the_template(
    tmp_path: Path, profile: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    kind = get_kind("hotline")

    class WiderForm(kind.form_class):  # type: ignore[misc,valid-type,name-defined]
        caller_mood = forms.ChoiceField(
            label="Caller's mood",
            choices=[("calm", "Calm"), ("afraid", "Afraid")],
            help_text="How the caller sounded.",
        )

    wider = kinds_module.ImportKind(
        kind.slug, kind.record_type, WiderForm, kind.create, kind.update
    )
    path = tmp_path / "hotline.xlsx"
    write_template(wider, path)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    names = [c.value for c in sheet[1]]
    assert "caller_mood" in names
    cell = sheet.cell(row=2, column=names.index("caller_mood") + 1)
    assert cell.value == "Caller's mood" and "sounded" in cell.comment.text
    assert sheet.cell(row=1, column=names.index("caller_mood") + 1).column_letter in _validations(
        sheet
    )
