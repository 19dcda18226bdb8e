"""Hotline API: the same filter set, validation and services as the pages.

What a call led to is recorded through ``POST /api/hotline-calls/<id>/transitions/link_case/``
(``case_number``) and ``.../link_victims/`` (``victim_codes``), by the hotline or by the body
the call was referred to. The summary is write-only and read back, audited, in
``personal_data`` on the detail endpoint.
"""

from __future__ import annotations

from typing import Any

from tipdata.core.api import RecordViewSet
from tipdata.core.personal import PersonalFieldsSerializer
from tipdata.hotline.forms import CALL_FIELDS
from tipdata.hotline.models import HotlineCall
from tipdata.hotline.records import CALLS


class HotlineCallSerializer(PersonalFieldsSerializer):
    class Meta:
        model = HotlineCall
        fields = ["id", *CALL_FIELDS, "case", "personal_data"]
        read_only_fields = ["case"]
        extra_kwargs = {"operator": {"required": False}}


class HotlineCallViewSet(RecordViewSet):
    record_type = CALLS
    serializer_class = HotlineCallSerializer

    def get_queryset(self) -> Any:
        return super().get_queryset().prefetch_related("victims")


ROUTES = [("hotline-calls", HotlineCallViewSet, "hotline-call")]
