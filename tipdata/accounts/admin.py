"""Django admin for organisations and users, and ``AuditedAdmin`` for every tipdata model.

The admin site is a maintenance tool for administrators; its writes bypass the domain
services, so ``AuditedAdmin`` writes the audit entry in the admin's own transaction: nothing
changes in tipdata without a trace, whichever door it came through.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tipdata.accounts.models import Organisation, User
from tipdata.audit.services import Action, diff, record_event, snapshot

ADMIN_REASON = "admin site"


class AuditedAdmin(admin.ModelAdmin):
    """A model admin whose saves and deletions are audited like service writes."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)
        changes = diff(before, snapshot(obj))
        for name in form.changed_data:
            if name in {f.name for f in obj._meta.many_to_many}:
                changes[name] = ["<changed>", sorted(str(v) for v in form.cleaned_data[name])]
        if changes or not change:
            record_event(
                actor=request.user,
                action=Action.UPDATE if change else Action.CREATE,
                obj=obj,
                changes=changes,
                reason=ADMIN_REASON,
            )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        if formset.has_changed():
            rows = [str(row) for row in formset.get_queryset()]
            record_event(
                actor=request.user,
                action=Action.UPDATE,
                obj=form.instance,
                changes={formset.prefix: ["<changed>", rows]},
                reason=ADMIN_REASON,
            )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        record_event(
            actor=request.user,
            action=Action.DELETE,
            obj=obj,
            changes={k: [v, None] for k, v in snapshot(obj).items()},
            reason=ADMIN_REASON,
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "code", "agency_type", "region", "active"]
    list_filter = ["agency_type", "region", "active"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]


@admin.register(User)
class TipdataUserAdmin(AuditedAdmin, UserAdmin):  # type: ignore[misc]
    list_display = ["username", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "organisation", "is_active", "is_staff"]
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        (_("Role in tipdata"), {"fields": ("role", "organisation")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Role in tipdata"), {"fields": ("role", "organisation")}),
    )
