"""The demo's criminal cases before 2020, and the Prosecutor General's review of them.

PR10: the PGO reviewed 250 trafficking investigations closed or suspended in 2015-2019 and
formally reopened 35 improperly closed cases, still under investigation at the end of 2020.
PR1: 23 investigations registered in 2019 were still open on 1 January 2020. Every step is
taken through ``cases.services`` so that it is dated (``CaseStatusChange``): the statistics
read "open on 1 January" and "reopened in 2020" from those dates, not from today's status.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tipdata.activities.models import SpecialOperation
from tipdata.cases.models import CriminalCase, Defendant, PartyRole, TerminationReason
from tipdata.cases.services import (
    add_defendant,
    link_victims,
    record_case_review,
    register_case,
    reopen_case,
    suspend_case,
    terminate_case,
)
from tipdata.core.vocabulary import ExploitationForm
from tipdata.demo.base import YEAR, Demo
from tipdata.demo.names import make_name

SEXUAL = ExploitationForm.SEXUAL_EXPLOITATION
LABOUR = ExploitationForm.FORCED_LABOUR
UNITS = [
    ("mvd-at-almaty", "ALA"),
    ("mvd-at-astana", "AST"),
    ("mvd-at-shymkent", "SHY"),
    ("mvd-at-turkistan", "TUR"),
    ("mvd-at-mangystau", "MAN"),
    ("mvd-at-atyrau", "ATY"),
]
REVIEWED, REOPENED = 250, 35


@dataclass
class Earlier:
    """The cases registered before 2020 that 2020's figures depend on."""

    continued: list[CriminalCase] = field(default_factory=list)
    extradition: CriminalCase | None = None
    extradited: Defendant | None = None


def open_case(
    demo: Demo,
    *,
    registered_on: datetime.date,
    unit: str,
    region: str,
    articles: Iterable[str],
    form: str = SEXUAL,
    operation: SpecialOperation | None = None,
    victims: Iterable[Any] = (),
    **flags: bool,
) -> CriminalCase:
    case = register_case(
        actor=None,
        data={
            "registration_number": demo.case_number(registered_on.year),
            "registered_on": registered_on,
            "investigating_unit": demo.org(unit),
            "region": demo.region(region),
            "exploitation_form": form,
            "special_operation": operation,
            **flags,
        },
        m2m={"articles": [demo.articles[a] for a in articles]},
    )
    victims = list(victims)
    if victims:
        link_victims(actor=None, case=case, victims=victims)
    return case


def suspect(
    demo: Demo,
    case: CriminalCase,
    *,
    citizenship: str = "KZ",
    charged_on: datetime.date | None = None,
    arrested_on: datetime.date | None = None,
    sex: str | None = None,
) -> Defendant:
    """A suspect of ``case``; charged (a defendant) when ``charged_on`` is given."""
    sex = sex or demo.pick(["male", "female"], [3, 2])
    name = make_name(demo.rng, citizenship, sex)
    data: dict[str, Any] = {
        "full_name": f"{name.family} {name.given} {name.patronymic}".strip(),
        "birth_year": case.registered_on.year - demo.rng.randint(24, 55),
        "sex": sex,
        "citizenship": demo.country(citizenship),
        "arrested_on": arrested_on,
    }
    if charged_on is not None:
        data.update(role=PartyRole.DEFENDANT, charged_on=charged_on)
    return add_defendant(actor=None, case=case, data=data)


def article_mix(demo: Demo, form: str) -> list[str]:
    if form == LABOUR:
        return [demo.pick(["128", "126(3)(b)"], [4, 1])]
    return [demo.pick(["308", "128", "134", "135"], [5, 3, 1, 1])]


def load_reviewed(demo: Demo) -> list[CriminalCase]:
    """250 investigations of 2015-2019, all terminated (some suspended first) before 2020."""
    reasons = [
        TerminationReason.LACK_OF_EVIDENCE,
        TerminationReason.VICTIM_REQUEST,
        TerminationReason.NO_CRIME,
    ]
    cases = []
    for i in range(REVIEWED):
        year = 2015 + i % 5
        registered = demo.day_in(year, 1, 6)
        unit, region = UNITS[i % len(UNITS)]
        form = LABOUR if i % 7 == 0 else SEXUAL
        case = open_case(
            demo,
            registered_on=registered,
            unit=unit,
            region=region,
            articles=article_mix(demo, form),
            form=form,
        )
        step = registered + datetime.timedelta(days=demo.rng.randint(30, 120))
        if i % 5 == 0:
            suspend_case(actor=None, instance=case, occurred_on=step)
            step += datetime.timedelta(days=demo.rng.randint(30, 60))
        terminate_case(
            actor=None,
            instance=case,
            occurred_on=step,
            termination_reason=demo.pick(reasons, [6, 3, 1]),
        )
        cases.append(case)
    return cases


def load_review(demo: Demo, reviewed: list[CriminalCase]) -> None:
    """The PGO's 2020 review of the 250 cases, and its 35 reopenings."""
    review = record_case_review(
        actor=None,
        data={
            "title": "Review of trafficking investigations closed or suspended in 2015-2019",
            "conducted_by": demo.org("pgo"),
            "started_on": datetime.date(YEAR, 3, 2),
            "completed_on": datetime.date(YEAR, 8, 31),
        },
        m2m={"cases": reviewed},
    )
    for case in demo.rng.sample(reviewed, REOPENED):
        reopen_case(
            actor=None,
            instance=case,
            occurred_on=demo.day_in(YEAR, 6, 11),
            reopened_by=demo.org("pgo"),
            review=review,
            reason="Improperly closed: the victim's testimony was not assessed.",
        )


def load_continued(demo: Demo, earlier_victims: list[Any]) -> Earlier:
    """23 investigations registered in 2019 and open on 1 January 2020."""
    earlier = Earlier()
    for i in range(23):
        unit, region = UNITS[i % 3]
        registered = demo.day_in(YEAR - 1, 6, 11)
        victims = [earlier_victims[i]] if i < len(earlier_victims) else []
        case = open_case(
            demo,
            registered_on=registered,
            unit=unit,
            region=region,
            articles=article_mix(demo, SEXUAL),
            victims=victims,
        )
        if i in (20, 21):  # suspended in 2019: still open (suspended) on 1 January
            suspend_case(actor=None, instance=case, occurred_on=datetime.date(YEAR - 1, 12, 2))
        earlier.continued.append(case)
    # A case opened at Uzbekistan's request: the suspect is extradited in March 2020.
    extradition = earlier.continued[22]
    earlier.extradition = extradition
    earlier.extradited = suspect(
        demo, extradition, citizenship="UZ", arrested_on=datetime.date(YEAR - 1, 12, 10)
    )
    return earlier
