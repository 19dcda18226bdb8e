"""The page's form, built once per import and bound to each row in turn.

A row is checked by the same form the web page uses (its fields, its ``clean`` methods, its
messages), but building that form for every row of a 100,000-row file cost more than writing
the row: the fields are deep-copied and every choice of a related record (the operator, a
region) is looked up with a query of its own. Here the form is built once, re-bound to each
row's data, and the lookups of related records are remembered for the whole import (the same
queryset, so the same answer): the checks and messages are the form's, the cost is not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from tipdata.intake.kinds import ImportKind


def make_form(kind: ImportKind, data: dict[str, Any], actor: Any) -> Any:
    """The page's form for ``kind``; without a user (an operator's command-line import) the
    choice of related records is not narrowed to one organisation's view."""
    form = kind.form_class(data, user=actor)  # type: ignore[call-arg]
    if kind.parent:
        related = kind.model._meta.get_field(kind.parent).related_model
        queryset = related.objects.all()  # type: ignore[union-attr]
        form.fields[kind.parent] = forms.ModelChoiceField(
            queryset=queryset if actor is None else queryset.visible_to(actor)
        )
    if actor is None:
        for form_field in form.fields.values():
            queryset = getattr(form_field, "queryset", None)
            if queryset is not None:
                form_field.queryset = queryset.model._default_manager.all()  # type: ignore[attr-defined]
    return form


def _remembered(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert`` with its answers (and refusals) kept by the value asked about."""
    answers: dict[Any, tuple[bool, Any]] = {}

    def remembered(value: Any) -> Any:
        key = tuple(str(v) for v in value) if isinstance(value, list | tuple) else str(value)
        if key not in answers:
            try:
                answers[key] = (True, convert(value))
            except ValidationError as error:
                answers[key] = (False, error)
        found, answer = answers[key]
        if not found:
            raise answer
        return answer

    return remembered


# Form fields whose ``clean`` depends on the cell's value alone (no database, no clock, no
# other field): a column of a 100,000-row file holds a handful of codes or small numbers, so
# each distinct value is checked once and its answer (or message) reused. The form's own
# ``clean_<field>`` and ``clean`` still run for every row.
_PURE_FIELDS: frozenset[type[forms.Field]] = frozenset(
    {
        forms.ChoiceField,
        forms.TypedChoiceField,
        forms.IntegerField,
        forms.BooleanField,
        forms.NullBooleanField,
    }
)


class RowForm:
    """Checks rows with one form instance: ``check(data)`` → (cleaned data, errors)."""

    def __init__(self, kind: ImportKind, actor: Any) -> None:
        self.form = make_form(kind, {}, actor)
        for form_field in self.form.fields.values():
            if isinstance(form_field, forms.ModelMultipleChoiceField):
                check = form_field._check_values  # type: ignore[attr-defined]
                form_field._check_values = _remembered(check)  # type: ignore[attr-defined]
            elif isinstance(form_field, forms.ModelChoiceField):
                form_field.to_python = _remembered(form_field.to_python)  # type: ignore[assignment,method-assign]
            elif type(form_field) in _PURE_FIELDS:
                form_field.clean = _remembered(form_field.clean)  # type: ignore[method-assign]

    def check(self, data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
        """The form's cleaned data for ``data``, or its messages by field."""
        form = self.form
        form.data, form.is_bound = data, True
        form.full_clean()
        if form._errors:
            return {}, {name: list(messages) for name, messages in form._errors.items()}
        return {name: _settled(value) for name, value in form.cleaned_data.items()}, {}


def _settled(value: Any) -> Any:
    """A many-to-many choice as a list: the form's empty choice is ``queryset.none()``, which
    costs a compiled query each time a service asks whether it is empty."""
    if isinstance(value, QuerySet):
        return [] if value.query.is_empty() else list(value)
    return value
