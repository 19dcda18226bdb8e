"""End-to-end tests in a real Chromium (Debian's, driven by Playwright; never a download).

The browser runs against pytest-django's ``live_server``; the test itself reads and writes
the database between browser steps. Playwright's sync API runs an event loop in the test's
thread, which Django's async-safety check would take for async code, hence
``DJANGO_ALLOW_ASYNC_UNSAFE`` for this folder only.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tipdata.testing.factories import totp_code

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return os.environ.get("TIPDATA_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if not executable or not Path(executable).exists():
        pytest.skip(
            "Debian's chromium is not installed (apt-get install chromium, or set "
            "TIPDATA_CHROMIUM): end-to-end browser tests skipped."
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """``new_page()`` opens a page in a fresh browser context (its own cookies: one user)."""
    contexts = []

    def make() -> Any:
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot_dir(tmp_path: Path) -> Path:
    """Where screenshots go: ``TIPDATA_E2E_SCREENSHOTS`` to keep them, else a tmp dir."""
    kept = os.environ.get("TIPDATA_E2E_SCREENSHOTS")
    path = Path(kept) if kept else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def sign_in(page: Any, user: Any, password: str) -> None:
    """Sign in through the real sign-in form, and its second factor when it asks for one.

    The authenticator is enrolled before the password step (``totp_code`` gives the user a
    confirmed device), so sign-in goes to the code page, not the enrolment page.
    """
    totp_code(user)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.get_username())
    page.fill("input[name=password]", password)
    page.click("form.login button[type=submit]")
    page.wait_for_load_state()
    if page.locator("input[name=token]").count():
        page.fill("input[name=token]", totp_code(user))
        page.click("form:has(input[name=token]) button[type=submit]")
        page.wait_for_load_state()
    if "/accounts/" in page.url:
        raise AssertionError(f"sign-in as {user} did not complete: {page.url}")
