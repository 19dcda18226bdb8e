"""Sentences: comparisons, trend phrases detected from the series, money and plurals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tipdata.indicators import sentences

RATE = Decimal("421.27")


@pytest.mark.parametrize(
    ("series", "phrase"),
    [
        ([45, 29, 17, 8, 11], ": the first annual increase in five years"),
        ([None, 0, 0, 3], ": the first in three years"),
        ([10, 20, 15, 12, 14], ": the first annual increase in three years"),
        ([10, 20, 30, 25], ": the first annual decrease in four years"),
        ([5, 6], ""),
        ([3, 4, 5, 5], ""),
        ([8, 6, 7, 8, 9, 4], ": the first annual decrease in four years"),
        ([None, None, 8, 11], ""),
    ],
)
def test_trend_phrases_come_from_the_series(series: list[int | None], phrase: str) -> None:
    assert sentences.trend(series) == phrase


def test_usd_is_rounded_to_the_nearest_ten_as_the_tip_report_does() -> None:
    assert sentences.usd_of(Decimal(69_400_000), RATE) == 164_740
    assert sentences.usd_of(Decimal(174_300_000), RATE) == 413_750
    assert sentences.usd_of(Decimal(148_900_000), RATE) == 353_460
    assert sentences.usd_of(Decimal(5), None) is None


def test_money_reads_in_millions_with_its_usd_equivalent() -> None:
    assert sentences.money(Decimal(76_200_000), "KZT", Decimal(180_880)) == (
        "76.2 million KZT ($180,880)"
    )
    assert sentences.money(Decimal(52_000), "KZT", None) == "52,000 KZT"


def test_comparisons_list_the_most_recent_year_first() -> None:
    assert sentences.compared([(2019, "8"), (2018, "17"), (2017, "29")]) == (
        ", compared with 8 in 2019, 17 in 2018 and 29 in 2017"
    )
    assert sentences.compared([], not_reported=2019) == " (not reported for 2019)"


def test_plural_forms_agree_with_the_value() -> None:
    template = "{value} [suspect was|suspects were] extradited"
    assert sentences.plural(template, 1) == "{value} suspect was extradited"
    assert sentences.plural(template, 0) == "{value} suspects were extradited"
