"""The victim record type as the generic pages and API serve it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from tipdata.core.registry import RecordType, TransitionForm, register
from tipdata.victims import selectors, services
from tipdata.victims.filters import VictimFilter
from tipdata.victims.forms import DecisionForm, IdentifyForm, VictimForm
from tipdata.victims.models import Victim


def _related(victim: Any, user: Any) -> list[tuple[str, Any]]:
    return [(str(_(title)), items) for title, items in selectors.lineage(victim, user)]


VICTIMS = register(
    RecordType(
        model=Victim,
        slug="victims",
        filterset_class=VictimFilter,
        list_columns=[
            "code",
            "status",
            "sex",
            "age_group",
            "citizenship",
            "registered_by",
            "registered_on",
        ],
        create_form=VictimForm,
        edit_form=VictimForm,
        create=services.register_victim,
        update=services.update_victim,
        transitions=[
            TransitionForm("identify", IdentifyForm, services.identify_victim),
            TransitionForm("find_not_a_victim", DecisionForm, services.find_not_a_victim),
            TransitionForm("revoke_identification", DecisionForm, services.revoke_identification),
        ],
        detail_sections=[
            "victims/_personal.html",
            "victims/_exploitation.html",
            "referrals/_refer_victim.html",
        ],
        related=_related,
    )
)
