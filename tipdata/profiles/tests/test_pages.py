"""Reference-data pages: browsable by every signed-in user, extendable by administrators."""

from __future__ import annotations

import pytest

from tipdata.profiles.models import AgencyType, ExchangeRate, PenalArticle

pytestmark = pytest.mark.django_db

PAGES = ["regions", "penalarticles", "agencytypes", "exchangerates"]


@pytest.mark.parametrize("page", PAGES)
def test_everyone_browses(client, case_worker, page):
    client.force_login(case_worker)
    listing = client.get(f"/profiles/{page}/")
    assert listing.status_code == 200
    assert "Record a" not in listing.content.decode()
    assert client.get(f"/profiles/{page}/new/").status_code == 403


def test_list_filters(client, case_worker):
    client.force_login(case_worker)
    cities = client.get("/profiles/regions/?kind=city").content.decode()
    assert "3 records" in cities and "Shymkent" in cities
    found = client.get("/profiles/penalarticles/?q=minors").content.decode()
    assert "2 records" in found
    rates = client.get("/profiles/exchangerates/?year=2020").content.decode()
    assert "1 record" in rates and "421.27" in rates


def test_administrator_adds_and_edits_an_article(client, admin_user, case_worker):
    client.force_login(admin_user)
    data = {"code": "116", "title": "Forced labour", "is_trafficking": "on"}
    response = client.post("/profiles/penalarticles/new/", data)
    assert response.status_code == 302
    article = PenalArticle.objects.get(code="116")
    response = client.post(f"/profiles/penalarticles/{article.pk}/edit/", {**data, "title": "x"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "x"
    detail = client.get(f"/profiles/penalarticles/{article.pk}/").content.decode()
    assert "History" in detail and "Created" in detail

    client.force_login(case_worker)
    response = client.post(f"/profiles/penalarticles/{article.pk}/edit/", {**data, "title": "y"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "x"


def test_bad_input_names_the_field(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/profiles/exchangerates/new/", {"year": "2013", "per_usd": "0"})
    assert response.status_code == 400 and "per_usd" in response.context["form"].errors
    response = client.post(
        "/profiles/agencytypes/new/", {"code": "NGO_SHELTER", "name": "Again", "kind": "ngo"}
    )
    assert response.status_code == 400
    assert not ExchangeRate.objects.filter(year=2013).exists()
    assert AgencyType.objects.filter(code="NGO_SHELTER").count() == 1


def test_index_lists_agencies_and_reference_data(client, case_worker, admin_user):
    client.force_login(case_worker)
    page = client.get("/profiles/").content.decode()
    assert 'href="/profiles/"' in page  # the main navigation leads here
    assert "Penal-code articles" in page and "Organisations" in page
    assert "/accounts/users/" not in page and "/profiles/regions/new/" not in page
    client.force_login(admin_user)
    page = client.get("/profiles/").content.decode()
    assert "/accounts/users/" in page and "/profiles/regions/new/" in page
