"""A synthetic national dataset for the report benchmark: ten years of every agency's records.

At full scale: 100,000 victim records (about 88,000 persons: one in eight is seen by a second
agency), 1,000,000 hotline calls, 500,000 labour inspections with their violations, 50,000
criminal cases with defendants, verdicts, sentences and dated steps, plus referrals and
services. The shapes follow the TIP report (most cases sexual exploitation, a third forced
labour; most calls information only; few calls and inspections leading to a case), so the
queries meet realistic selectivity. Random but seeded: every run builds the same rows, so
SQLite and PostgreSQL answer the same figures.

Loaded with ``bench.report_load`` (fixture data, not a user write path).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from bench.report_load import Table, analyse, reset_sequences

FIRST_YEAR, LAST_YEAR = 2011, 2020
END = datetime.date(2021, 6, 30)  # no step after the data was "extracted"
SEED = 2020


@dataclass(frozen=True)
class Scale:
    victims: int
    calls: int
    inspections: int
    cases: int


SCALES = {
    "full": Scale(victims=100_000, calls=1_000_000, inspections=500_000, cases=50_000),
    "small": Scale(victims=5_000, calls=50_000, inspections=25_000, cases=2_500),
}
YEARS = list(range(FIRST_YEAR, LAST_YEAR + 1))
DAYS = {y: [datetime.date(y, 1, 1) + datetime.timedelta(d) for d in range(365)] for y in YEARS}
FOREIGN = ["UZ", "UZ", "UZ", "RU", "KG", "TJ"]
ABROAD = ["BH", "RU", "TR", "AE", "KR"]


def later(day: datetime.date, rng: random.Random, low: int, high: int) -> datetime.date | None:
    """A date ``low``..``high`` days after ``day``, or None if past the extraction date."""
    result = day + datetime.timedelta(rng.randint(low, high))
    return result if result <= END else None


@dataclass
class Reference:
    """Ids of the organisations, regions and articles the records point to."""

    police: list[int]
    prosecutors: list[int]
    courts: list[int]
    inspectorates: list[int]
    ngos: list[int]
    hotlines: list[int]
    embassies: list[int]
    regions: list[int]
    articles: list[int]


def reference_data() -> Reference:
    """The KZ profile (records complete from the first benchmark year) and its agencies."""
    from tipdata.accounts.models import Organisation
    from tipdata.profiles.models import AgencyType, CountryProfile, PenalArticle, Region
    from tipdata.profiles.services import load_profile

    profile = load_profile("KZ")
    CountryProfile.objects.filter(pk=profile.pk).update(records_complete_from=FIRST_YEAR)
    types = {t.code: t for t in AgencyType.objects.filter(profile=profile)}
    regions = list(Region.objects.filter(profile=profile).order_by("code"))
    made: dict[str, list[int]] = {}

    def add(kind: str, type_code: str, names: list[tuple[str, Any]], **extra: Any) -> None:
        objects = [
            Organisation(
                name=name,
                code=f"{kind}-{n}",
                agency_type=types[type_code],
                region=region,
                **extra,
            )
            for n, (name, region) in enumerate(names)
        ]
        made[kind] = [o.pk for o in Organisation.objects.bulk_create(objects)]

    add("police", "MVD_AT_POLICE", [(f"Anti-trafficking unit, {r.name}", r) for r in regions])
    add("prosecutors", "REGIONAL_PROSECUTOR", [(f"Prosecutor, {r.name}", r) for r in regions])
    add("courts", "COURT", [(f"Court, {r.name}", r) for r in regions])
    add("inspectorates", "LABOUR_INSPECTORATE", [(f"Inspectorate, {r.name}", r) for r in regions])
    add("ngos", "NGO_SHELTER", [(f"Shelter {n}", r) for n, r in enumerate(regions[:12])])
    add("hotlines", "HOTLINE", [("National hotline", None), ("Regional hotline", None)])
    add("embassies", "EMBASSY", [(f"Embassy {n}", None) for n in range(4)])
    articles = PenalArticle.objects.filter(profile=profile, is_trafficking=True)
    return Reference(
        **made,
        regions=[r.pk for r in regions],
        articles=list(articles.order_by("code").values_list("pk", flat=True)),
    )


def generate(scale: Scale, ref: Reference) -> dict[str, int]:
    """Load every table; returns the number of rows per table."""
    from bench import report_rows as rows

    rng = random.Random(SEED)
    counts: dict[str, int] = {}
    state = rows.State(scale=scale, ref=ref, rng=rng)
    for name, table, produce in rows.tables(state):
        counts[name] = table.load(produce())
    reset_sequences({table.model for _name, table, _p in rows.tables(state)})
    analyse()
    return counts


__all__ = ["SCALES", "Scale", "Table", "generate", "reference_data"]
