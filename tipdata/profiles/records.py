"""The profile's reference data as generic pages: browsable by all, extendable by administrators."""

from __future__ import annotations

from typing import Any

from tipdata.accounts.services import is_administrator
from tipdata.core.registry import RecordType, register
from tipdata.profiles import filters, forms, services
from tipdata.profiles.models import AgencyType, ExchangeRate, PenalArticle, Region


def reference(model: Any, filterset: Any, columns: list[str], form: Any, create: Any) -> RecordType:
    """Declare one kind of reference data (the generic pages need only the Record's API)."""
    return register(
        RecordType(
            model=model,
            slug="profiles",
            filterset_class=filterset,
            list_columns=columns,
            create_form=form,
            edit_form=form,
            create=create,
            update=services.update_reference,
            nav_group="reference",
            creatable_by=is_administrator,
        )
    )


REGIONS = reference(
    Region, filters.RegionFilter, ["name", "code", "kind"], forms.RegionForm, services.add_region
)
ARTICLES = reference(
    PenalArticle,
    filters.PenalArticleFilter,
    ["code", "title", "is_trafficking"],
    forms.PenalArticleForm,
    services.add_article,
)
AGENCY_TYPES = reference(
    AgencyType,
    filters.AgencyTypeFilter,
    ["name", "code", "kind", "government"],
    forms.AgencyTypeForm,
    services.add_agency_type,
)
EXCHANGE_RATES = reference(
    ExchangeRate,
    filters.ExchangeRateFilter,
    ["year", "currency", "per_usd", "source"],
    forms.ExchangeRateForm,
    services.add_exchange_rate,
)

REFERENCE_TYPES = [REGIONS, ARTICLES, AGENCY_TYPES, EXCHANGE_RATES]
