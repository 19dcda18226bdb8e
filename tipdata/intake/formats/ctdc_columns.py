"""The columns of CTDC's published victim dataset, as its codebook (v6.0) lists them.

Names follow the data dictionary of 2018 and the published files ("CountryOfExploitation",
"Datasource", "MajorityEntry"); the codebook spells a few differently ("CountryofExploitation"),
so readers compare names without regard to case. ``missing`` is what the codebook writes for a
missing value: "-99" where it lists "-99 [missing data]", empty elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "AGE_BANDS",
    "CTDC_COLUMNS",
    "FAMILIES",
    "GENDERS",
    "MAJORITY",
    "SIMPLE_ATTRIBUTES",
    "UNKNOWN_COUNTRY",
    "CtdcColumn",
]

Kind = Literal["year", "text", "gender", "age", "majority", "country", "flag", "list"]

GENDERS = ("Male", "Female", "Transgender/NonConforming", "Unknown")
AGE_BANDS = ("0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+")
MAJORITY = ("Minor", "Adult", "Unknown")
#: The data dictionary's code for "Unknown Country"; the 2020 release writes it as "0".
UNKNOWN_COUNTRY = "00"


@dataclass(frozen=True, slots=True)
class CtdcColumn:
    """One CTDC column: its name, how its values are typed, and its missing-value token."""

    name: str
    kind: Kind
    missing: str = "-99"


def _flags(prefix: str, names: str, *, no_99: tuple[str, ...] = ()) -> list[CtdcColumn]:
    return [CtdcColumn(prefix + n, "flag", "" if n in no_99 else "-99") for n in names.split()]


CTDC_COLUMNS: tuple[CtdcColumn, ...] = (
    CtdcColumn("yearOfRegistration", "year", ""),
    CtdcColumn("Datasource", "text", ""),
    CtdcColumn("gender", "gender"),
    CtdcColumn("ageBroad", "age"),
    CtdcColumn("majorityStatus", "majority"),
    CtdcColumn("majorityStatusAtExploit", "majority"),
    CtdcColumn("MajorityEntry", "majority"),
    CtdcColumn("citizenship", "country"),
    *_flags(
        "meansOfControl",
        "DebtBondage TakesEarnings RestrictsFinancialAccess Threats PsychologicalAbuse "
        "PhysicalAbuse SexualAbuse FalsePromises PsychoactiveSubstances RestrictsMovement "
        "RestrictsMedicalCare ExcessiveWorkingHours UsesChildren ThreatOfLawEnforcement "
        "WithholdsNecessities WithholdsDocuments Other NotSpecified",
        no_99=("NotSpecified",),
    ),
    CtdcColumn("meansOfControlConcatenated", "list", ""),
    *_flags(
        "is",
        "ForcedLabour SexualExploit OtherExploit SexAndLabour ForcedMarriage ForcedMilitary "
        "OrganRemoval",
    ),
    CtdcColumn("typeOfExploitConcatenated", "list", ""),
    *_flags(
        "typeOfLabour",
        "Agriculture Aquafarming Begging Construction DomesticWork Hospitality "
        "IllicitActivities Manufacturing MiningOrDrilling Peddling Transportation Other "
        "NotSpecified",
    ),
    CtdcColumn("typeOfLabourConcatenated", "list", ""),
    *_flags(
        "typeOfSex", "Prostitution Pornography RemoteInteractiveServices PrivateSexualServices"
    ),
    CtdcColumn("typeOfSexConcatenated", "list", ""),
    CtdcColumn("isAbduction", "flag"),
    CtdcColumn("RecruiterRelationship", "list", ""),
    CtdcColumn("CountryOfExploitation", "country", ""),
    *_flags("recruiterRelation", "IntimatePartner Friend Family Other Unknown"),
)

#: Columns held in a CtdcRecord attribute of their own, by attribute name.
SIMPLE_ATTRIBUTES: dict[str, str] = {
    "yearOfRegistration": "year_of_registration",
    "Datasource": "datasource",
    "gender": "gender",
    "ageBroad": "age_broad",
    "majorityStatus": "majority_status",
    "majorityStatusAtExploit": "majority_status_at_exploit",
    "MajorityEntry": "majority_entry",
    "citizenship": "citizenship",
    "CountryOfExploitation": "country_of_exploitation",
    "isForcedLabour": "is_forced_labour",
    "isSexualExploit": "is_sexual_exploit",
    "isOtherExploit": "is_other_exploit",
    "isSexAndLabour": "is_sex_and_labour",
    "isForcedMarriage": "is_forced_marriage",
    "isForcedMilitary": "is_forced_military",
    "isOrganRemoval": "is_organ_removal",
    "isAbduction": "is_abduction",
    "meansOfControlConcatenated": "means_of_control_list",
    "typeOfExploitConcatenated": "type_of_exploit_list",
    "typeOfLabourConcatenated": "type_of_labour_list",
    "typeOfSexConcatenated": "type_of_sex_list",
    "RecruiterRelationship": "recruiter_relationship",
}

#: Families of yes/no flags, held in one mapping each (keyed by CTDC column name).
FAMILIES: dict[str, str] = {
    "meansOfControl": "means_of_control",
    "typeOfLabour": "type_of_labour",
    "typeOfSex": "type_of_sex",
    "recruiterRelation": "recruiter_relation",
}
