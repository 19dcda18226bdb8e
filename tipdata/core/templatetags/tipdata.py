"""Template helpers for the generic record pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist

register = template.Library()


@register.simple_tag
def field_label(model: Any, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:
        return name.replace("_", " ").capitalize()


@register.simple_tag
def cell(obj: Any, name: str) -> Any:
    """A record's display value for a list column (choice labels, related names)."""
    display = getattr(obj, f"get_{name}_display", None)
    if callable(display):
        return display()
    value = getattr(obj, name, "")
    if hasattr(value, "all"):
        return ", ".join(str(v) for v in value.all())
    return "—" if value in (None, "") else value
