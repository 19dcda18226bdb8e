"""What every part of the demo loader shares: the random source, organisations, places, dates.

The loader acts as a system job (``actor=None``) and writes through the domain services, so
every demo record is validated and audited like one entered by an agency.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from tipdata.accounts.demo import ensure_demo_organisations
from tipdata.accounts.models import Organisation
from tipdata.accounts.services import create_organisation
from tipdata.profiles.models import AgencyType, Country, CountryProfile, PenalArticle, Region
from tipdata.profiles.selectors import current_profile
from tipdata.profiles.services import add_article

YEAR = 2020

# Organisations the 2021 report's figures need beyond ``accounts.demo``'s: the nine shelters
# funded in nine provinces, a police unit in Atyrau, more courts and prosecutors' offices.
EXTRA_ORGANISATIONS = [
    ("mvd-at-atyrau", "MVD anti-trafficking unit, Atyrau", "MVD_AT_POLICE", "ATY"),
    ("prosecutor-astana", "Astana city prosecutor's office", "REGIONAL_PROSECUTOR", "AST"),
    ("prosecutor-shymkent", "Shymkent city prosecutor's office", "REGIONAL_PROSECUTOR", "SHY"),
    ("court-shymkent", "Shymkent city court", "COURT", "SHY"),
    ("court-mangystau", "Mangystau regional court", "COURT", "MAN"),
    ("ngo-karaganda", "Karaganda shelter for trafficking victims", "NGO_SHELTER", "KAR"),
    ("ngo-pavlodar", "Pavlodar crisis centre", "NGO_SHELTER", "PAV"),
    ("ngo-east", "East Kazakhstan shelter, Oskemen", "NGO_SHELTER", "VKO"),
    ("ngo-aktobe", "Aktobe women's support centre", "NGO_SHELTER", "AKT"),
    ("ngo-aktau", "Aktau shelter", "NGO_SHELTER", "MAN"),
    ("ngo-atyrau", "Atyrau shelter", "NGO_SHELTER", "ATY"),
]
ORGANISED_CRIME_ARTICLE = ("262", "Creation and leadership of a criminal group")


@dataclass
class Demo:
    rng: random.Random
    profile: CountryProfile
    orgs: dict[str, Organisation]
    regions: dict[str, Region]
    articles: dict[str, PenalArticle]
    countries: dict[str, Country] = field(default_factory=dict)
    numbers: dict[int, int] = field(default_factory=dict)

    def org(self, code: str) -> Organisation:
        return self.orgs[code]

    def region(self, code: str) -> Region:
        return self.regions[code]

    def country(self, code: str) -> Country:
        if code not in self.countries:
            self.countries[code] = Country.objects.get(code=code)
        return self.countries[code]

    def day(self, first: datetime.date, last: datetime.date) -> datetime.date:
        """A random day from ``first`` to ``last`` inclusive."""
        return first + datetime.timedelta(days=self.rng.randrange((last - first).days + 1))

    def day_in(self, year: int, first_month: int = 1, last_month: int = 12) -> datetime.date:
        end = datetime.date(
            year, last_month, 28 if last_month == 2 else 30 if last_month != 12 else 31
        )
        return self.day(datetime.date(year, first_month, 1), end)

    def moment(self, day: datetime.date) -> datetime.datetime:
        """A time of day on ``day`` in the country's time zone (calls come 8:00-22:00)."""
        minutes = self.rng.randrange(8 * 60, 22 * 60)
        return datetime.datetime.combine(
            day, datetime.time(minutes // 60, minutes % 60), ZoneInfo(settings.TIME_ZONE)
        )

    def case_number(self, year: int) -> str:
        """A registration number in the unified register's shape: year, area, sequence."""
        self.numbers[year] = self.numbers.get(year, 0) + 1
        return f"{year % 100:02d}7511{self.numbers[year]:09d}"

    def pick(self, items: Sequence[Any], weights: Sequence[float] | None = None) -> Any:
        return self.rng.choices(items, weights=weights)[0]


def prepare(seed: int) -> Demo:
    """Organisations, regions and articles the demo refers to (created when missing)."""
    profile = current_profile()
    orgs = dict(ensure_demo_organisations())
    regions = {r.code: r for r in Region.objects.filter(profile=profile)}
    for code, name, type_code, region in EXTRA_ORGANISATIONS:
        existing = Organisation.objects.filter(code=code).first()
        orgs[code] = existing or create_organisation(
            actor=None,
            data={
                "code": code,
                "name": name,
                "agency_type": AgencyType.objects.get(profile=profile, code=type_code),
                "region": regions[region],
            },
        )
    code, title = ORGANISED_CRIME_ARTICLE
    if not PenalArticle.objects.filter(profile=profile, code=code).exists():
        add_article(actor=None, data={"code": code, "title": title, "is_trafficking": False})
    articles = {a.code: a for a in PenalArticle.objects.filter(profile=profile)}
    return Demo(random.Random(seed), profile, orgs, regions, articles)
