"""HTCDS 2.0 case workbooks (IOM's template, or a CSV of its fields) imported as victims.

The format reader (``formats.htcds``) checks every cell against the standard's value sets; this
module only translates a checked row into the victim columns of tipdata's own import and hands
it to the same pipeline, so the same form, the same ``victims.services`` and the same
all-or-nothing transaction apply, and errors name the HTCDS column the clerk filled.

HTCDS has no record identifier. A column named ``source_ref`` (not an HTCDS field; the reader
keeps it as an extra column) is used when present; otherwise the reference is a keyed hash of
the person's identifying fields, so re-importing the same workbook updates its records.
tipdata's exploitation, control and industry codes are HTCDS's own value names; statuses
and referrals are not imported (identification is a named transition a user takes, and HTCDS
names referral partners in free text, which cannot be matched to organisations safely).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.utils import timezone

from tipdata.core.crypto import keyed_hash
from tipdata.intake.columns import columns_for
from tipdata.intake.formats.htcds import HtcdsReader, HtcdsRecord, read_htcds
from tipdata.intake.formats.htcds_catalogue import HtcdsCatalogue, load_catalogue
from tipdata.intake.importer import ImportResult, Progress, RowError, import_rows
from tipdata.intake.kinds import get_kind
from tipdata.intake.mapping import Layout
from tipdata.intake.readers import Row, TableFormatError

SEX = {
    "Feminine": "female",
    "Masculine": "male",
    "TransgenderFeminine": "other",
    "TransgenderMasculine": "other",
    "NonConforming": "other",
    "NonSpecifiedUnknown": "unknown",
}
# tipdata victim column <- HTCDS field
FIELDS = {
    "source_ref": "source_ref",
    "registered_on": "cas_IncomingReferralDate",
    "sex": "prs_Gender",
    "age_group": "vic_AgeWhenTrafficked",
    "citizenship": "prs_Citizenship",
    "control_methods": "vic_MethodsOfControl",
    "exploitation_forms": "vic_TypeOfExploitation",
    "industry": "vic_ForcedLabourIndustry",
    "sex_exploitation_type": "vic_TypeOfSexExploitation",
    "given_name": "prs_FirstName",
    "patronymic": "prs_MiddleName",
    "family_name": "prs_SecondName",
    "birth_date": "prs_Birthdate",
    "identity_number": "prs_IdentityNumber",
    "phone": "prs_MobilePhone",
    "languages": "prs_PrimaryLanguage",
}
IDENTITY = ("prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_IdentityNumber")
ADULT_AGE = 18


def import_htcds(
    source: str | Path | IO[bytes],
    *,
    actor: Any = None,
    agency: Any = None,
    catalogue: HtcdsCatalogue | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import an HTCDS workbook or CSV as victim records of ``agency`` (or the actor's)."""
    result = ImportResult(kind="victims")
    try:
        reader = read_htcds(source, catalogue or load_catalogue())
    except TableFormatError as exc:
        result.file_error = str(exc)
        return result
    kind = get_kind("victims")
    with reader:
        layout = _layout(reader, columns_for(kind, actor), kind.owner_field)
        rows = _rows(reader, result)
        import_rows(
            rows, layout, kind, actor=actor, agency=agency, result=result, progress=progress
        )
    return result


def _layout(reader: HtcdsReader, columns: list[Any], owner: str) -> Layout:
    """tipdata's victim columns that HTCDS fills, and the owner (the importing agency)."""
    letters = {c.field: c.letter for c in reader.layout.columns}
    headers = dict(FIELDS)
    return Layout(
        [c for c in columns if c.name in FIELDS or c.name == owner],
        headers,
        {name: letters.get(field, "") for name, field in FIELDS.items()},
        header_row=0,  # the reader has already skipped the label row
    )


def _rows(reader: HtcdsReader, result: ImportResult) -> Iterator[Row]:
    for record in reader:
        for issue in record.issues:
            result.add(
                RowError(
                    issue.row, f"{issue.column} ({issue.field})", issue.value or "", issue.message
                )
            )
        yield Row(record.row, _cells(record))


def _cells(record: HtcdsRecord) -> dict[str, str | None]:
    values = record.values
    cells: dict[str, str | None] = {}
    for field in FIELDS.values():
        cells[field] = _text(values.get(field))
    cells["prs_Gender"] = SEX.get(str(values.get("prs_Gender") or ""))
    citizenship = values.get("prs_Citizenship")
    cells["prs_Citizenship"] = (
        citizenship[0] if isinstance(citizenship, tuple) and citizenship else _text(citizenship)
    )
    age = values.get("vic_AgeWhenTrafficked")
    cells["vic_AgeWhenTrafficked"] = (
        None if age in (None, "") else "child" if int(str(age)) < ADULT_AGE else "adult"
    )
    sex_types = values.get("vic_TypeOfSexExploitation")
    if isinstance(sex_types, tuple):
        cells["vic_TypeOfSexExploitation"] = sex_types[0] if sex_types else None
    cells["cas_IncomingReferralDate"] = cells["cas_IncomingReferralDate"] or (
        timezone.localdate().isoformat()
    )
    cells["source_ref"] = record.extra.get("source_ref") or _reference(record)
    return cells


def _text(value: Any) -> str | None:
    if value is None or value == "" or value == ():
        return None
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _reference(record: HtcdsRecord) -> str:
    """A stable reference from who the person is (keyed: it reveals nothing of the name)."""
    identity = "|".join(str(record.values.get(f) or "").casefold() for f in IDENTITY)
    if not identity.strip("|"):
        return f"htcds-row-{record.row}"
    return "htcds-" + keyed_hash(identity)[:24]
