"""Who may read historical aggregate values: every signed-in role but the auditor.

They are published national figures with their sources, never about a person; only the
secretariat and administrators write them (``services.may_enter``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tipdata.accounts.access import ALL_ROLES, policy
from tipdata.accounts.models import Role


@policy("indicators.historicalvalue", roles=ALL_ROLES - {Role.AUDITOR})
def historical_values(queryset: QuerySet, user: Any) -> QuerySet:
    return queryset
