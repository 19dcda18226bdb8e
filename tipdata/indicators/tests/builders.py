"""Small record builders for indicator tests, writing through the domain services."""

from __future__ import annotations

import datetime
from typing import Any

from tipdata.cases.services import register_case
from tipdata.hotline.services import record_call
from tipdata.indicators.services import record_historical_value
from tipdata.inspections.services import record_inspection
from tipdata.profiles.models import Country, PenalArticle
from tipdata.testing.factories import region
from tipdata.victims.services import identify_victim, register_victim

_numbers = iter(range(1, 10**6))


def victim(
    org: Any,
    on: datetime.date,
    *,
    citizenship: str = "KZ",
    forms: tuple[str, ...] = ("SexualExploitation",),
    identified: bool = True,
    **fields: Any,
) -> Any:
    record = register_victim(
        actor=None,
        data={
            "registered_by": org,
            "registered_on": on,
            "citizenship": Country.objects.get(code=citizenship),
            "exploitation_forms": list(forms),
            "sex": "female",
            **fields,
        },
    )
    if identified:
        identify_victim(
            actor=None, instance=record, identified_on=on, identification_channel="hotline"
        )
    return record


def case(unit: Any, on: datetime.date, article: str = "128", **fields: Any) -> Any:
    return register_case(
        actor=None,
        data={
            "registration_number": f"T-{next(_numbers)}",
            "registered_on": on,
            "investigating_unit": unit,
            "region": region("ALA"),
            **fields,
        },
        m2m={"articles": [PenalArticle.objects.get(code=article)]},
    )


def call(operator: Any, on: datetime.date, **fields: Any) -> Any:
    moment = datetime.datetime.combine(on, datetime.time(12), datetime.UTC)
    return record_call(
        actor=None,
        data={
            "received_at": moment,
            "operator": operator,
            "caller_type": "anonymous",
            "topic": "trafficking_report",
            **fields,
        },
    )


def inspection(unit: Any, on: datetime.date, violations: int = 2, **fields: Any) -> Any:
    return record_inspection(
        actor=None,
        data={
            "inspected_on": on,
            "inspecting_unit": unit,
            "region": region("SHY"),
            "employer_name": "Stroi LLP",
            "employer_business_id": f"{next(_numbers):012d}",
            **fields,
        },
        violations={"wages": violations},
    )


def aggregate(code: str, year: int, value: Any, org: Any, **fields: Any) -> Any:
    return record_historical_value(
        actor=None,
        data={
            "indicator": code,
            "year": year,
            "value": value,
            "source": fields.pop("source", "TIP report 2020"),
            "entered_by": org,
            **fields,
        },
    )
