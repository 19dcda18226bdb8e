"""Where the real public files live for tests: ``../shared/data`` next to the repository.

Tests on real files skip, saying why, when that folder is absent (e.g. a bare clone).
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"


def shared_file(relative: str) -> Path:
    """The path of a shared data file, or skip the test if it is not there."""
    path = SHARED_DATA / relative
    if not path.is_file():
        pytest.skip(f"shared data file {relative} not found under {SHARED_DATA.resolve()}")
    return path
