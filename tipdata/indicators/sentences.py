"""Writing a figure out as the report's sentence, with its comparison to earlier years.

The trend phrases are detected from the series, never typed in: "the first annual increase in
five years" is said when the value rose and no earlier year of the known series did; "the first
in three years" when a value follows two or more years at zero.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

WORDS = {
    1: gettext_noop("one"),
    2: gettext_noop("two"),
    3: gettext_noop("three"),
    4: gettext_noop("four"),
    5: gettext_noop("five"),
    6: gettext_noop("six"),
    7: gettext_noop("seven"),
    8: gettext_noop("eight"),
    9: gettext_noop("nine"),
    10: gettext_noop("ten"),
}
MIN_SPAN = 3  # a "first in N years" phrase needs at least three years of series
CHOICE = re.compile(r"\[([^|\]]*)\|([^\]]*)\]")


def plural(template: str, value: Any) -> str:
    """Resolve "[suspect was|suspects were]" by the value: the first form for exactly one."""
    return CHOICE.sub(lambda m: m.group(1) if value == 1 else m.group(2), template)


def in_words(n: int) -> str:
    return _(WORDS[n]) if n in WORDS else f"{n:,}"


def usd_of(value: Any, rate: Decimal | None) -> Decimal | None:
    """The USD equivalent rounded to the nearest 10, as the TIP report rounds it."""
    if value is None or not rate:
        return None
    tens = (Decimal(value) / rate / 10).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return tens * 10


def number(value: Any) -> str:
    if value is None:
        return _("no figure")
    if isinstance(value, Decimal) and value != value.to_integral():
        return f"{value:,.2f}"
    return f"{int(value):,}"


def money(value: Any, currency: str, usd: Decimal | None) -> str:
    """ "69.4 million KZT ($164,740)"."""
    if value is None:
        return _("no figure")
    amount = Decimal(value)
    if abs(amount) >= 1_000_000:
        millions = (amount / 1_000_000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        text = _("%(millions)s million %(currency)s") % {
            "millions": f"{millions:,}",
            "currency": currency,
        }
    else:
        text = f"{int(amount):,} {currency}"
    return f"{text} (${int(usd):,})" if usd is not None else text


def listed(earlier: Sequence[tuple[int, str]]) -> str:
    """ "8 in 2019, 17 in 2018 and 45 in 2016" (most recent first)."""
    parts = [_("%(value)s in %(year)s") % {"value": text, "year": year} for year, text in earlier]
    if len(parts) < 2:
        return "".join(parts)
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def compared(earlier: Sequence[tuple[int, str]], not_reported: int | None = None) -> str:
    """ ", compared with 8 in 2019 and 17 in 2018", or " (not reported for 2019)"."""
    suffix = _(" (not reported for %(year)s)") % {"year": not_reported} if not_reported else ""
    if not earlier:
        return suffix
    return _(", compared with %(earlier)s") % {"earlier": listed(earlier)} + suffix


def trend(values: Sequence[Any]) -> str:
    """The phrase for the last value of a series (oldest first), or ""."""
    known: list[Any] = []
    for value in reversed(values):  # the unbroken run of known values ending now
        if value is None:
            break
        known.insert(0, value)
    if len(known) < MIN_SPAN:
        return ""
    current, previous = known[-1], known[-2]
    if current > 0 and previous == 0:
        zeros = 0
        for value in reversed(known[:-1]):
            if value != 0:
                break
            zeros += 1
        span = zeros + 1
        if span < MIN_SPAN:
            return ""
        return _(": the first in %(span)s years") % {"span": in_words(span)}
    if current == previous:
        return ""
    rising = current > previous
    last = len(known) - 1
    span = last + 1
    for index in range(last - 1, 0, -1):
        step_up = known[index] > known[index - 1]
        step_down = known[index] < known[index - 1]
        if (rising and step_up) or (not rising and step_down):
            span = last - index  # the years since that change
            break
    if span < MIN_SPAN:
        return ""
    if rising:
        return _(": the first annual increase in %(span)s years") % {"span": in_words(span)}
    return _(": the first annual decrease in %(span)s years") % {"span": in_words(span)}
