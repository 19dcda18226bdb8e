"""Read-only API of the country profile's reference data (writes: the pages or the admin)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers, viewsets

from tipdata.profiles import filters
from tipdata.profiles.models import AgencyType, Country, ExchangeRate, PenalArticle, Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name", "kind"]


class PenalArticleSerializer(serializers.ModelSerializer):
    class Meta:
        model = PenalArticle
        fields = ["id", "code", "title", "is_trafficking"]


class AgencyTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgencyType
        fields = ["id", "code", "name", "kind", "government"]


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "alpha3", "name"]


class ExchangeRateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExchangeRate
        fields = ["id", "currency", "year", "per_usd", "source"]


class ReferenceViewSet(viewsets.ReadOnlyModelViewSet):
    """Reads start from ``visible_to`` like every other read."""

    model: Any

    def get_queryset(self) -> Any:
        return self.model.objects.visible_to(self.request.user)


def reference_viewset(serializer: Any, filterset: Any) -> type[ReferenceViewSet]:
    name = serializer.__name__.replace("Serializer", "ViewSet")
    return type(
        name,
        (ReferenceViewSet,),
        {
            "model": serializer.Meta.model,
            "lookup_field": serializer.Meta.model._meta.pk.name,  # countries: the ISO code
            "serializer_class": serializer,
            "filterset_class": filterset,
        },
    )


ROUTES = [
    ("regions", reference_viewset(RegionSerializer, filters.RegionFilter), "region"),
    (
        "penal-articles",
        reference_viewset(PenalArticleSerializer, filters.PenalArticleFilter),
        "penal-article",
    ),
    (
        "agency-types",
        reference_viewset(AgencyTypeSerializer, filters.AgencyTypeFilter),
        "agency-type",
    ),
    ("countries", reference_viewset(CountrySerializer, filters.CountryFilter), "country"),
    (
        "exchange-rates",
        reference_viewset(ExchangeRateSerializer, filters.ExchangeRateFilter),
        "exchange-rate",
    ),
]
