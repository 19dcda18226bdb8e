"""The referral and service record types as the generic pages and API serve them."""

from __future__ import annotations

from tipdata.accounts.access import can_create
from tipdata.core.registry import RecordType, TransitionForm, register
from tipdata.referrals import selectors, services
from tipdata.referrals.filters import ReferralFilter, ServiceDeliveryFilter
from tipdata.referrals.forms import (
    AcceptForm,
    CompleteForm,
    DeclineForm,
    ReferralForm,
    ServiceDeliveryForm,
    WithdrawForm,
)
from tipdata.referrals.models import Referral, ServiceDelivery

REFERRALS = register(
    RecordType(
        model=Referral,
        slug="referrals",
        filterset_class=ReferralFilter,
        list_columns=[
            "victim",
            "from_organisation",
            "to_organisation",
            "referred_on",
            "status",
            "responded_on",
        ],
        create_form=ReferralForm,
        edit_form=ReferralForm,
        create=services.refer_victim,
        update=services.update_referral,
        transitions=[
            TransitionForm(
                "accept", AcceptForm, services.accept_referral, allowed=services.is_receiver
            ),
            TransitionForm(
                "decline", DeclineForm, services.decline_referral, allowed=services.is_receiver
            ),
            TransitionForm(
                "complete", CompleteForm, services.complete_referral, allowed=services.is_receiver
            ),
            TransitionForm(
                "withdraw", WithdrawForm, services.withdraw_referral, allowed=services.is_referrer
            ),
        ],
        detail_sections=["core/_personal_fields.html"],
        related=selectors.referral_lineage,
        nav_group="referrals",
        creatable_by=lambda user: can_create(user, Referral),
    )
)

SERVICES = register(
    RecordType(
        model=ServiceDelivery,
        slug="referrals",
        filterset_class=ServiceDeliveryFilter,
        list_columns=["kind", "victim", "provider", "outcome", "started_on", "ended_on", "funding"],
        create_form=ServiceDeliveryForm,
        edit_form=ServiceDeliveryForm,
        create=services.record_service,
        update=services.update_service,
        detail_sections=["core/_personal_fields.html"],
        related=selectors.service_lineage,
        nav_group="referrals",
        creatable_by=lambda user: can_create(user, ServiceDelivery),
    )
)

# The URL path of the service pages ("services/" reads better than the model's plural).
SERVICES_PATH = "services/"
