"""The record types a spreadsheet may carry, each tied to the services of its pages.

An ``ImportKind`` does not describe columns or rules of its own: it points at the record type
the web pages and API already declare (``core.registry``), so the template's columns come from
the same form, and every row is written by the same create/update service. Sub-records created
from a parent's page (a suspect added to a case) name their parent in a column of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipdata.core.models import Record
from tipdata.core.registry import RecordType

RECORD_MODULES = (
    "victims",
    "referrals",
    "cases",
    "hotline",
    "inspections",
    "activities",
)


@dataclass(frozen=True)
class ImportKind:
    """One importable record type.

    ``parent`` names the column (and model field) holding the record a sub-record belongs to;
    ``scope`` is what ``source_ref`` is unique within: the owner, or that parent.
    ``create_many`` is the service's batched variant (``entries=[(data, m2m), ...]``, raising
    ``core.services.RecordsRejected``) for the types that come in bulk; the importer writes
    their new rows through it, a chunk at a time.
    """

    slug: str
    record_type: RecordType
    form_class: type[forms.BaseForm]
    create: Callable[..., Record]
    update: Callable[..., Record]
    parent: str = ""
    create_many: Callable[..., list[Any]] | None = None

    @property
    def model(self) -> type[Record]:
        return self.record_type.model

    @property
    def owner_field(self) -> str:
        return self.model.OWNER_FIELD

    @property
    def scope(self) -> str:
        return self.parent or self.owner_field

    @property
    def title(self) -> str:
        return str(self.model._meta.verbose_name).capitalize()

    def existing(self, data: Mapping[str, Any], source_ref: str) -> Record | None:
        """The record this row updates: same scope, same agency reference."""
        value = data.get(self.scope)
        if not source_ref or value is None:
            return None
        found = self.model.objects.filter(**{self.scope: value, "source_ref": source_ref})
        return next(iter(found.order_by()[:1]), None)  # no ordering: one index probe

    def may_import(self, user: Any) -> bool:
        """Users who may create this type on its pages may import it (for their organisation)."""
        from tipdata.accounts.access import can_create

        allowed = self.record_type.creatable_by or (lambda u: can_create(u, self.model))
        return bool(user and user.is_authenticated and allowed(user))


def _plain(
    record_type: RecordType, slug: str, create_many: Callable[..., list[Any]] | None = None
) -> ImportKind:
    assert record_type.create_form and record_type.create and record_type.update
    return ImportKind(
        slug,
        record_type,
        record_type.create_form,
        record_type.create,
        record_type.update,
        create_many=create_many,
    )


def _defendants() -> ImportKind:
    """Suspects are added to a case (``cases.services.add_defendant``): ``case`` is a column."""
    from tipdata.cases import records, services

    def create(*, actor: Any, data: Mapping[str, Any], m2m: Any = None) -> Record:
        fields = dict(data)
        case = fields.pop("case")
        return services.add_defendant(actor=actor, case=case, data=fields)

    def update(*, actor: Any, instance: Any, data: Mapping[str, Any], m2m: Any = None) -> Record:
        return services.update_defendant(actor=actor, instance=instance, data=data, m2m=m2m)

    nested = next(n for n in records.NESTED if n.segment == "defendants")
    return ImportKind(
        "defendants", records.DEFENDANTS, nested.form_class, create, update, parent="case"
    )


def _build() -> dict[str, ImportKind]:
    for app in RECORD_MODULES:
        import_module(f"tipdata.{app}.records")
    from tipdata.activities import records as activities
    from tipdata.cases import records as cases
    from tipdata.hotline import records as hotline
    from tipdata.hotline import services as hotline_services
    from tipdata.inspections import records as inspections
    from tipdata.inspections import services as inspection_services
    from tipdata.referrals import records as referrals
    from tipdata.victims import records as victims
    from tipdata.victims import services as victim_services

    kinds = [
        _plain(victims.VICTIMS, "victims", create_many=victim_services.register_victims),
        _plain(referrals.REFERRALS, "referrals"),
        _plain(referrals.SERVICES, "services"),
        _plain(cases.CASES, "cases"),
        _defendants(),
        _plain(hotline.CALLS, "hotline", create_many=hotline_services.record_calls),
        _plain(inspections.INSPECTIONS, "inspections", create_many=inspection_services.create_many),
    ]
    activity_slugs = {
        "training": "trainings",
        "awarenesscampaign": "campaigns",
        "specialoperation": "operations",
        "workinggroupmeeting": "meetings",
        "grant": "grants",
        "taskforce": "taskforces",
        "bilateralagreement": "agreements",
        "capacityfigure": "capacity",
        "repatriation": "repatriations",
    }
    for record_type in activities.ACTIVITY_TYPES:
        name = str(record_type.model._meta.model_name)
        kinds.append(_plain(record_type, activity_slugs[name]))
    return {kind.slug: kind for kind in kinds}


_KINDS: dict[str, ImportKind] = {}


def import_kinds() -> dict[str, ImportKind]:
    """Every importable type by slug (built on first use: the record modules need the apps)."""
    if not _KINDS:
        _KINDS.update(_build())
    return _KINDS


class UnknownKind(ValueError):
    pass


def get_kind(slug: str) -> ImportKind:
    kinds = import_kinds()
    if slug not in kinds:
        raise UnknownKind(
            _("Unknown record type '%(slug)s'; choose one of: %(kinds)s")
            % {"slug": slug, "kinds": ", ".join(kinds)}
        )
    return kinds[slug]


def has_source_ref(model: type[models.Model]) -> bool:
    return any(f.name == "source_ref" for f in model._meta.concrete_fields)
