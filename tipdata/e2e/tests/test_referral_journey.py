"""Issue 2's acceptance journey in a real Chromium.

A police investigator signs in, records a victim on the victim form and refers her to a
shelter; the shelter's case worker signs in, finds the referral in the shelter's "received"
list and accepts it. Everything goes through the pages a user sees: the real sign-in form
(with its second factor), the real forms, the real list filter.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tipdata.e2e.conftest import sign_in
from tipdata.referrals.models import Referral, ReferralStatus
from tipdata.testing.factories import PASSWORD
from tipdata.victims.models import PersonalData, Victim

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def record_victim(page: Any) -> str:
    """Fill the victim form as a clerk would; returns the code the system gave her."""
    page.goto("/victims/victims/new/")
    page.select_option("select[name=sex]", "female")
    page.select_option("select[name=age_group]", "adult")
    page.select_option("select[name=citizenship]", "UZ")
    page.check("input[name=exploitation_forms][value=ForcedLabour]")
    page.select_option("select[name=industry]", "A_AgricultureForestryAndFishing")
    page.fill("input[name=family_name]", "Каримова")
    page.fill("input[name=given_name]", "Нилуфар")
    page.fill("input[name=birth_year]", "1998")
    page.click("form.record-form button[type=submit]")
    page.wait_for_url("**/victims/victims/*/")
    return page.locator("h1").inner_text().split()[-1]


def refer_to_shelter(page: Any, shelter: Any) -> None:
    """From the victim's page: "Refer this victim", the victim already chosen on the form."""
    page.click("text=Refer this victim")
    page.wait_for_url("**/referrals/referrals/new/?victim=*")
    page.select_option("select[name=to_organisation]", label=shelter.name)
    page.check("input[name=requested_services][value=shelter]")
    page.check("input[name=requested_services][value=psychological]")
    page.check("input[name=consent_given]")
    page.fill("textarea[name=notes]", "Speaks Uzbek and Russian")
    page.click("form.record-form button[type=submit]")
    page.wait_for_url("**/referrals/referrals/*/")


def test_police_refer_a_victim_and_the_shelter_accepts(
    new_page: Any, investigator: Any, case_worker: Any, shelter: Any, screenshot_dir: Any
) -> None:
    police = new_page()
    sign_in(police, investigator, PASSWORD)
    code = record_victim(police)
    victim = Victim.objects.get(code=code)
    assert victim.registered_by == investigator.organisation
    assert PersonalData.objects.get(victim=victim).family_name == "Каримова"

    refer_to_shelter(police, shelter)
    assert "Pending" in police.locator("dl.fields").inner_text()
    referral = Referral.objects.get(victim=victim)
    assert referral.to_organisation == shelter and referral.consent_given
    assert referral.requested_services == ["shelter", "psychological"]

    ngo = new_page()
    sign_in(ngo, case_worker, PASSWORD)
    ngo.goto("/referrals/referrals/")
    ngo.select_option("select[name=direction]", "received")
    ngo.click("form.filters button[type=submit]")
    ngo.wait_for_url("**/referrals/referrals/?*direction=received*")
    row = ngo.locator("table.records tbody tr", has_text=code)
    expect(row).to_have_count(1)  # waits for the filtered list to be rendered
    assert investigator.organisation.name in row.inner_text()
    ngo.screenshot(path=str(screenshot_dir / "shelter-received-referrals.png"), full_page=True)

    row.locator("a").first.click()
    ngo.wait_for_url(f"**/referrals/referrals/{referral.pk}/")
    accept = ngo.locator("form.step", has=ngo.locator("button[value=accept]"))
    accept.locator("button[value=accept]").click()
    ngo.wait_for_url(f"**/referrals/referrals/{referral.pk}/")
    assert "Accepted" in ngo.locator("dl.fields").inner_text()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and referral.responded_on is not None
