"""Finding the record a cell names: an organisation by its code, a country by its ISO code...

Reference lists (organisations, countries, regions, penal articles) are small and are read once
per import into a dictionary, so a 100,000-row file does not ask the database for "KZ" 100,000
times; records (a victim named in a referral file) are looked up one value at a time within
what the importing user may see, by their code or by the agency's own reference.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

# For each reference model: the fields whose values name a row (the first is its code).
REFERENCE_KEYS: dict[str, tuple[str, ...]] = {
    "accounts.organisation": ("code", "name"),
    "profiles.country": ("code", "alpha3", "name"),
    "profiles.region": ("code", "name"),
    "profiles.penalarticle": ("code", "title"),
    "profiles.agencytype": ("code", "name"),
}
# For records: the fields a spreadsheet may name them by.
RECORD_KEYS: dict[str, tuple[str, ...]] = {
    "victims.victim": ("code", "source_ref"),
    "cases.criminalcase": ("registration_number", "source_ref"),
    "cases.defendant": ("code", "source_ref"),
    "referrals.referral": ("source_ref",),
    "activities.specialoperation": ("source_ref", "name"),
}
DASH = " — "


class Resolver:
    """Turns a cell's text into the primary key of a row of ``queryset``."""

    def __init__(self, queryset: QuerySet[Any]) -> None:
        self.label = queryset.model._meta.label_lower
        self.keys = REFERENCE_KEYS.get(self.label)
        # Code lists are public reference data: the whole list, whoever imports. Whether the
        # user may pick a given entry (their own organisation as owner) is the form's check.
        self.queryset = queryset.model._default_manager.all() if self.keys else queryset
        self._index: dict[str, Any] | None = None
        self._options: list[str] | None = None
        self._cache: dict[str, Any] = {}

    def _load(self) -> dict[str, Any]:
        if self._index is None:
            assert self.keys is not None
            self._index, self._options = {}, []
            for row in self.queryset.values("pk", *self.keys):
                names = [str(row[k]) for k in self.keys if row[k]]
                for name in names:
                    self._index.setdefault(name.casefold(), row["pk"])
                option = _option(self.label, row, self.keys)
                self._index.setdefault(option.casefold(), row["pk"])
                self._options.append(option)
        return self._index

    def options(self) -> list[str]:
        """The drop-down entries ("KZ — Kazakhstan"); none for records such as victims."""
        if self.keys is None:
            return []
        self._load()
        assert self._options is not None
        return self._options

    def resolve(self, text: str) -> Any:
        from tipdata.intake.columns import CellError

        key = text.strip().casefold()
        if self.keys is not None:
            found = self._load().get(key)
            if found is None and DASH.strip() in text:  # "KZ — Kazakhstan" typed by hand
                found = self._index.get(text.split(DASH.strip())[0].strip().casefold())  # type: ignore[union-attr]
            if found is None:
                raise CellError(_("“%(value)s” is not in the list.") % {"value": text})
            return found
        if key not in self._cache:
            self._cache[key] = self._lookup(text.strip())
        return self._cache[key]

    def _lookup(self, text: str) -> Any:
        from tipdata.intake.columns import CellError

        condition = Q()
        for name in RECORD_KEYS.get(self.label, ()):
            condition |= Q(**{name: text})
        if text.isdigit():
            condition |= Q(pk=int(text))
        matches = list(self.queryset.filter(condition).values_list("pk", flat=True)[:2])
        noun = self.queryset.model._meta.verbose_name
        if not matches:
            raise CellError(
                _("No %(noun)s “%(value)s” that you may see.") % {"noun": noun, "value": text}
            )
        if len(matches) > 1:
            raise CellError(
                _("“%(value)s” names more than one %(noun)s; use its code.")
                % {"noun": noun, "value": text}
            )
        return matches[0]


def _option(label: str, row: dict[str, Any], keys: tuple[str, ...]) -> str:
    code = str(row[keys[0]])
    name = row.get("name") or row.get("title")
    return f"{code}{DASH}{name}" if name and name != code else code


def resolver_for(queryset: QuerySet[Any]) -> Resolver:
    return Resolver(queryset)


def natural_key(instance: Model) -> str:
    """How a template or report names a row (its code)."""
    keys = REFERENCE_KEYS.get(instance._meta.label_lower) or RECORD_KEYS.get(
        instance._meta.label_lower, ("pk",)
    )
    return str(getattr(instance, keys[0]))
