"""The ``load_demo`` command: it loads only into an empty database, and says so.

The demo's content (every figure of the 2021 TIP report) is checked by the indicator
acceptance tests (``tipdata/indicators/tests/test_tip_2020_figures.py``), which load it.
"""

from __future__ import annotations

import datetime
import random
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tipdata.demo.names import family_form, make_name
from tipdata.victims.models import Victim
from tipdata.victims.services import register_victim


@pytest.fixture
def one_victim(police_unit: Any) -> Any:
    return register_victim(
        actor=None, data={"registered_by": police_unit, "registered_on": datetime.date(2020, 1, 5)}
    )


def test_if_empty_leaves_a_database_with_records_alone(one_victim: Any) -> None:
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "already holds records" in out.getvalue()
    assert Victim.objects.count() == 1


def test_without_if_empty_it_refuses_to_mix_the_demo_into_records(one_victim: Any) -> None:
    with pytest.raises(CommandError, match="already holds records"):
        call_command("load_demo", stdout=StringIO())
    assert Victim.objects.count() == 1


def test_names_come_in_cyrillic_and_in_passport_latin() -> None:
    rng = random.Random(7)
    kazakh = make_name(rng, "KZ", "female")
    uzbek = make_name(rng, "UZ", "male")
    for name in (kazakh, uzbek):
        assert any("\u0400" <= ch <= "\u04ff" for ch in name.given + name.family)
        latin = name.latin()
        assert latin.family.isascii() and latin.given.isascii() and latin.family
    assert family_form("Ахмет", "kz", "female") == "Ахметова"
    assert family_form("Жұмабай", "kz", "male") == "Жұмабаев"
    assert family_form("Савицкий", "ru", "female") == "Савицкая"
