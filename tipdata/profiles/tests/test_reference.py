"""The profile's reference data: loaded from the profile file, extended by administrators."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tipdata.audit.models import AuditEntry
from tipdata.profiles import services
from tipdata.profiles.models import ExchangeRate, PenalArticle, Region
from tipdata.profiles.selectors import usd_rate

pytestmark = pytest.mark.django_db


def test_kazakhstan_profile_has_its_regions_articles_and_rates(profile):
    assert profile.regions.count() == 20
    assert profile.regions.filter(kind=Region.Kind.CITY).count() == 3
    codes = set(profile.articles.values_list("code", flat=True))
    assert codes == {"128", "134", "135", "308", "125(3)(b)", "126(3)(b)"}
    assert usd_rate("KZT", 2020) == Decimal("421.27")


def test_administrator_adds_an_article_that_survives_a_reload(admin_user, profile):
    article = services.add_article(
        actor=admin_user, data={"code": "116", "title": "Forced labour", "is_trafficking": True}
    )
    assert article.profile == profile
    assert AuditEntry.objects.filter(object_id=str(article.pk), action="create").exists()
    services.load_profile(profile.code)
    assert PenalArticle.objects.filter(profile=profile, code="116").exists()


def test_others_cannot_extend_the_profile(investigator, profile):
    with pytest.raises(PermissionDenied):
        services.add_region(actor=investigator, data={"code": "XXX", "name": "Nowhere"})
    assert not Region.objects.filter(code="XXX").exists()


def test_duplicates_and_bad_rates_are_named(admin_user, profile):
    with pytest.raises(ValidationError):
        services.add_article(actor=admin_user, data={"code": "128", "title": "again"})
    with pytest.raises(ValidationError) as error:
        services.add_exchange_rate(actor=admin_user, data={"year": 2014, "per_usd": Decimal("-1")})
    assert "per_usd" in error.value.message_dict
    rate = services.add_exchange_rate(
        actor=admin_user, data={"year": 2014, "per_usd": Decimal("179.19"), "source": "NBK"}
    )
    assert rate.currency == "KZT" and ExchangeRate.objects.filter(year=2014).count() == 1
