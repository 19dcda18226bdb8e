"""``tipdata report``: each format written to a file, every export audited."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tipdata.audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    err = io.StringIO()
    call_command("report", *args, stderr=err)
    return err.getvalue()


@pytest.mark.parametrize("fmt", ["json", "html", "xlsx", "pdf"])
def test_the_command_writes_each_format(tmp_path, profile, stub_engine, fmt):
    output = tmp_path / f"report.{fmt}"
    message = run("--year", "2020", "--format", fmt, "--output", str(output))
    content = output.read_bytes()
    assert f"Wrote the 2020 report ({fmt}" in message and stub_engine == [(2020, None)]
    if fmt == "json":
        assert json.loads(content)["sections"][0]["figures"][0]["value"] == 64
    elif fmt == "html":
        assert "Police newly investigated 64" in content.decode()
    elif fmt == "xlsx":
        assert load_workbook(io.BytesIO(content)).sheetnames[0] == "Prosecution"
    else:
        assert content.startswith(b"%PDF-")
    entry = AuditEntry.objects.get(action=Action.EXPORT)
    assert entry.actor is None and entry.actor_label == "system"
    assert entry.changes["format"] == fmt and entry.changes["filters"]["via"] == "cli"


def test_an_export_by_a_named_user_is_theirs(tmp_path, analyst, stub_engine):
    run(
        "--year",
        "2020",
        "--format",
        "json",
        "--output",
        str(tmp_path / "r.json"),
        "--user",
        "analyst",
    )
    assert stub_engine == [(2020, analyst)]
    assert AuditEntry.objects.get(action=Action.EXPORT).actor == analyst


def test_a_saved_json_report_renders_again(tmp_path, profile, stub_engine):
    saved = tmp_path / "r.json"
    run("--year", "2020", "--format", "json", "--output", str(saved))
    again = tmp_path / "again.json"
    run("--from-json", str(saved), "--format", "json", "--output", str(again))
    assert json.loads(again.read_bytes()) == json.loads(saved.read_bytes())
    assert len(stub_engine) == 1  # the saved report was not recomputed


def test_bad_arguments_are_named_and_nothing_is_audited(tmp_path, profile, stub_engine):
    with pytest.raises(CommandError, match="--year"):
        run("--format", "json", "--output", str(tmp_path / "r.json"))
    with pytest.raises(CommandError, match="No active user nobody"):
        run("--year", "2020", "--output", str(tmp_path / "r.pdf"), "--user", "nobody")
    with pytest.raises(CommandError, match="Cannot write"):
        run("--year", "2020", "--format", "json", "--output", str(tmp_path / "no" / "r.json"))
    assert not AuditEntry.objects.filter(action=Action.EXPORT).exists()
