"""The OpenAPI description of ``POST .../transitions/<name>/``, read from the record type.

A record type's steps are data (``RecordType.transitions``, each with the form of its extra
fields), so the schema states them instead of a bare string and an undeclared body: ``name``
is one of the type's step names, and the body has the fields of the steps' forms. Clients see
what they may send, and the API fuzzer (``security_tests/test_api_fuzz.py``) sends real step
names with generated bodies rather than only unknown paths.

One body schema per record type covers all its steps (a step ignores fields it does not
take); which fields a step requires is checked by its form, as on the web page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers


def choice_values(field: forms.ChoiceField) -> list[Any]:
    """The non-empty values a choice field accepts (its blank "---------" left out)."""
    choices: Any = field.choices
    return [value for value, _label in choices if value != ""]


def body_field(field: forms.Field) -> serializers.Field:
    """The API shape of one form field: the same value set, never required at schema level."""
    common: dict[str, Any] = {"required": False, "help_text": str(field.help_text or "")}
    if isinstance(field, forms.ModelMultipleChoiceField):
        return serializers.ListField(child=serializers.IntegerField(), **common)
    if isinstance(field, forms.ModelChoiceField):
        return serializers.IntegerField(allow_null=True, **common)
    if isinstance(field, forms.MultipleChoiceField):
        return serializers.MultipleChoiceField(choices=choice_values(field), **common)
    if isinstance(field, forms.ChoiceField):
        return serializers.ChoiceField(choices=choice_values(field), allow_blank=True, **common)
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(**common)
    if isinstance(field, forms.DateTimeField):
        return serializers.DateTimeField(allow_null=True, **common)
    if isinstance(field, forms.DateField):
        return serializers.DateField(allow_null=True, **common)
    if isinstance(field, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=field.max_digits, decimal_places=field.decimal_places, **common
        )
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(allow_null=True, **common)
    return serializers.CharField(allow_blank=True, **common)


class TransitionSchema(AutoSchema):
    """Schema of the transition action of a ``RecordViewSet``: step names and step fields."""

    def steps(self) -> list[Any]:
        record_type = getattr(self.view, "record_type", None)
        return list(record_type.transitions) if record_type is not None else []

    def get_override_parameters(self) -> list[Any]:
        names = [step.name for step in self.steps()]
        name = OpenApiParameter(
            "name", str, OpenApiParameter.PATH, enum=names or None, description="the step"
        )
        return [*super().get_override_parameters(), name]

    def get_request_serializer(self) -> Any:
        fields: dict[str, serializers.Field] = {}
        for step in self.steps():
            for field_name, field in step.form_class.base_fields.items():
                fields.setdefault(field_name, body_field(field))
        record_type = getattr(self.view, "record_type", None)
        model = record_type.model.__name__ if record_type is not None else "Record"
        return inline_serializer(name=f"{model}Step", fields=fields)
