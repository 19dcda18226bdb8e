"""The demo's referrals and services of 2020.

PT5: law enforcement referred six victims to an international organisation's protection
services, a foreign embassy one and NGOs four; the organisation took them on. PT14: four
ethnic Kazakhs fleeing Xinjiang were granted asylum. PT11: no compensation claim was filed, and
no legal aid was recorded (PT12), so those stay a zero and a data gap. Every Uzbekistani victim
assisted is linked, through one of their records, to a criminal case (PT10: foreign victims got
services only when a case existed).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from tipdata.core.vocabulary import Funding, ServiceKind
from tipdata.demo.base import YEAR, Demo
from tipdata.demo.victims import Victims
from tipdata.referrals.models import ServiceOutcome
from tipdata.referrals.services import accept_referral, record_service, refer_victim
from tipdata.victims.models import Victim

IOM = "iom-kz"


def refer_to_iom(demo: Demo, victim: Victim, services: Sequence[str]) -> None:
    """Refer ``victim`` (from its registering organisation), accepted and served by the IO."""
    referred_on = max(victim.registered_on, datetime.date(YEAR, 3, 1)) + datetime.timedelta(days=3)
    referral = refer_victim(
        actor=None,
        data={
            "victim": victim,
            "from_organisation": victim.registered_by,
            "to_organisation": demo.org(IOM),
            "referred_on": referred_on,
            "requested_services": services,
            "consent_given": True,
        },
    )
    responded_on = referred_on + datetime.timedelta(days=2)
    accept_referral(actor=None, instance=referral, responded_on=responded_on)
    for kind in services:
        record_service(
            actor=None,
            data={
                "victim": victim,
                "provider": demo.org(IOM),
                "kind": kind,
                "outcome": ServiceOutcome.PROVIDED,
                "started_on": responded_on,
                "ended_on": responded_on + datetime.timedelta(days=demo.rng.randint(10, 60)),
                "funding": Funding.DONOR,
                "referral": referral,
            },
        )


def load_protection(demo: Demo, victims: Victims) -> None:
    shelter = [ServiceKind.SHELTER, ServiceKind.MEDICAL, ServiceKind.PSYCHOLOGICAL]
    for victim in victims.uzbek[:4] + victims.bahrain_other[2:4]:  # by law enforcement
        refer_to_iom(demo, victim, shelter)
    assert victims.embassy_record is not None
    refer_to_iom(demo, victims.embassy_record, [ServiceKind.SHELTER, ServiceKind.REPATRIATION])
    for victim in victims.shelter_records[:4]:  # by NGOs
        refer_to_iom(demo, victim, [ServiceKind.PSYCHOLOGICAL, ServiceKind.REINTEGRATION])
    for victim in victims.asylum:
        record_service(
            actor=None,
            data={
                "victim": victim,
                "provider": demo.org("mvd"),
                "kind": ServiceKind.ASYLUM,
                "outcome": ServiceOutcome.GRANTED,
                "started_on": demo.day_in(YEAR, 7, 12),
                "funding": Funding.GOVERNMENT,
            },
        )
