"""Personal fields of records other than the victim's own (referral notes, call summaries).

A referral's notes or a hotline call's summary can name a person as surely as the victim's
record does. They are listed in ``PERSONAL_FIELDS`` (and encrypted where the model says so),
left out of lists, the generic detail fields and the audit diff, and shown only on request
to the roles that work with people, each showing audited, like the victim's personal data.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tipdata.accounts.access import can_see_personal
from tipdata.accounts.services import is_administrator
from tipdata.audit.services import Action, record_event
from tipdata.core.api import RecordSerializer
from tipdata.core.models import Record
from tipdata.core.registry import RecordType


def personal_fields_for(user: Any, record: Record) -> dict[str, Any] | None:
    """The personal fields of ``record`` by name, or None if ``user`` may not see them.

    ``can_see_personal`` asks whether the record is in the user's scope and their role works
    with people (never analysts, the secretariat or auditors). A showing that reveals any
    value is written to the audit trail.
    """
    if not can_see_personal(user, record):
        return None
    values = {name: getattr(record, name) for name in record.PERSONAL_FIELDS}
    if any(value not in (None, "") for value in values.values()):
        record_event(actor=user, action=Action.VIEW_PERSONAL, obj=record)
    return values


def personal_panel(record_type: RecordType) -> Any:
    """The page fragment that shows a record's personal fields when a user asks for them."""

    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        from tipdata.core.views import get_visible

        record = get_visible(record_type, request, pk)
        values = personal_fields_for(request.user, record)
        rows = None
        if values is not None:
            meta = record._meta
            rows = [(str(meta.get_field(k).verbose_name), v) for k, v in values.items()]
        return render(request, "core/_personal_fields_panel.html", {"rows": rows})

    return view


def fit_form_to_user(form: Any, owner_field: str) -> None:
    """Fit a record form to its user: the owning organisation is theirs, personal fields
    are typed on creation only (viewing them later is an audited request of its own)."""
    if not is_administrator(form.user):
        form.fields.pop(owner_field)
    if form.instance.pk:
        for name in form.instance.PERSONAL_FIELDS:
            form.fields.pop(name, None)


class PersonalFieldsSerializer(RecordSerializer):
    """A record serializer whose personal fields are write-only and read back on request.

    ``personal_data`` carries them only on the detail endpoint, for users allowed to see
    them, and each such response is audited; lists never carry them.
    """

    personal_data = serializers.SerializerMethodField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model: Any = self.Meta.model
        for name in model.PERSONAL_FIELDS:
            if name in self.fields:
                self.fields[name].write_only = True

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_personal_data(self, record: Record) -> dict[str, Any] | None:
        request = self.context.get("request")
        view = self.context.get("view")
        if request is None or getattr(view, "action", None) != "retrieve":
            return None
        return personal_fields_for(request.user, record)
