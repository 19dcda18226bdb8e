"""The demo's historical aggregates: the earlier years the 2021 report compares 2020 with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tipdata.demo.base import Demo
from tipdata.indicators.models import ValueStatus
from tipdata.indicators.services import import_historical_values

HISTORY_FILE = Path(__file__).resolve().parent / "data" / "historical.yaml"


def rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Import rows from the file's ``values`` (with default sources) and ``unavailable``."""
    sources = data["sources"]
    found: list[dict[str, Any]] = []
    for code, years in data["values"].items():
        for year, given in years.items():
            entry = given if isinstance(given, dict) else {"value": given}
            found.append({"indicator": code, "year": year, **sources.get(year, {}), **entry})
    for code, years in data.get("unavailable", {}).items():
        for year, note in years.items():
            found.append(
                {
                    "indicator": code,
                    "year": year,
                    "status": ValueStatus.UNAVAILABLE,
                    "value": None,
                    "note": note,
                    **sources.get(year, {}),
                }
            )
    return found


def load_history(demo: Demo) -> int:
    data = yaml.safe_load(HISTORY_FILE.read_text(encoding="utf-8"))
    saved = import_historical_values(
        actor=None, rows=rows(data), entered_by=demo.org("working-group")
    )
    return len(saved)
