"""Import tests run without record linkage unless they test the hook itself (it is slow)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _no_linkage_after_import(settings: Any) -> None:
    settings.TIPDATA_LINK_AFTER_IMPORT = False
