"""A spreadsheet's columns, derived from the form the web page uses for the same record type.

The form is the service's input as the pages declare it, so a field added to the form (or to
the model, when the form lists it) becomes a template column and an importable column with no
edit here. Each column knows what a clerk may type into it (a code or its label in any of the
three languages, dates as 2024-03-31 or 31.03.2024, "yes"/"да"/"иә") and turns that text into
the value the form expects, or into a message the clerk understands.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from django import forms
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tipdata.intake.kinds import ImportKind
from tipdata.intake.refs import Resolver, resolver_for

Kind = Literal["text", "choice", "multi", "ref", "refs", "bool", "date", "datetime", "number"]
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
SEPARATOR = re.compile(r"\s*[;\n]\s*")
TRUE_WORDS = {"true", "yes", "y", "1", "да", "д", "иә", "иа", "x", "✓"}
FALSE_WORDS = {"false", "no", "n", "0", "нет", "н", "жоқ", "жок"}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d.%m.%y")
DATETIME_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M")

SOURCE_REF_LABEL = gettext_lazy("agency's own reference")
SOURCE_REF_HELP = gettext_lazy(
    "Your organisation's own identifier of this record (file or register number). It is "
    "required: importing the file again updates the records it names instead of adding copies."
)
HINTS = {
    "choice": gettext_lazy("Choose from the list."),
    "multi": gettext_lazy("One or more values from the list, separated by ;"),
    "ref": gettext_lazy("Choose from the list, or type its code."),
    "refs": gettext_lazy("One or more codes, separated by ;"),
    "bool": gettext_lazy("yes or no"),
    "date": gettext_lazy("A date: 2024-03-31 or 31.03.2024"),
    "datetime": gettext_lazy("Date and time: 2024-03-31 14:30 or 31.03.2024 14:30"),
    "number": gettext_lazy("A number"),
    "text": "",
}


class CellError(ValueError):
    """A cell's value cannot be understood; the message is for the clerk."""


@dataclass
class Column:
    name: str
    label: Any
    help: Any
    required: bool
    kind: Kind
    choices: list[tuple[str, Any]] = field(default_factory=list)
    resolver: Resolver | None = None
    default: Any = None  # the model's default, used when the cell (or column) is empty
    _labels: dict[str, str] | None = None

    def hint(self) -> str:
        return str(HINTS[self.kind])

    def options(self) -> list[str]:
        """What the template's drop-down offers, in the active language."""
        if self.kind in ("choice", "multi"):
            return [str(label) for _value, label in self.choices]
        if self.kind == "bool":
            return [_("yes"), _("no")]
        if self.kind in ("ref", "refs") and self.resolver is not None:
            return self.resolver.options()
        return []

    def to_form(self, text: str | None) -> Any:
        """The cell's text as form data (a code, a primary key, a list, "true" ...)."""
        if text is None or not text.strip():
            return [] if self.kind in ("multi", "refs") else ""
        text = text.strip()
        if self.kind == "choice":
            return self._choice(text)
        if self.kind == "multi":
            return [self._choice(part) for part in SEPARATOR.split(text) if part]
        if self.kind == "ref":
            return self._ref(text)
        if self.kind == "refs":
            return [self._ref(part) for part in SEPARATOR.split(text) if part]
        if self.kind == "bool":
            return _boolean(text)
        if self.kind == "date":
            return _date(text).isoformat()
        if self.kind == "datetime":
            return _datetime(text)
        if self.kind == "number":
            return text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        return text

    def _choice(self, text: str) -> str:
        if self._labels is None:
            self._labels = {}
            for value, label in self.choices:
                self._labels[str(value).casefold()] = str(value)
                for language in LANGUAGES:
                    with translation.override(language):
                        self._labels[str(label).casefold()] = str(value)
        found = self._labels.get(text.casefold())
        if found is None:
            shown = ", ".join(str(label) for _v, label in self.choices[:12])
            more = " …" if len(self.choices) > 12 else ""
            raise CellError(
                _("“%(value)s” is not in the list: %(list)s%(more)s")
                % {"value": text, "list": shown, "more": more}
            )
        return found

    def _ref(self, text: str) -> Any:
        assert self.resolver is not None
        return self.resolver.resolve(text)


def _boolean(text: str) -> str:
    word = text.casefold()
    if word in TRUE_WORDS:
        return "true"
    if word in FALSE_WORDS:
        return "false"
    raise CellError(_("Write yes or no (not “%(value)s”).") % {"value": text})


def _date(text: str) -> dt.date:
    head = text[:10] if re.match(r"^\d{4}-\d\d-\d\d[T ]00:00(:00)?$", text) else text
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(head, pattern).date()
        except ValueError:
            continue
    raise CellError(
        _("“%(value)s” is not a date; write it as 2024-03-31 or 31.03.2024.") % {"value": text}
    )


# The ISO shapes of DATETIME_FORMATS, read without ``strptime`` (most of a column's cost):
# a match builds the same datetime; anything else, or an impossible date, goes the slow way
# and gets the same answer or message as before.
_ISO_DATETIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:T([0-9]{2}):([0-9]{2}):([0-9]{2})| ([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)\Z"
)


def _datetime(text: str) -> str:
    match = _ISO_DATETIME.match(text)
    if match is not None:
        year, month, day, hour, minute, *second = (int(p) for p in match.groups() if p)
        try:
            moment = dt.datetime(year, month, day, hour, minute, second[0] if second else 0)
            return moment.isoformat(sep=" ")
        except ValueError:
            pass
    for pattern in DATETIME_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).isoformat(sep=" ")
        except ValueError:
            continue
    return _date(text).isoformat() + " 00:00"


def _kind_of(form_field: forms.Field) -> Kind:
    if isinstance(form_field, forms.ModelMultipleChoiceField):
        return "refs"
    if isinstance(form_field, forms.ModelChoiceField):
        return "ref"
    if isinstance(form_field, forms.MultipleChoiceField):
        return "multi"
    if isinstance(form_field, forms.ChoiceField):
        return "choice"
    if isinstance(form_field, forms.BooleanField | forms.NullBooleanField):
        return "bool"
    if isinstance(form_field, forms.DateTimeField):
        return "datetime"
    if isinstance(form_field, forms.DateField):
        return "date"
    if isinstance(form_field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return "number"
    return "text"


def _model_field(model: type[models.Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def _default(model_field: Any) -> Any:
    """A plain default of the model field (not a callable such as a generated code)."""
    if model_field is None or not model_field.has_default() or callable(model_field.default):
        return None
    return model_field.default


def columns_for(kind: ImportKind, user: Any = None) -> list[Column]:
    """The columns of ``kind``: its reference first, its parent next, then the form's fields."""
    form = kind.form_class(user=user)  # type: ignore[call-arg]
    fields: dict[str, forms.Field] = dict(form.fields)
    if kind.parent:
        model_field = kind.model._meta.get_field(kind.parent)
        parent = forms.ModelChoiceField(
            queryset=model_field.related_model.objects.visible_to(user),  # type: ignore[union-attr]
            label=model_field.verbose_name,  # type: ignore[union-attr]
        )
        fields = {kind.parent: parent, **fields}
    result = [Column("source_ref", SOURCE_REF_LABEL, SOURCE_REF_HELP, required=True, kind="text")]
    for name, form_field in fields.items():
        if name == "source_ref":
            continue
        column_kind = _kind_of(form_field)
        choices: list[tuple[str, Any]] = []
        if column_kind in ("choice", "multi"):
            offered = form_field.choices  # type: ignore[attr-defined]
            choices = [(str(v), label) for v, label in _flat(offered) if v != ""]
        resolver = None
        if column_kind in ("ref", "refs"):
            resolver = resolver_for(form_field.queryset)  # type: ignore[attr-defined]
        model_field = _model_field(kind.model, name)
        default = _default(model_field)
        result.append(
            Column(
                name,
                form_field.label or name,
                form_field.help_text or getattr(model_field, "help_text", ""),
                required=form_field.required and name != kind.owner_field and default is None,
                kind=column_kind,
                choices=choices,
                resolver=resolver,
                default=default,
            )
        )
    return result


def _flat(choices: Iterable[Any]) -> Iterable[tuple[Any, Any]]:
    for value, label in choices:
        if isinstance(label, list | tuple):
            yield from label
        else:
            yield value, label


def header_aliases(columns: list[Column]) -> dict[str, str]:
    """Every spelling of a header the importer accepts: the field name, or its label in any
    of the three languages (a clerk may type the labels of row 2 into row 1)."""
    from tipdata.intake.readers import header_key

    aliases: dict[str, str] = {}
    for column in columns:
        aliases[header_key(column.name)] = column.name
        for language in LANGUAGES:
            with translation.override(language):
                aliases.setdefault(header_key(str(column.label)), column.name)
    return aliases
