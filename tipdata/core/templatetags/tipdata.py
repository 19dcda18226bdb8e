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


@register.filter
def may_create(user: Any, model_label: str) -> bool:
    """Offer an "add" link only to users whose role records that model (``app.model``)."""
    from django.apps import apps

    from tipdata.accounts.access import can_create

    return can_create(user, apps.get_model(model_label))
