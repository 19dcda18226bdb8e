"""``load_demo``: a realistic Kazakhstan 2020 dataset from which the 2021 TIP report's figures
are computed (``../shared/reference/kazakhstan-2020-figures.yaml``).

Everything is written through the domain services in one transaction: a failure leaves no
half-loaded demo. The order follows the lineage: operations before the victims and cases they
produced, victims before the cases and referrals that link them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from tipdata.cases.models import CriminalCase
from tipdata.demo import activities, cases, history, protection, trials, victims, volume
from tipdata.demo.base import prepare
from tipdata.hotline.models import HotlineCall
from tipdata.victims.models import Victim

DEFAULT_SEED = 2020


@dataclass
class Loaded:
    victims: int
    cases: int
    calls: int
    aggregates: int


def has_records() -> bool:
    """Does the database already hold case work (the demo or an agency's own records)?"""
    return any(m.objects.exists() for m in (Victim, CriminalCase, HotlineCall))


@transaction.atomic
def load_demo(seed: int = DEFAULT_SEED, progress: Callable[[str], None] | None = None) -> Loaded:
    say = progress or (lambda message: None)
    demo = prepare(seed)
    say("activities")
    operations = activities.load_operations(demo)
    activities.load_trainings(demo)
    activities.load_campaigns(demo)
    activities.load_grants(demo)
    activities.load_coordination(demo)
    say("victims")
    found = victims.load_victims(demo, operations)
    say("criminal cases")
    reviewed = cases.load_reviewed(demo)
    earlier = cases.load_continued(demo, found.earlier)
    cases.load_review(demo, reviewed)
    sex_terms = trials.load_continued_outcomes(demo, earlier)
    trials.load_new_cases(demo, found, operations, sex_terms)
    say("referrals and services")
    protection.load_protection(demo, found)
    say("hotline calls")
    volume.load_calls(demo)
    say("labour inspections")
    volume.load_inspections(demo)
    say("historical aggregates")
    aggregates = history.load_history(demo)
    return Loaded(
        victims=Victim.objects.count(),
        cases=CriminalCase.objects.count(),
        calls=HotlineCall.objects.count(),
        aggregates=aggregates,
    )
