"""Read-only API of the reference data."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("endpoint", "query", "expected"),
    [
        ("regions", "kind=city", 3),
        ("penal-articles", "q=128", 1),
        ("agency-types", "kind=police", 2),
        ("countries", "q=uzbek", 1),
        ("exchange-rates", "year=2020", 1),
    ],
)
def test_read_and_filter(api_as, case_worker, endpoint, query, expected):
    client = api_as(case_worker)
    assert client.get(f"/api/{endpoint}/").status_code == 200
    assert client.get(f"/api/{endpoint}/?{query}").json()["count"] == expected


def test_detail_and_read_only(api_as, admin_user):
    client = api_as(admin_user)
    assert client.get("/api/countries/KZ/").json()["alpha3"] == "KAZ"
    rate = client.get("/api/exchange-rates/?year=2020").json()["results"][0]
    assert rate["per_usd"] == "421.2700" and rate["currency"] == "KZT"
    assert client.post("/api/regions/", {"code": "X", "name": "X"}).status_code == 405


def test_anonymous_refused(client):
    assert client.get("/api/regions/").status_code in (401, 403)
