"""The demo's activities of 2020 (and the February 2021 repatriation).

PR8 three "Stop Trafficking" operations; PR12-PR13 and PV6 trainings (168 police officers at
the MVD centre; 90 police officers, 90 prosecutors, 36 judges and 36 labour inspectors at the
PGO's, mostly government funded; 120 peacekeepers); PT8 three pilot taskforces; PT9 nine
shelter grants in nine provinces totalling 69.4 million KZT and the 148.9 million KZT
allocation for 2021; PT15 the repatriation from Syria; PV1 two virtual working-group sessions;
PV5 274 labour inspectors; PV7 awareness campaigns; PV8 the agreement with Uzbekistan.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from tipdata.activities.models import (
    CampaignChannel,
    CapacityMetric,
    GrantPurpose,
    SpecialOperation,
)
from tipdata.activities.services import (
    record_agreement,
    record_campaign,
    record_capacity_figure,
    record_grant,
    record_meeting,
    record_operation,
    record_repatriation,
    record_taskforce,
    record_training,
)
from tipdata.core.vocabulary import Funding
from tipdata.demo.base import YEAR, Demo

D = datetime.date
SHELTERS = [
    ("ngo-almaty", "ALA", "9800000", "18400000"),
    ("ngo-astana", "AST", "9200000", "17600000"),
    ("ngo-shymkent", "SHY", "8100000", "17100000"),
    ("ngo-karaganda", "KAR", "7400000", "16200000"),
    ("ngo-pavlodar", "PAV", "6900000", "15900000"),
    ("ngo-east", "VKO", "7100000", "16300000"),
    ("ngo-aktobe", "AKT", "6700000", "15800000"),
    ("ngo-aktau", "MAN", "7000000", "16100000"),
    ("ngo-atyrau", "ATY", "7200000", "15500000"),
]  # 2020 grants total 69.4 million KZT; 2021 allocations 148.9 million KZT


def load_operations(demo: Demo) -> list[SpecialOperation]:
    spans = [(D(YEAR, 3, 9), D(YEAR, 3, 13)), (D(YEAR, 7, 20), D(YEAR, 7, 24))]
    spans.append((D(YEAR, 10, 12), D(YEAR, 10, 16)))
    return [
        record_operation(
            actor=None,
            data={
                "organiser": demo.org("mvd"),
                "name": "Stop Trafficking",
                "started_on": start,
                "ended_on": end,
                "description": "Brothels located and closed, pimps arrested, adults in "
                "commercial sex registered and screened for trafficking.",
            },
        )
        for start, end in spans
    ]


def training(
    demo: Demo, organiser: str, title: str, on: D, audience: dict[str, int], **extra: object
) -> None:
    record_training(
        actor=None,
        data={
            "organiser": demo.org(organiser),
            "title": title,
            "started_on": on,
            "ended_on": on + datetime.timedelta(days=2),
            "audience": [{"profession": p, "count": n} for p, n in audience.items()],
            **extra,
        },
    )


def load_trainings(demo: Demo) -> None:
    for month in (2, 5, 9, 11):  # the MVD Trafficking in Persons Training Center: 4 x 42
        training(
            demo,
            "mvd-training-centre",
            "Investigating trafficking in persons",
            D(YEAR, month, 10),
            {"police": 42},
            online=month != 2,
        )
    partners = [demo.org(c) for c in ("supreme-court", "mvd", "mlsp")]
    for month in (6, 10):  # the PGO with the Supreme Court, MVD and MLSP: 2 x (45, 45, 18, 18)
        record_training(
            actor=None,
            data={
                "organiser": demo.org("pgo"),
                "title": "Identifying and prosecuting labour trafficking",
                "started_on": D(YEAR, month, 15),
                "online": True,
                "audience": [
                    {"profession": "police", "count": 45},
                    {"profession": "prosecutors", "count": 45},
                    {"profession": "judges", "count": 18},
                    {"profession": "labour_inspectors", "count": 18},
                ],
            },
            m2m={"partners": partners},
        )
    training(
        demo, "pgo", "Legal assistance to trafficking victims", D(YEAR, 8, 4), {"attorneys": 40}
    )
    training(
        demo, "mvd", "Trafficking in persons: pre-deployment", D(YEAR, 9, 21), {"peacekeepers": 120}
    )
    training(
        demo,
        "iom-kz",
        "Hotline operators: identifying victims and referring them",
        D(YEAR, 4, 7),
        {"hotline_operators": 15},
        funding=Funding.DONOR,
        funder_name="International donor",
        online=True,
    )


def load_campaigns(demo: Demo) -> None:
    campaigns = [
        ("mic", CampaignChannel.RADIO, "Radio programmes on safe employment", "4500000", None),
        (
            "mic",
            CampaignChannel.TELEVISION,
            "Television programmes on trafficking",
            "12800000",
            None,
        ),
        ("mic", CampaignChannel.PRINT, "Newspaper articles on recruitment fraud", "2100000", None),
        ("mic", CampaignChannel.WEB, "Web publications for young job seekers", "1600000", None),
        ("mlsp", CampaignChannel.WEB, "Online information for labour migrants", None, None),
        (
            "mvd",
            CampaignChannel.BORDER_VIDEO,
            "Forced labour video at border crossings",
            None,
            None,
        ),
        (
            "mvd",
            CampaignChannel.PRINTED_MATERIALS,
            "Face masks with the hotline number",
            None,
            5000,
        ),
    ]
    for organiser, channel, title, budget, items in campaigns:
        record_campaign(
            actor=None,
            data={
                "organiser": demo.org(organiser),
                "title": title,
                "channel": channel,
                "started_on": demo.day_in(YEAR, 2, 10),
                "budget_kzt": Decimal(budget) if budget else None,
                "funding": Funding.MIXED
                if channel == CampaignChannel.BORDER_VIDEO
                else Funding.GOVERNMENT,
                "items_distributed": items,
            },
        )


def load_grants(demo: Demo) -> None:
    for ngo, region, amount_2020, allocation_2021 in SHELTERS:
        for year, amount, allocation in (
            (YEAR, amount_2020, False),
            (YEAR + 1, allocation_2021, True),
        ):
            record_grant(
                actor=None,
                data={
                    "grantee": demo.org(ngo),
                    "funder": demo.org("mlsp"),
                    "purpose": GrantPurpose.SHELTER,
                    "region": demo.region(region),
                    "year": year,
                    "amount_kzt": Decimal(amount),
                    "awarded_on": None if allocation else D(YEAR, 2, 14),
                    "is_allocation": allocation,
                },
            )


def load_coordination(demo: Demo) -> None:
    for held_on in (D(YEAR, 6, 18), D(YEAR, 12, 10)):
        record_meeting(
            actor=None,
            data={
                "body": demo.org("working-group"),
                "held_on": held_on,
                "virtual": True,
                "agenda": "Implementation of the 2017-2020 action plan; draft 2021-2023 plan.",
            },
        )
    members = [demo.org(c) for c in ("prosecutor-almaty", "mlsp-inspectorate", "ngo-almaty")]
    for region, unit, month in (
        ("ALA", "mvd-at-almaty", 9),
        ("SHY", "mvd-at-shymkent", 10),
        ("TUR", "mvd-at-turkistan", 11),
    ):
        record_taskforce(
            actor=None,
            data={
                "name": f"Pilot mobile taskforce, {demo.region(region).name}",
                "established_on": D(YEAR, month, 1),
                "region": demo.region(region),
                "pilot": True,
                "coordinator": demo.org(unit),
            },
            m2m={"members": [demo.org("iom-kz"), *members]},
        )
    record_agreement(
        actor=None,
        data={
            "country": demo.country("UZ"),
            "signed_on": D(YEAR, 12, 18),
            "title": "Agreement on the organised recruitment of Uzbekistani citizens "
            "for temporary work",
            "subject": "labour migration",
            "recorded_by": demo.org("mlsp"),
        },
    )
    record_capacity_figure(
        actor=None,
        data={
            "metric": CapacityMetric.LABOUR_INSPECTORS,
            "year": YEAR,
            "value": 274,
            "organisation": demo.org("mlsp-inspectorate"),
            "note": "Short of the commitment to double the inspectorate in 2020.",
        },
    )
    record_repatriation(
        actor=None,
        data={
            "organiser": demo.org("mfa"),
            "started_on": D(YEAR + 1, 2, 4),
            "ended_on": D(YEAR + 1, 2, 5),
            "from_country": demo.country("SY"),
            "children": 7,
            "men": 4,
            "women": 1,
            "description": "Citizens living in Syria with relatives in armed conflict; "
            "children given rehabilitation services.",
        },
    )
