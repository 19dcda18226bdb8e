# ruff: noqa: RUF001 -- Cyrillic employer names are the data here
"""The demo's volume records: 1,341 hotline calls and 3,982 labour inspections of 2020.

PT6: the NGO-operated hotline received 1,341 calls, 21 referred to anti-trafficking police
units; none led to a confirmed investigation (PT7). PV2-PV3: 3,982 inspections found more than
6,000 violations (mostly wage irregularities, contract violations and work without an
agreement), issued 2,290 administrative citations and 1,086 fines totalling 174.3 million KZT.
No inspection recorded an ILO forced-labour indicator, a referral to the police or a case: the
inspectorate's new mandate had not yet reached its forms, so those figures are data gaps
(PR9, PV4). Each record goes through its domain service, in the loader's one transaction; the
inspections through the bulk service (``record_inspections``): the same checks and audit
entries, a few inserts instead of ~4,000 round trips of a dozen statements.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from tipdata.demo.base import YEAR, Demo
from tipdata.hotline.models import CallerType, CallOutcome, CallTopic
from tipdata.hotline.services import record_call
from tipdata.inspections.models import ViolationCategory
from tipdata.inspections.services import record_inspections

CALLS, CALLS_TO_POLICE, CALLS_TO_NGOS, CALLS_TO_OTHERS = 1341, 21, 64, 18
INSPECTIONS, VIOLATIONS, CITATIONS, FINES = 3982, 6214, 2290, 1086
WITH_VIOLATIONS = 1500
FINES_KZT = Decimal("174300000")
REGIONS = ["ALA", "AST", "SHY", "TUR", "KAR", "ALM", "ZHA", "AKT", "MAN", "ATY", "PAV", "VKO"]
REGION_WEIGHTS = [14, 11, 9, 8, 7, 7, 6, 5, 5, 5, 4, 4]
# Fewer inspections during the spring lockdown (the report: "pandemic-related closures").
MONTH_WEIGHTS = [9, 9, 7, 3, 4, 8, 9, 9, 10, 10, 11, 11]
OTHER_TOPICS: tuple[list[str], list[float]] = (
    [
        CallTopic.SAFE_TRAVEL,
        CallTopic.LABOUR_RIGHTS,
        CallTopic.MIGRATION,
        CallTopic.MISSING_PERSON,
        CallTopic.DOMESTIC_VIOLENCE,
        CallTopic.OTHER,
    ],
    [5, 5, 4, 1, 1, 1],
)
ORGANISATION_FORMS = ["ТОО", "ИП", "АО"]
TRADES = ["Строй", "Агро", "Торг", "Сервис", "Транс", "Пром", "Мед", "Текстиль", "Нефть", "Фуд"]


def spread(total: int, slots: int, demo: Demo) -> list[int]:
    """``total`` split into ``slots`` non-negative whole parts at random (exactly ``total``)."""
    parts = [0] * slots
    for _ in range(total):
        parts[demo.rng.randrange(slots)] += 1
    return parts


def load_calls(demo: Demo) -> None:
    outcomes = (
        [CallOutcome.REFERRED_POLICE] * CALLS_TO_POLICE
        + [CallOutcome.REFERRED_NGO] * CALLS_TO_NGOS
        + [CallOutcome.REFERRED_OTHER] * CALLS_TO_OTHERS
    )
    outcomes += [CallOutcome.INFORMATION] * (CALLS - len(outcomes))
    demo.rng.shuffle(outcomes)
    police = ["mvd-at-almaty", "mvd-at-astana", "mvd-at-shymkent", "mvd-at-turkistan"]
    ngos = ["ngo-almaty", "ngo-astana", "ngo-shymkent", "ngo-karaganda"]
    for outcome in outcomes:
        region = demo.pick(REGIONS, REGION_WEIGHTS)
        referred_to = {
            CallOutcome.REFERRED_POLICE: demo.pick(police),
            CallOutcome.REFERRED_NGO: demo.pick(ngos),
            CallOutcome.REFERRED_OTHER: "iom-kz",
        }.get(outcome)
        reported = outcome == CallOutcome.REFERRED_POLICE or demo.rng.random() < 0.08
        record_call(
            actor=None,
            data={
                "received_at": demo.moment(demo.day_in(YEAR)),
                "operator": demo.org("hotline-111"),
                "caller_type": demo.pick(list(CallerType.values), [3, 3, 2, 1, 2, 1]),
                "topic": CallTopic.TRAFFICKING_REPORT if reported else demo.pick(*OTHER_TOPICS),
                "region": demo.region(region),
                "possible_victims": demo.rng.randint(1, 3) if reported else 0,
                "outcome": outcome,
                "referred_to": demo.org(referred_to) if referred_to else None,
            },
        )


def _employer(demo: Demo, number: int) -> tuple[str, str]:
    """A synthetic employer name and 12-digit business ID (BIN); some are inspected twice."""
    name = (
        f"{demo.pick(ORGANISATION_FORMS)} «{demo.pick(TRADES)}{demo.pick(TRADES).lower()}-{number}»"
    )
    return name, f"{200140000000 + number * 7919:012d}"


def fine_amounts(count: int, demo: Demo) -> list[Decimal]:
    """``count`` fines (multiples of 1,000 KZT) summing to exactly 174.3 million KZT."""
    weights = [demo.rng.lognormvariate(0, 0.9) for _ in range(count)]
    scale = FINES_KZT / Decimal(sum(weights)) / 1000
    amounts = [
        max(Decimal(1000), (Decimal(w) * scale).quantize(Decimal(1)) * 1000) for w in weights
    ]
    amounts[-1] += FINES_KZT - sum(amounts)
    assert amounts[-1] > 0 and sum(amounts) == FINES_KZT
    return amounts


def at_least_one(total: int, among: list[int], demo: Demo) -> dict[int, int]:
    """``total`` spread over the slots ``among``, each getting at least one."""
    extra = spread(total - len(among), len(among), demo)
    return {slot: 1 + n for slot, n in zip(among, extra, strict=True)}


def load_inspections(demo: Demo) -> None:
    """Inspections with violations found at about 38% of employers; citations and fines only
    where violations were found."""
    slots = list(range(INSPECTIONS))
    with_violations = demo.rng.sample(slots, WITH_VIOLATIONS)
    violations = at_least_one(VIOLATIONS, with_violations, demo)
    citations = at_least_one(CITATIONS, demo.rng.sample(with_violations, 1400), demo)
    fines_count = at_least_one(FINES, demo.rng.sample(with_violations, 1000), demo)
    amounts = iter(fine_amounts(FINES, demo))
    categories = list(ViolationCategory.values)
    weights = [30, 25, 20, 8, 7, 5, 1, 4]
    employers = [_employer(demo, n) for n in range(3700)]
    entries = []
    for slot in slots:
        found: dict[str, int] = {}
        for _ in range(violations.get(slot, 0)):
            category = demo.pick(categories, weights)
            found[category] = found.get(category, 0) + 1
        fined = fines_count.get(slot, 0)
        amount = sum((next(amounts) for _ in range(fined)), Decimal(0))
        name, bin_ = demo.pick(employers)
        data = {
            "inspected_on": _inspection_day(demo),
            "inspecting_unit": demo.org("mlsp-inspectorate"),
            "region": demo.region(demo.pick(REGIONS, REGION_WEIGHTS)),
            "employer_name": name,
            "employer_business_id": bin_,
            "is_recruitment_agency": demo.rng.random() < 0.03,
            "administrative_citations": citations.get(slot, 0),
            "fines_count": fined,
            "fines_amount_kzt": amount,
        }
        entries.append((data, found))
    # The year's register in one go: each inspection checked and audited as one would be.
    record_inspections(actor=None, entries=entries)


def _inspection_day(demo: Demo) -> datetime.date:
    month = demo.pick(list(range(1, 13)), MONTH_WEIGHTS)
    return demo.day_in(YEAR, month, month)
