"""Reads about referrals and services, always starting from ``visible_to``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tipdata.referrals.models import Referral, ReferralStatus, ServiceDelivery


def referrals_for(user: Any) -> QuerySet[Referral]:
    return Referral.objects.visible_to(user).select_related(
        "victim", "from_organisation", "to_organisation"
    )


def services_for(user: Any) -> QuerySet[ServiceDelivery]:
    return ServiceDelivery.objects.visible_to(user).select_related("victim", "provider")


def referrals_received(user: Any) -> QuerySet[Referral]:
    """Referrals made to the user's organisation (what a shelter's inbox shows)."""
    return referrals_for(user).filter(to_organisation=getattr(user, "organisation_id", None))


def open_referrals_received(user: Any) -> QuerySet[Referral]:
    """Referrals the user's organisation has taken on: services may be recorded under them."""
    states = (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED)
    return referrals_received(user).filter(status__in=states)


def referral_lineage(referral: Referral, user: Any) -> list[tuple[str, Any]]:
    """The services delivered under a referral and the victim's other referrals."""
    return [
        (_("Services delivered under this referral"), services_for(user).filter(referral=referral)),
        (
            _("Other referrals of this victim"),
            referrals_for(user).filter(victim=referral.victim_id).exclude(pk=referral.pk),
        ),
    ]


def service_lineage(service: ServiceDelivery, user: Any) -> list[tuple[str, Any]]:
    """The referral a service answers, and the other services given to the same victim."""
    return [
        (_("Referral"), referrals_for(user).filter(services=service)),
        (
            _("Other services for this victim"),
            services_for(user).filter(victim=service.victim_id).exclude(pk=service.pk),
        ),
    ]
