"""The hotline call record type as the generic pages and API serve it."""

from __future__ import annotations

from tipdata.core.link_steps import lineage_steps
from tipdata.core.registry import RecordType, register
from tipdata.hotline import selectors, services
from tipdata.hotline.filters import HotlineCallFilter
from tipdata.hotline.forms import HotlineCallForm
from tipdata.hotline.models import HotlineCall

CALLS = register(
    RecordType(
        model=HotlineCall,
        slug="hotline",
        filterset_class=HotlineCallFilter,
        list_columns=[
            "received_at",
            "caller_type",
            "topic",
            "possible_victims",
            "outcome",
            "referred_to",
            "case",
        ],
        create_form=HotlineCallForm,
        edit_form=HotlineCallForm,
        create=services.record_call,
        update=services.update_call,
        transitions=lineage_steps(
            link_case=services.link_call_to_case,
            link_victims=services.link_call_victims,
            record_arg="call",
        ),
        detail_sections=["core/_personal_fields.html"],
        related=selectors.lineage,
        nav_group="hotline",
        creatable_by=services.may_record_calls,
    )
)
