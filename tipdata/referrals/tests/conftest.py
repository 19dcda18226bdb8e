"""Referral fixtures: a victim the police registered, referred to the shelter."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from tipdata.audit.models import AuditEntry
from tipdata.referrals import services
from tipdata.victims.services import register_victim

D = datetime.date


def audit_of(record: Any) -> Any:
    """The audit entries about ``record`` (ids repeat across models, so match the type too)."""
    from django.contrib.contenttypes.models import ContentType

    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk)
    )


@pytest.fixture
def victim(investigator: Any) -> Any:
    return register_victim(
        actor=investigator,
        data={
            "registered_by": investigator.organisation,
            "registered_on": D(2020, 3, 2),
            "sex": "female",
            "age_group": "adult",
            "family_name": "Нурланова",
        },
    )


@pytest.fixture
def referral(investigator: Any, shelter: Any, victim: Any) -> Any:
    return services.refer_victim(
        actor=investigator,
        data={
            "victim": victim,
            "to_organisation": shelter,
            "referred_on": D(2020, 3, 3),
            "requested_services": ["shelter", "legal_aid"],
            "consent_given": True,
            "notes": "Needs an Uzbek interpreter",
        },
    )
