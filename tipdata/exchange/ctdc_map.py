"""Between CTDC's published columns and tipdata's victim records, both ways (no database writes).

CTDC describes a victim with flags and codes; tipdata with vocabularies taken from HTCDS. Where
CTDC says nothing ("-99", empty) tipdata records "unknown", never a zero or a "no". Where a CTDC
value has no tipdata equivalent (the age band, "restricts movement", the recruiter's relation)
it is kept only in the received row (``ReceivedRecord.values``), from which a de-identified
record is given back exactly as it came.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tipdata.core.vocabulary import (
    LABOUR_FORMS,
    AgeGroup,
    ControlMethod,
    ExploitationForm,
    Industry,
    Sex,
    SexExploitationType,
)
from tipdata.intake.formats.common import CellIssue
from tipdata.intake.formats.ctdc import CTDC_COLUMNS, CtdcRecord
from tipdata.intake.formats.ctdc_columns import FAMILIES, SIMPLE_ATTRIBUTES, UNKNOWN_COUNTRY

SEX_OF_GENDER = {
    "Female": Sex.FEMALE,
    "Male": Sex.MALE,
    "Transgender/NonConforming": Sex.OTHER,
    "Unknown": Sex.UNKNOWN,
}
GENDER_OF_SEX = {Sex.FEMALE: "Female", Sex.MALE: "Male", Sex.OTHER: "Transgender/NonConforming"}
AGE_OF_MAJORITY = {"Minor": AgeGroup.CHILD, "Adult": AgeGroup.ADULT}
MAJORITY_OF_AGE = {AgeGroup.CHILD: "Minor", AgeGroup.ADULT: "Adult"}
OTHER_FORMS = frozenset(
    {ExploitationForm.OTHER, ExploitationForm.FORCED_ADOPTION, ExploitationForm.SURROGACY}
)
#: CTDC's "is..." flags and the tipdata forms each one stands for (the first is used on import).
FORM_FLAGS: dict[str, tuple[str, ...]] = {
    "isForcedLabour": tuple(sorted(LABOUR_FORMS)),
    "isSexualExploit": (ExploitationForm.SEXUAL_EXPLOITATION,),
    "isForcedMarriage": (ExploitationForm.FORCED_MARRIAGE,),
    "isForcedMilitary": (ExploitationForm.FORCED_MILITARY,),
    "isOrganRemoval": (ExploitationForm.ORGAN_REMOVAL,),
    "isOtherExploit": tuple(sorted(OTHER_FORMS)),
}
IMPORTED_FORM = {
    "isForcedLabour": ExploitationForm.FORCED_LABOUR,
    "isOtherExploit": ExploitationForm.OTHER,
}
CONTROL_OF_FLAG = {
    "meansOfControlDebtBondage": ControlMethod.DEBT_BONDAGE,
    "meansOfControlTakesEarnings": ControlMethod.TAKES_EARNINGS,
    "meansOfControlRestrictsFinancialAccess": ControlMethod.RESTRICTS_FINANCIAL_ACCESS,
    "meansOfControlThreats": ControlMethod.PHYSICAL_THREATS,
    "meansOfControlPsychologicalAbuse": ControlMethod.PSYCHOLOGICAL_ABUSE,
    "meansOfControlPhysicalAbuse": ControlMethod.PHYSICAL_ABUSE,
    "meansOfControlSexualAbuse": ControlMethod.SEXUAL_ABUSE,
    "meansOfControlFalsePromises": ControlMethod.FALSE_PROMISES,
    "meansOfControlPsychoactiveSubstances": ControlMethod.PSYCHOACTIVE_SUBSTANCE,
    "meansOfControlRestrictsMedicalCare": ControlMethod.RESTRICTS_MEDICAL_CARE,
    "meansOfControlExcessiveWorkingHours": ControlMethod.EXCESSIVE_HOURS,
    "meansOfControlThreatOfLawEnforcement": ControlMethod.THREATS_LAW_ENFORCEMENT,
    "meansOfControlWithholdsNecessities": ControlMethod.WITHHOLDS_NECESSITIES,
    "meansOfControlWithholdsDocuments": ControlMethod.WITHHOLDS_DOCUMENTS,
    "meansOfControlOther": ControlMethod.OTHER,
}
FLAG_OF_CONTROL = {v: k for k, v in CONTROL_OF_FLAG.items()}
INDUSTRY_OF_LABOUR = {
    "typeOfLabourAgriculture": Industry.AGRICULTURE,
    "typeOfLabourConstruction": Industry.CONSTRUCTION,
    "typeOfLabourDomesticWork": Industry.DOMESTIC,
    "typeOfLabourHospitality": Industry.HOSPITALITY,
    "typeOfLabourManufacturing": Industry.MANUFACTURING,
    "typeOfLabourMiningOrDrilling": Industry.MINING,
    "typeOfLabourTransportation": Industry.TRANSPORT,
    "typeOfLabourOther": Industry.OTHER,
}
LABOUR_OF_INDUSTRY = {v: k for k, v in INDUSTRY_OF_LABOUR.items()}
SEX_TYPES = {f"typeOfSex{t.value}": t.value for t in SexExploitationType}
#: Columns that, together, could single a person out in a small group (k-anonymity).
QUASI_IDENTIFIERS = (
    "citizenship",
    "CountryOfExploitation",
    "majorityStatusAtExploit",
    "gender",
    "yearOfRegistration",
)


def received_values(record: CtdcRecord) -> dict[str, Any]:
    """The row as JSON data keyed by CTDC column name (missing as null, lists as lists)."""
    values: dict[str, Any] = {}
    for column in CTDC_COLUMNS:
        value = record.get(column.name)
        values[column.name] = list(value) if isinstance(value, tuple) else value
    values.update({f"extra:{k}": v for k, v in record.extra.items()})
    return values


def content_hash(values: Mapping[str, Any]) -> str:
    """A digest of a row's content: CTDC rows carry no identifier, so this names them."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def row_keys(hashes: Iterable[str]) -> list[str]:
    """``source_ref`` of each row: its content hash and its occurrence among identical rows.

    A k-anonymised file holds many identical rows (that is the point of k-anonymity); the n-th
    of them is always the n-th, so importing the same file again finds every row already there.
    """
    seen: Counter[str] = Counter()
    keys = []
    for digest in hashes:
        seen[digest] += 1
        keys.append(f"ctdc-{digest[:40]}-{seen[digest]}")
    return keys


def record_from_values(values: Mapping[str, Any]) -> CtdcRecord:
    """A ``CtdcRecord`` back from :func:`received_values` (the exact row as received)."""
    simple: dict[str, Any] = {}
    families: dict[str, Any] = {attr: {} for attr in FAMILIES.values()}
    for column in CTDC_COLUMNS:
        value = values.get(column.name)
        family = next((a for p, a in FAMILIES.items() if column.name.startswith(p)), None)
        if column.kind == "flag" and family:
            families[family][column.name] = value
        elif column.kind == "list":
            simple[SIMPLE_ATTRIBUTES[column.name]] = tuple(value or ())
        else:
            simple[SIMPLE_ATTRIBUTES[column.name]] = value
    extra = {k.removeprefix("extra:"): v for k, v in values.items() if k.startswith("extra:")}
    return CtdcRecord(**simple, **families, extra=extra)


@dataclass
class Mapped:
    """A CTDC row as tipdata victim fields, and the cells that could not be mapped."""

    data: dict[str, Any]
    forms: list[str] = field(default_factory=list)
    issues: list[CellIssue] = field(default_factory=list)


def victim_fields(record: CtdcRecord, countries: set[str], letter: Mapping[str, str]) -> Mapped:
    """The fields of a de-identified ``Victim`` for one CTDC row (``letter``: column letters)."""
    row = record.row or 0
    mapped = Mapped(data={})

    def issue(column: str, value: object, message: str) -> None:
        mapped.issues.append(CellIssue(row, letter.get(column, "?"), column, str(value), message))

    if record.year_of_registration is None:
        mapped.issues.append(
            CellIssue(
                row,
                letter.get("yearOfRegistration", "?"),
                "yearOfRegistration",
                None,
                "the year of registration is needed to count the victim in a year",
            )
        )
    else:
        mapped.data["registered_on"] = datetime.date(record.year_of_registration, 1, 1)
    mapped.data["sex"] = SEX_OF_GENDER.get(record.gender or "", Sex.UNKNOWN)
    mapped.data["age_group"] = AGE_OF_MAJORITY.get(
        record.majority_status_at_exploit or "", AgeGroup.UNKNOWN
    )
    for column, name in (
        ("citizenship", "citizenship"),
        ("CountryOfExploitation", "exploitation_country"),
    ):
        code = record.get(column)
        if code in (None, UNKNOWN_COUNTRY):
            continue
        if code not in countries:
            issue(column, code, "not a country tipdata knows (ISO 3166 alpha-2)")
            continue
        mapped.data[f"{name}_id"] = code
    mapped.data["control_methods"] = [
        method for flag, method in CONTROL_OF_FLAG.items() if record.get(flag) is True
    ]
    mapped.forms = _forms(record)
    industry = next((i for f, i in INDUSTRY_OF_LABOUR.items() if record.get(f) is True), "")
    sex_type = next((t for f, t in SEX_TYPES.items() if record.get(f) is True), "")
    mapped.data.update(industry=industry, sex_exploitation_type=sex_type)
    return mapped


def _forms(record: CtdcRecord) -> list[str]:
    forms = []
    for flag, tipdata_forms in FORM_FLAGS.items():
        if record.get(flag) is True:
            forms.append(IMPORTED_FORM.get(flag, tipdata_forms[0]))
    if record.get("isSexAndLabour") is True:
        forms += [ExploitationForm.FORCED_LABOUR, ExploitationForm.SEXUAL_EXPLOITATION]
    return [str(f) for f in dict.fromkeys(forms)]


def ctdc_record(victim: Any, datasource: str) -> CtdcRecord:
    """The CTDC row of one of tipdata's own records: only what CTDC publishes, no identity.

    A flag is True or False only where tipdata knows (some form of exploitation recorded, some
    means of control recorded); otherwise it stays missing.
    """
    forms = {e.form for e in victim.exploitations.all()} - {ExploitationForm.UNKNOWN}
    flags: dict[str, bool | None] = {}
    for flag, tipdata_forms in FORM_FLAGS.items():
        flags[flag] = bool(forms & set(tipdata_forms)) if forms else None
    if forms:
        flags["isSexAndLabour"] = bool(flags["isForcedLabour"] and flags["isSexualExploit"])
    methods = set(victim.control_methods or [])
    control = {f: (m in methods if methods else None) for f, m in CONTROL_OF_FLAG.items()}
    industries = {e.industry for e in victim.exploitations.all() if e.industry}
    sex_types = {e.sex_exploitation_type for e in victim.exploitations.all()}
    labour = {f: (i in industries if industries else None) for f, i in INDUSTRY_OF_LABOUR.items()}
    sex = {f: (t in sex_types if sex_types - {""} else None) for f, t in SEX_TYPES.items()}
    return CtdcRecord(
        year_of_registration=victim.registered_on.year,
        datasource=datasource,
        gender=GENDER_OF_SEX.get(victim.sex),
        majority_status_at_exploit=MAJORITY_OF_AGE.get(victim.age_group),
        citizenship=victim.citizenship_id,
        country_of_exploitation=victim.exploitation_country_id,
        is_forced_labour=flags["isForcedLabour"],
        is_sexual_exploit=flags["isSexualExploit"],
        is_other_exploit=flags["isOtherExploit"],
        is_sex_and_labour=flags.get("isSexAndLabour"),
        is_forced_marriage=flags["isForcedMarriage"],
        is_forced_military=flags["isForcedMilitary"],
        is_organ_removal=flags["isOrganRemoval"],
        means_of_control=control,
        type_of_labour=labour,
        type_of_sex=sex,
    )


_ATTRIBUTE = {
    "citizenship": "citizenship",
    "CountryOfExploitation": "country_of_exploitation",
    "majorityStatusAtExploit": "majority_status_at_exploit",
    "gender": "gender",
    "yearOfRegistration": "year_of_registration",
}


@dataclass
class Anonymised:
    records: list[CtdcRecord]
    suppressed_cells: int = 0
    withheld: int = 0


def k_anonymise(records: list[CtdcRecord], k: int) -> Anonymised:
    """Make every combination of quasi-identifiers shared by at least ``k`` records.

    Cells are suppressed (set missing) one quasi-identifier at a time, most identifying first,
    and only in the records of groups smaller than ``k``; records still in a group smaller than
    ``k`` when nothing is left to suppress are withheld, and counted.
    """
    result = Anonymised(list(records))
    if k <= 1:
        return result
    for column in QUASI_IDENTIFIERS:
        groups = Counter(_key(r) for r in result.records)
        small = {key for key, n in groups.items() if n < k}
        if not small:
            return result
        attribute = _ATTRIBUTE[column]
        changed = []
        for record in result.records:
            if _key(record) in small and getattr(record, attribute) is not None:
                record = dataclasses.replace(record, **{attribute: None})  # type: ignore[arg-type]
                result.suppressed_cells += 1
            changed.append(record)
        result.records = changed
    groups = Counter(_key(r) for r in result.records)
    kept = [r for r in result.records if groups[_key(r)] >= k]
    result.withheld = len(result.records) - len(kept)
    result.records = kept
    return result


def _key(record: CtdcRecord) -> tuple[Any, ...]:
    return tuple(getattr(record, _ATTRIBUTE[c]) for c in QUASI_IDENTIFIERS)
