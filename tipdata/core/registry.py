"""Declarations of the record types that the generic pages and API serve.

A domain app declares its record types once (model, form, filter set, columns, service
functions); ``tipdata.core.views`` turns each into list, detail, create, edit and transition
pages, and the same filter set serves the API. That keeps every page on the one write path
(the declared services) and the one read path (``visible_to``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django_filters import FilterSet

from tipdata.core.models import Record

CreateService = Callable[..., Record]
UpdateService = Callable[..., Record]


@dataclass
class TransitionForm:
    """A named step offered on the detail page, with the form for its extra fields.

    Most steps are transitions of the model's workflow, offered from the states they start
    from. A step that is not (linking a hotline call to a case) is offered in any state and
    shows ``label``. ``allowed`` hides a step from users who may not take it (only the
    receiving organisation accepts a referral); the service still enforces the rule.
    """

    name: str
    form_class: type[forms.Form]
    service: Callable[..., Record]
    label: Any = ""
    allowed: Callable[[Any, Any], bool] | None = None


@dataclass
class RecordType:
    model: type[Record]
    slug: str
    filterset_class: type[FilterSet]
    list_columns: list[str]
    create_form: type[forms.ModelForm] | None = None
    edit_form: type[forms.ModelForm] | None = None
    create: CreateService | None = None
    update: UpdateService | None = None
    transitions: list[TransitionForm] = field(default_factory=list)
    detail_sections: list[str] = field(default_factory=list)
    related: Callable[[Any, Any], Iterable[tuple[str, Any]]] | None = None
    nav_group: str = ""
    creatable_by: Callable[[Any], bool] | None = None

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def verbose_name_plural(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def split_m2m(self, cleaned: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Separate many-to-many values (set after save) from plain field values."""
        m2m_names = {f.name for f in self.model._meta.many_to_many}
        data = {k: v for k, v in cleaned.items() if k not in m2m_names}
        m2m = {k: v for k, v in cleaned.items() if k in m2m_names}
        return data, m2m


REGISTRY: dict[str, RecordType] = {}


def register(record_type: RecordType) -> RecordType:
    """Declare a record type; keyed by namespace and model, as one app may declare several."""
    REGISTRY[f"{record_type.slug}:{record_type.model._meta.model_name}"] = record_type
    return record_type
