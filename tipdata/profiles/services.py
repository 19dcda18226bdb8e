"""Loading a country profile (idempotent: running it again updates, never duplicates)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import pycountry
import yaml
from django.db import transaction

from tipdata.core.services import create_record, update_record
from tipdata.profiles.models import (
    AgencyType,
    Country,
    CountryProfile,
    ExchangeRate,
    PenalArticle,
    ReferenceData,
    Region,
)
from tipdata.profiles.selectors import current_profile

DATA_DIR = Path(__file__).resolve().parent / "data"


def load_countries() -> int:
    """Load the ISO 3166-1 list shipped with ``pycountry``."""
    existing = set(Country.objects.values_list("code", flat=True))
    new = [
        Country(code=c.alpha_2, alpha3=c.alpha_3, name=getattr(c, "common_name", c.name))
        for c in pycountry.countries
        if c.alpha_2 not in existing
    ]
    Country.objects.bulk_create(new)
    return len(new)


def read_profile(code: str) -> dict[str, Any]:
    path = DATA_DIR / f"{code}.yaml"
    if not path.exists():
        raise FileNotFoundError(f"No country profile named {code} (looked for {path}).")
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


@transaction.atomic
def load_profile(code: str) -> CountryProfile:
    """Create or update the profile ``code`` and everything it lists."""
    load_countries()
    data = read_profile(code)
    profile, _ = CountryProfile.objects.update_or_create(
        code=data["code"],
        defaults={
            "name": data["name"],
            "country_id": data["country"],
            "currency": data["currency"],
            "records_complete_from": data["records_complete_from"],
        },
    )
    for row in data.get("regions", []):
        Region.objects.update_or_create(
            profile=profile,
            code=row["code"],
            defaults={"name": row["name"], "kind": row.get("kind", Region.Kind.REGION)},
        )
    for row in data.get("articles", []):
        PenalArticle.objects.update_or_create(
            profile=profile,
            code=row["code"],
            defaults={"title": row["title"], "is_trafficking": row.get("is_trafficking", True)},
        )
    for row in data.get("agency_types", []):
        AgencyType.objects.update_or_create(
            profile=profile,
            code=row["code"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "government": row.get("government", True),
            },
        )
    for row in data.get("exchange_rates", []):
        ExchangeRate.objects.update_or_create(
            currency=data["currency"],
            year=row["year"],
            defaults={"per_usd": Decimal(str(row["per_usd"])), "source": row.get("source", "")},
        )
    return profile


def add_reference(
    model: type[ReferenceData],
    *,
    actor: Any,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> Any:
    """Add a region, article, agency type or rate to the running profile (administrators).

    Rows a profile file does not list survive ``load_profile``, which only updates the rows it
    names: an administrator's additions stay when the profile is reloaded.
    """
    values = dict(data)
    if any(field.name == "profile" for field in model._meta.fields):
        values.setdefault("profile", current_profile())
    if model is ExchangeRate:
        values.setdefault("currency", current_profile().currency)
    instance: Any = model(**values)
    return create_record(actor=actor, instance=instance, m2m=m2m)


add_region = partial(add_reference, Region)
add_article = partial(add_reference, PenalArticle)
add_agency_type = partial(add_reference, AgencyType)
add_exchange_rate = partial(add_reference, ExchangeRate)


def update_reference(
    *,
    actor: Any,
    instance: ReferenceData,
    data: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> Any:
    """Correct a reference row (administrators only, audited like any record)."""
    target: Any = instance
    return update_record(actor=actor, instance=target, data=data, m2m=m2m)
