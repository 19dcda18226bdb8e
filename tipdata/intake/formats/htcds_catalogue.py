"""The HTCDS 2.0 field catalogue and the rules that check a value against it.

IOM publishes the Human Trafficking Case Data Standard as a field list (a flattened CSV with
section rows, multi-line picklist cells, ragged rows and 'N/A' example-question rows). tipdata
loads it rather than retyping it, so value sets stay exactly the standard's. The catalogue is
read from a file the deployment provides (``TIPDATA_HTCDS_FIELDS`` or the shared data folder).

Values are checked and typed the way a clerk would fill them in: a picklist accepts the value
name ("ForcedLabour") or its label in any case ("Forced labour"), and gives back the name.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pycountry

from tipdata.intake.readers import read_table

__all__ = [
    "HtcdsCatalogue",
    "HtcdsField",
    "HtcdsValue",
    "HtcdsValueError",
    "default_catalogue_path",
    "load_catalogue",
]

HtcdsValue = str | bool | int | Decimal | dt.date | tuple[str, ...]

_COUNTRIES = {c.alpha_2 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.countries}
_LANGUAGES = {
    code.lower()
    for lang in pycountry.languages
    for code in (
        getattr(lang, "alpha_2", None),
        lang.alpha_3,
        getattr(lang, "bibliographic", None),
    )
    if code
}
_TRUE = {"true", "yes", "y", "1", "да", "иә"}
_FALSE = {"false", "no", "n", "0", "нет", "жоқ"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_REGEX_NOTE = re.compile(r"Regular Expression:\s*(\S+)")
_PHONE_NOISE = re.compile(r"[\s().\-]")


class HtcdsValueError(ValueError):
    """A value does not fit its HTCDS field; the message says what would."""


def _squash(text: str) -> str:
    """Letters and digits only, lower case: "Forced labour" and "ForcedLabour" meet."""
    return re.sub(r"[\W_]+", "", text).casefold()


def _lines(cell: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (cell or "").splitlines() if line.strip())


@dataclass(frozen=True)
class HtcdsField:
    """One HTCDS field. ``values`` are picklist value names; ``standard`` names an external code
    list the field uses instead ("ISO 3166" countries, "ISO 639" languages)."""

    name: str
    prefix: str
    short_name: str
    label: str
    section: str
    status: str
    core: bool
    type: str
    values: tuple[str, ...] = ()
    value_labels: tuple[str, ...] = ()
    standard: str | None = None
    pattern: str | None = None
    description: str = ""
    notes: str = ""

    @property
    def multiselect(self) -> bool:
        return self.type.startswith("Multiselect")

    @property
    def deprecated(self) -> bool:
        return self.status.upper() == "DEPRECATED"

    def allowed(self) -> str:
        """The allowed values in words, for error messages."""
        if self.values:
            return ", ".join(self.values)
        return f"{self.standard} codes" if self.standard else "any text"


class HtcdsCatalogue:
    """The fields of HTCDS by name, in the standard's order, with value checking."""

    def __init__(self, fields: list[HtcdsField], skipped_rows: int = 0) -> None:
        self.fields = {f.name: f for f in fields}
        self.skipped_rows = skipped_rows
        self._by_key = {f.name.casefold(): f for f in fields}
        self._by_label: dict[str, list[HtcdsField]] = {}
        for f in fields:
            self._by_label.setdefault(_squash(f.label), []).append(f)

    def __getitem__(self, name: str) -> HtcdsField:
        return self.fields[name]

    def __contains__(self, name: object) -> bool:
        return name in self.fields

    def __iter__(self) -> Iterator[HtcdsField]:
        return iter(self.fields.values())

    def __len__(self) -> int:
        return len(self.fields)

    def find(self, name: str) -> HtcdsField | None:
        """A field by its name, ignoring case ("PRS_gender" finds prs_Gender)."""
        return self._by_key.get(name.strip().casefold())

    def by_label(self, label: str) -> list[HtcdsField]:
        """The fields whose label is ``label`` (several fields are called "Type")."""
        return list(self._by_label.get(_squash(label), []))

    def parse(self, name: str, raw: str | None) -> HtcdsValue | None:
        """The typed value of one cell of field ``name``; raises HtcdsValueError if it is wrong.

        Multiselect picklists are split on ";" and return a tuple of value names.
        """
        field = self.fields[name]
        text = (raw or "").strip()
        if not text:
            return None
        if field.multiselect:
            parts = [p.strip() for p in text.split(";") if p.strip()]
            return tuple(dict.fromkeys(_choose(field, p) for p in parts))
        return _parse_single(field, text)

    def format(self, name: str, value: object) -> object:
        """A value ready for a spreadsheet cell, checked against the field first.

        Multiselects become "A;B"; dates, numbers and booleans stay typed for Excel.
        """
        field = self.fields[name]
        if value is None or value == "" or value == ():
            return None
        if isinstance(value, list | tuple | set | frozenset):
            if not field.multiselect:
                raise HtcdsValueError(f"{field.label} takes one value, not a list")
            chosen = dict.fromkeys(_choose(field, str(v)) for v in value)
            order = {v: i for i, v in enumerate(field.values)}
            ordered = sorted(chosen, key=lambda v: (order.get(v, len(order)), v))
            return ";".join(ordered if isinstance(value, set | frozenset) else chosen)
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, bool | int | Decimal | dt.date):
            kind, word = _kind_of(value)
            if kind != ("Number" if field.type == "Geolocation" else field.type):
                raise HtcdsValueError(f"{field.label} does not take a {word}")
            _parse_single(field, _as_text(value))  # range checks, such as latitude
            return value
        parsed = self.parse(name, str(value))
        return ";".join(parsed) if isinstance(parsed, tuple) else parsed


def _kind_of(value: bool | int | Decimal | dt.date) -> tuple[str, str]:
    """The HTCDS field type a typed value belongs in, and its name in words."""
    if isinstance(value, bool):
        return "Checkbox", "yes/no value"
    if isinstance(value, dt.date):
        return "Date", "date"
    return "Number", "number"


def _as_text(value: bool | int | Decimal | dt.date) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _choose(field: HtcdsField, text: str) -> str:
    """One picklist entry as its value name, accepting names and labels in any case."""
    if field.values:
        key = _squash(text)
        for index, value in enumerate(field.values):
            label = field.value_labels[index] if index < len(field.value_labels) else value
            if key in (_squash(value), _squash(label)):
                return value
        raise HtcdsValueError(f"not a value of {field.label}; use one of: {field.allowed()}")
    if field.standard == "ISO 3166":
        if text.upper() not in _COUNTRIES:
            raise HtcdsValueError("not an ISO 3166 country code (such as KZ or KAZ)")
        return text.upper()
    if field.standard == "ISO 639":
        if text.lower() not in _LANGUAGES:
            raise HtcdsValueError("not an ISO 639 language code (such as kk, ru or kaz)")
        return text.lower()
    return text


def _parse_single(field: HtcdsField, text: str) -> HtcdsValue:
    kind = field.type
    if kind == "Checkbox":
        if text.casefold() in _TRUE:
            return True
        if text.casefold() in _FALSE:
            return False
        raise HtcdsValueError("tick boxes take TRUE or FALSE (or yes/no, 1/0)")
    if kind == "Date":
        return _date(text)
    if kind in ("Number", "Geolocation"):
        return _number(field, text)
    if kind.startswith("Picklist") and not (kind.endswith("or Text") and not field.values):
        return _choose(field, text)
    if field.standard:
        return _choose(field, text)
    if field.pattern:
        compact = _PHONE_NOISE.sub("", text)
        if not re.fullmatch(field.pattern, compact):
            raise HtcdsValueError("not a phone number in international form, e.g. +77011234567")
        return compact
    if field.short_name == "Email" and not _EMAIL.match(text):
        raise HtcdsValueError("not an e-mail address")
    return text


def _date(text: str) -> dt.date:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text[:10] if "T" in text else text, pattern).date()
        except ValueError:
            continue
    raise HtcdsValueError("not a date; write it as YYYY-MM-DD or DD.MM.YYYY")


def _number(field: HtcdsField, text: str) -> int | Decimal:
    try:
        number = Decimal(text.replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        raise HtcdsValueError("not a number") from None
    if not number.is_finite():
        raise HtcdsValueError("not a number")
    limit = 90 if field.short_name.endswith("Latitude") else 180
    if field.short_name.endswith(("Latitude", "Longitude")) and abs(number) > limit:
        raise HtcdsValueError(f"out of range (-{limit} to {limit})")
    return int(number) if number == number.to_integral_value() else number


def default_catalogue_path() -> Path:
    """Where the HTCDS field list is: ``$TIPDATA_HTCDS_FIELDS`` or the shared data folder."""
    configured = os.environ.get("TIPDATA_HTCDS_FIELDS")
    if configured:
        return Path(configured)
    shared = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "htcds"
    return shared / "htcds-field-standards-2.0.csv"


def load_catalogue(path: str | Path | None = None) -> HtcdsCatalogue:
    """Load the HTCDS field list (the flattened CSV IOM publishes).

    Section rows set the section of the fields below them; 'N/A' example-question rows are
    skipped and counted in ``skipped_rows``.
    """
    source = Path(path) if path is not None else default_catalogue_path()
    fields: list[HtcdsField] = []
    section, skipped = "", 0
    with read_table(source, required=("Field Name", "Field Type")) as table:
        col = {name: table.resolve(name) for name in _CATALOGUE_COLUMNS}
        for row in table:
            cell = {k: (row.cells[v] if v else None) for k, v in col.items()}
            short, prefix = cell["Field Name"], cell["Field Name Prefix"]
            if short is None and prefix is None:
                section = " ".join((cell["Section"] or section).split())
                continue
            if "N/A" in (short, prefix, cell["Status"]):
                skipped += 1
                continue
            fields.append(_field(cell, section))
    return HtcdsCatalogue(fields, skipped)


_CATALOGUE_COLUMNS = (
    "Section",
    "Status",
    "Core",
    "Field Name Prefix",
    "Field Name",
    "Field Label",
    "Field Name including Prefix",
    "Field Type",
    "Value Names (if picklist)",
    "Value Labels (if picklist)",
    "Description",
    "Notes",
)


def _field(cell: dict[str, str | None], section: str) -> HtcdsField:
    prefix, short = cell["Field Name Prefix"] or "", cell["Field Name"] or ""
    names = _lines(cell["Value Names (if picklist)"])
    labels = _lines(cell["Value Labels (if picklist)"])
    notes = cell["Notes"] or ""
    about = " ".join((*names, *labels, notes))
    standard = "ISO 3166" if "ISO 3166" in about else "ISO 639" if "ISO 639" in about else None
    if standard and any(n.startswith(("Use ISO", "[Use ISO")) for n in names):
        names, labels = (), ()
    pattern = _REGEX_NOTE.search(notes)
    return HtcdsField(
        name=cell["Field Name including Prefix"] or prefix + short,
        prefix=prefix,
        short_name=short,
        label=" ".join((cell["Field Label"] or short).split()),
        section=section,
        status=cell["Status"] or "",
        core=(cell["Core"] or "").casefold() == "core",
        type=cell["Field Type"] or "Text",
        values=names,
        value_labels=labels,
        standard=standard,
        pattern=pattern.group(1) if pattern else None,
        description=cell["Description"] or "",
        notes=notes,
    )
