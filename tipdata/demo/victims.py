"""The demo's victims: the 88 persons the government identified in 2020, and more records.

PT2 of the 2021 report: 51 Kazakhstani women and girls exploited in sex trafficking in
Bahrain, 16 in sex trafficking inside Kazakhstan, four citizens of unknown sex and age in forced
labour inside Kazakhstan, and 17 Uzbekistani nationals in forced labour in Kazakhstan. Most sex
trafficking victims were identified in the three "Stop Trafficking" operations (PT3).

Six of these women were also recorded by a shelter, in Latin letters; linkage resolved each pair
to one ``Person``, so 94 identification records are 88 persons. An embassy recorded one
Uzbekistani man it referred. Records that do not count as 2020 identifications complete the
picture: potential victims screened by NGOs (some found not to be victims), four ethnic
Kazakhs from Xinjiang granted asylum (never formally identified), and victims identified in 2019.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from tipdata.activities.models import SpecialOperation
from tipdata.core.services import update_record
from tipdata.core.vocabulary import ExploitationForm, IdentificationChannel, Industry
from tipdata.demo.base import YEAR, Demo
from tipdata.demo.names import Name, make_name
from tipdata.victims.models import Victim
from tipdata.victims.services import find_not_a_victim, identify_victim, register_victim

SEXUAL = ExploitationForm.SEXUAL_EXPLOITATION
LABOUR = ExploitationForm.FORCED_LABOUR
LABOUR_INDUSTRIES = [Industry.CONSTRUCTION, Industry.AGRICULTURE, Industry.TRADE, Industry.DOMESTIC]
DOMESTIC_REGIONS = ["ALA", "AST", "SHY", "MAN", "ATY"]
UNIT_OF_REGION = {
    "ALA": "mvd-at-almaty",
    "AST": "mvd-at-astana",
    "SHY": "mvd-at-shymkent",
    "TUR": "mvd-at-turkistan",
    "MAN": "mvd-at-mangystau",
    "ATY": "mvd-at-atyrau",
    "ALM": "mvd-at-almaty",
}


@dataclass
class Victims:
    """The police records of each group (what cases and referrals link to)."""

    bahrain_ops: list[Victim] = field(default_factory=list)
    bahrain_other: list[Victim] = field(default_factory=list)
    domestic: list[Victim] = field(default_factory=list)
    labour_kz: list[Victim] = field(default_factory=list)
    uzbek: list[Victim] = field(default_factory=list)
    shelter_records: list[Victim] = field(default_factory=list)
    embassy_record: Victim | None = None
    asylum: list[Victim] = field(default_factory=list)
    earlier: list[Victim] = field(default_factory=list)


def _birth_year(demo: Demo, age_group: str, year: int) -> int | None:
    if age_group == "child":
        return year - demo.rng.randint(14, 17)
    if age_group == "adult":
        return year - demo.rng.randint(19, 42)
    return None


def record(
    demo: Demo,
    *,
    org: str,
    registered_on: datetime.date,
    citizenship: str,
    sex: str,
    age_group: str,
    form: str,
    name: Name | None = None,
    exploitation_country: str = "KZ",
    region: str | None = None,
    operation: SpecialOperation | None = None,
) -> Victim:
    """Register one victim record (personal data encrypted by the service)."""
    name = name or make_name(demo.rng, citizenship, sex)
    data: dict[str, Any] = {
        "registered_by": demo.org(org),
        "registered_on": registered_on,
        "sex": sex,
        "age_group": age_group,
        "citizenship": demo.country(citizenship),
        "recruitment_country": demo.country(citizenship),
        "exploitation_country": demo.country(exploitation_country),
        "exploitation_region": demo.region(region) if region else None,
        "special_operation": operation,
        "given_name": name.given,
        "family_name": name.family,
        "patronymic": name.patronymic,
        "birth_year": _birth_year(demo, age_group, registered_on.year),
        "exploitation_forms": [form],
    }
    if form == SEXUAL:
        data["sex_exploitation_type"] = "Prostitution"
    else:
        data["industry"] = demo.pick(LABOUR_INDUSTRIES)
    return register_victim(actor=None, data=data)


def identified(demo: Demo, *, on: datetime.date, channel: str, by: str, **fields: Any) -> Victim:
    victim = record(
        demo, registered_on=on - datetime.timedelta(days=demo.rng.randint(0, 3)), **fields
    )
    return identify_victim(
        actor=None,
        instance=victim,
        identified_on=on,
        identification_channel=channel,
        identified_by=demo.org(by),
    )


def same_person(demo: Demo, police: Victim, shelter: str, name: Name) -> Victim:
    """The shelter's own record of a woman the police identified, then linked to her person."""
    copy = identified(
        demo,
        on=police.identified_on or police.registered_on,
        channel=police.identification_channel,
        by=police.identified_by.code if police.identified_by else police.registered_by.code,
        org=shelter,
        citizenship=police.citizenship_id or "KZ",
        sex=police.sex,
        age_group=police.age_group,
        form=SEXUAL,
        name=name,
        exploitation_country=police.exploitation_country_id or "KZ",
        region=police.exploitation_region.code if police.exploitation_region else None,
    )
    return update_record(
        actor=None, instance=copy, data={"person": police.person}, reason="record linkage"
    )


def load_victims(demo: Demo, operations: list[SpecialOperation]) -> Victims:
    v = Victims()
    rng = demo.rng
    for i in range(51):  # Kazakhstani women and girls exploited in Bahrain
        via_op = i < 24
        op = operations[i % len(operations)] if via_op else None
        on = (
            demo.day(op.started_on, op.ended_on) if op and op.ended_on else demo.day_in(YEAR, 2, 11)
        )
        unit = "mvd-at-almaty" if i % 3 else "mvd-at-astana"
        victim = identified(
            demo,
            on=on,
            channel=IdentificationChannel.SPECIAL_OPERATION
            if via_op
            else IdentificationChannel.SELF_REFERRAL,
            by=unit,
            org=unit,
            citizenship="KZ",
            sex="female",
            age_group="child" if i in (7, 30) else "adult",
            form=SEXUAL,
            exploitation_country="BH",
            operation=op,
        )
        (v.bahrain_ops if via_op else v.bahrain_other).append(victim)
    for i in range(16):  # exploited in sex trafficking inside Kazakhstan
        op = operations[i % len(operations)]
        region = DOMESTIC_REGIONS[i % len(DOMESTIC_REGIONS)]
        unit = UNIT_OF_REGION[region]
        assert op.ended_on is not None
        v.domestic.append(
            identified(
                demo,
                on=demo.day(op.started_on, op.ended_on),
                channel=IdentificationChannel.SPECIAL_OPERATION,
                by=unit,
                org=unit,
                citizenship="KZ",
                sex="female",
                age_group="child" if i % 3 == 0 and i < 15 else "adult",
                form=SEXUAL,
                region=region,
                operation=op,
            )
        )
    for i in range(4):  # citizens in forced labour, sex and age not recorded
        v.labour_kz.append(
            identified(
                demo,
                on=demo.day_in(YEAR, 5, 9),
                channel=IdentificationChannel.POLICE_INVESTIGATION,
                by="mvd-at-turkistan",
                org="mvd-at-turkistan",
                citizenship="KZ",
                sex="unknown",
                age_group="unknown",
                form=LABOUR,
                region="TUR" if i < 2 else "ALM",
            )
        )
    channels = (
        [IdentificationChannel.POLICE_INVESTIGATION] * 12
        + [IdentificationChannel.TASKFORCE] * 4
        + [IdentificationChannel.EMBASSY]
    )
    for i, channel in enumerate(channels):  # Uzbekistani nationals in forced labour
        region = ("SHY", "TUR", "ALA", "AST")[i % 4]
        unit = UNIT_OF_REGION[region]
        v.uzbek.append(
            identified(
                demo,
                on=demo.day_in(YEAR, 3, 11)
                if channel != IdentificationChannel.TASKFORCE
                else demo.day_in(YEAR, 11, 12),
                channel=channel,
                by=unit,
                org=unit,
                citizenship="UZ",
                sex="male" if i < 10 else "female",
                age_group="adult",
                form=LABOUR,
                region=region,
            )
        )
    _second_records(demo, v)
    _other_records(demo, v)
    rng.shuffle(v.bahrain_other)  # cases take them in no particular order
    return v


def _second_records(demo: Demo, v: Victims) -> None:
    """Shelters' records of six identified women, and the embassy's record of one man."""
    pairs = [
        (v.domestic[0], "ngo-almaty"),
        (v.domestic[1], "ngo-astana"),
        (v.domestic[2], "ngo-shymkent"),
        (v.bahrain_other[0], "ngo-almaty"),
        (v.bahrain_other[1], "ngo-astana"),
        (v.bahrain_ops[0], "ngo-almaty"),
    ]
    for police, shelter in pairs:
        name = _name_of(police).latin()
        v.shelter_records.append(same_person(demo, police, shelter, name))
    uzbek = v.uzbek[-1]
    embassy = record(
        demo,
        org="embassy-uz",
        registered_on=uzbek.registered_on,
        citizenship="UZ",
        sex=uzbek.sex,
        age_group=uzbek.age_group,
        form=LABOUR,
        name=_name_of(uzbek).latin(),
        region=uzbek.exploitation_region.code if uzbek.exploitation_region else None,
    )
    v.embassy_record = update_record(
        actor=None, instance=embassy, data={"person": uzbek.person}, reason="record linkage"
    )


def _name_of(victim: Victim) -> Name:
    personal = victim.personal
    return Name(personal.given_name, personal.family_name, personal.patronymic)


def _other_records(demo: Demo, v: Victims) -> None:
    """Records that are not 2020 identifications: they must not move the 2020 figures."""
    for _ in range(4):  # ethnic Kazakhs from Xinjiang: asylum, never formally identified
        v.asylum.append(
            record(
                demo,
                org="ngo-almaty",
                registered_on=demo.day_in(YEAR, 1, 6),
                citizenship="CN",
                sex=demo.pick(["male", "female"]),
                age_group="adult",
                form=LABOUR,
                exploitation_country="CN",
            )
        )
    for i in range(8):  # screened by NGOs; two found not to be victims
        ngo = ("ngo-almaty", "ngo-shymkent", "ngo-karaganda", "ngo-aktau")[i % 4]
        screened = record(
            demo,
            org=ngo,
            registered_on=demo.day_in(YEAR, 1, 12),
            citizenship=demo.pick(["KZ", "UZ", "KG"], [6, 3, 1]),
            sex=demo.pick(["female", "male"]),
            age_group="adult",
            form=demo.pick([SEXUAL, LABOUR]),
        )
        if i < 2:
            find_not_a_victim(
                actor=None,
                instance=screened,
                decided_on=screened.registered_on + datetime.timedelta(days=20),
                reason="Labour dispute without trafficking indicators.",
            )
    for i in range(6):  # identified in 2019, behind the investigations continued in 2020
        unit = ("mvd-at-almaty", "mvd-at-shymkent")[i % 2]
        v.earlier.append(
            identified(
                demo,
                on=demo.day_in(YEAR - 1, 6, 12),
                channel=IdentificationChannel.POLICE_INVESTIGATION,
                by=unit,
                org=unit,
                citizenship="KZ",
                sex="female",
                age_group="adult",
                form=SEXUAL,
                region="ALA" if i % 2 == 0 else "SHY",
            )
        )
