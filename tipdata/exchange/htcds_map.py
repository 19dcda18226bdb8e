"""tipdata's victim and referral records as HTCDS 2.0 rows (field names and value sets).

One row per victim record, as IOM's case workbook has it: the person, the victim context, and
the case's incoming and outgoing referral. The criminal case has no HTCDS fields (HTCDS's
"case" is the assisting organisation's case file), so it is not part of the row.
Personal fields are filled only for a reader allowed to see them; a value the standard would
reject (a phone number not in international form) is left out and named in the notes, so one
odd cell never blocks the whole export.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tipdata.core.vocabulary import Sex
from tipdata.intake.formats.htcds_catalogue import (
    HtcdsCatalogue,
    HtcdsValueError,
    default_catalogue_path,
)
from tipdata.profiles.models import AgencyKind
from tipdata.victims.models import VictimStatus

GENDER = {
    Sex.FEMALE: "Feminine",
    Sex.MALE: "Masculine",
    Sex.OTHER: "NonConforming",
    Sex.UNKNOWN: "NonSpecifiedUnknown",
}
STATUS = {
    VictimStatus.POTENTIAL: "PossibleVictimOfTrafficking",
    VictimStatus.IDENTIFIED: "ActualVictimOfTrafficking",
    VictimStatus.NOT_A_VICTIM: "NotAVictimOfTrafficking",
}
DECIDED_BY = {
    AgencyKind.POLICE: "Police",
    AgencyKind.NGO: "NGO",
    AgencyKind.PROSECUTION: "CourtOrProsecution",
    AgencyKind.COURT: "CourtOrProsecution",
    AgencyKind.LABOUR_INSPECTORATE: "NonPoliceGovernmentalOrganization",
    AgencyKind.MINISTRY: "NonPoliceGovernmentalOrganization",
    AgencyKind.HOTLINE: "NonPoliceGovernmentalOrganization",
    AgencyKind.TASKFORCE: "NonPoliceGovernmentalOrganization",
    AgencyKind.WORKING_GROUP: "NonPoliceGovernmentalOrganization",
}
#: HTCDS field -> PersonalData attribute (exported only for readers who may see them).
PERSONAL = {
    "prs_FirstName": "given_name",
    "prs_MiddleName": "patronymic",
    "prs_SecondName": "family_name",
    "prs_Birthdate": "birth_date",
    "prs_IdentityNumber": "identity_number",
    "prs_Email": "email",
    "prs_MobilePhone": "phone",
    "prs_MailingStreet": "address",
}
PSEUDONYMOUS = (
    "prs_Gender",
    "prs_Citizenship",
    "vic_TraffickingStatus",
    "vic_TraffickingStatusDecisionMakingOrg",
    "vic_MethodsOfControl",
    "vic_TypeOfExploitation",
    "vic_ForcedLabourIndustry",
    "vic_TypeOfSexExploitation",
    "cas_ReferringOrganisation",
    "cas_IncomingReferralDate",
    "cas_ReferredOrganisation",
    "cas_OutgoingReferralDate",
)


def template_path() -> Path:
    """IOM's official workbook: ``$TIPDATA_HTCDS_TEMPLATE`` or beside the field list."""
    configured = os.environ.get("TIPDATA_HTCDS_TEMPLATE")
    if configured:
        return Path(configured)
    return default_catalogue_path().parent / "htcds-excel-template-2.0.xlsx"


def fields(catalogue: HtcdsCatalogue, personal: bool) -> list[str]:
    """The columns of a plain export, in the standard's order."""
    wanted = set(PSEUDONYMOUS) | (set(PERSONAL) if personal else set())
    return [f.name for f in catalogue if f.name in wanted]


@dataclass
class Rows:
    rows: list[dict[str, object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def htcds_rows(
    victims: Iterable[Any],
    referrals: Iterable[Any],
    catalogue: HtcdsCatalogue,
    *,
    personal: bool,
    columns: Iterable[str],
) -> Rows:
    """One checked HTCDS row per victim, limited to ``columns`` (a template's, or all)."""
    wanted = set(columns)
    incoming: dict[int, Any] = {}
    outgoing: dict[int, Any] = {}
    for referral in referrals:  # oldest first: the latest of each kind wins
        owner = referral.victim.registered_by_id
        if referral.to_organisation_id == owner:
            incoming[referral.victim_id] = referral
        if referral.from_organisation_id == owner:
            outgoing[referral.victim_id] = referral
    result = Rows()
    for victim in victims:
        values = _values(victim, incoming.get(victim.pk), outgoing.get(victim.pk))
        if personal:
            values.update(_personal(victim))
        row: dict[str, object] = {}
        for name, value in values.items():
            if name not in wanted or value in (None, "", ()):
                continue
            try:
                catalogue.format(name, value)
            except HtcdsValueError as error:
                result.notes.append(f"{victim.code}, {name}: {error}; left out")
                continue
            row[name] = value
        result.rows.append(row)
    return result


def _values(victim: Any, incoming: Any, outgoing: Any) -> dict[str, object]:
    forms = [e.form for e in victim.exploitations.all()]
    industry = next((e.industry for e in victim.exploitations.all() if e.industry), None)
    sex_type = [e.sex_exploitation_type for e in victim.exploitations.all()]
    decided = victim.identified_by if victim.status == VictimStatus.IDENTIFIED else None
    return {
        "prs_Gender": GENDER.get(victim.sex),
        "prs_Citizenship": (victim.citizenship_id,) if victim.citizenship_id else None,
        "vic_TraffickingStatus": STATUS.get(victim.status),
        "vic_TraffickingStatusDecisionMakingOrg": (
            DECIDED_BY.get(decided.agency_type.kind, "Other") if decided else None
        ),
        "vic_MethodsOfControl": tuple(victim.control_methods or ()),
        "vic_TypeOfExploitation": tuple(f for f in forms if f != "Unknown"),
        "vic_ForcedLabourIndustry": industry,
        "vic_TypeOfSexExploitation": tuple(t for t in sex_type if t),
        "cas_ReferringOrganisation": incoming.from_organisation.name if incoming else None,
        "cas_IncomingReferralDate": incoming.referred_on if incoming else None,
        "cas_ReferredOrganisation": outgoing.to_organisation.name if outgoing else None,
        "cas_OutgoingReferralDate": outgoing.referred_on if outgoing else None,
    }


def _personal(victim: Any) -> Mapping[str, object]:
    data = getattr(victim, "personal", None)
    if data is None or data.erased_on is not None:
        return {}
    return {name: getattr(data, attribute) or None for name, attribute in PERSONAL.items()}
