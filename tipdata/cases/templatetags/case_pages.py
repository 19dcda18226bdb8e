"""Template helpers of the case pages: the hub's scoped reads and the "add ..." links.

The generic detail page renders ``detail_sections`` with the record only; these tags fetch
what the section shows through the selectors, for the signed-in user, so templates never
query records themselves.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from tipdata.accounts.access import can_write
from tipdata.cases import selectors
from tipdata.cases.records import NESTED
from tipdata.core.views import model_name

register = template.Library()


@register.simple_tag(takes_context=True)
def case_hub(context: Any, case: Any) -> dict[str, Any]:
    return selectors.hub(case, context["request"].user)


@register.simple_tag(takes_context=True)
def add_links(context: Any, parent: Any) -> list[tuple[Any, str]]:
    """The sub-records the user may add from ``parent``'s page, as (title, url)."""
    user = context["request"].user
    return [
        (spec.title, reverse(f"cases:{model_name(spec.child)}-create", args=[parent.pk]))
        for spec in NESTED
        if isinstance(parent, spec.parent.model)
        and spec.offered(parent)
        and spec.allowed(user, parent)
    ]


@register.simple_tag(takes_context=True)
def may_change(context: Any, record: Any) -> bool:
    """Whether to offer the owning organisation's controls (the services check again)."""
    return can_write(context["request"].user, record.owner)


@register.simple_tag(takes_context=True)
def visible_case(context: Any, record: Any) -> Any:
    """The case ``record`` belongs to, if the user may see it (else None)."""
    from tipdata.cases.models import CriminalCase

    user = context["request"].user
    return CriminalCase.objects.visible_to(user).filter(pk=record.case.pk).first()


@register.simple_tag(takes_context=True)
def visible_one(context: Any, record: Any, name: str) -> Any:
    """The record on the other side of the reverse one-to-one ``name`` (a defendant's verdict,
    a verdict's sentence), if the user may see it: relations must not bypass ``visible_to``."""
    field = record._meta.get_field(name)
    model = field.related_model
    lookup = {field.remote_field.name: record}
    return model.objects.visible_to(context["request"].user).filter(**lookup).first()
