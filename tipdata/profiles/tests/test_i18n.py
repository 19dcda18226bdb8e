"""The interface speaks English, Russian and Kazakh, and the user switches between them."""

from __future__ import annotations

import pytest
from django.utils import translation

from tipdata.accounts.models import Role
from tipdata.victims.models import VictimStatus

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title", "nav"),
    [
        ("ru", "Национальная система данных по противодействию торговле людьми", "Жертвы"),
        ("kk", "Адам саудасына қарсы іс-қимылдың ұлттық деректер жүйесі", "Жәбірленушілер"),  # noqa: RUF001 (Kazakh)
    ],
)
def test_switching_the_language_translates_the_home_page(client, case_worker, language, title, nav):
    client.force_login(case_worker)
    assert "National anti-trafficking data system" in client.get("/").content.decode()
    response = client.post("/i18n/setlang/", {"language": language, "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert f'<html lang="{language}">' in page
    assert title in page and f">{nav}</a>" in page
    assert "National anti-trafficking data system" not in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "National anti-trafficking data system" in client.get("/").content.decode()


def test_sign_in_page_follows_the_browser_language(client):
    page = client.get("/accounts/login/", headers={"accept-language": "kk"}).content.decode()
    assert "Кіру" in page  # noqa: RUF001 (Kazakh for "Sign in")


@pytest.mark.parametrize("language", ["ru", "kk"])
@pytest.mark.parametrize("choices", [Role, VictimStatus])
def test_roles_and_victim_statuses_are_translated(language, choices):
    with translation.override("en"):
        english = {value: str(label) for value, label in choices.choices}
    with translation.override(language):
        untranslated = [value for value, label in choices.choices if str(label) == english[value]]
    assert untranslated == []
