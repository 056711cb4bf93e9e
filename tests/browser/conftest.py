"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server, with axe-core.

Every test in this folder is marked `browser` (run them with `pytest -m browser`). Pages keep their real CSP:
axe is injected through the DevTools protocol (page.evaluate), which CSP does not govern, and any CSP
violation a page reports fails `assert_accessible`.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM is still used synchronously here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


def _new_page(browser: Any, **context_options: Any) -> Iterator[Any]:
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", **context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.csp_violations = []  # type: ignore[attr-defined]

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            page.csp_violations.append(message.text)

    page.on("console", on_console)
    yield page
    context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    yield from _new_page(browser, viewport={"width": 1280, "height": 900})


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    yield from _new_page(browser, viewport=PHONE, is_mobile=True, has_touch=True)


def assert_accessible(page: Any, *, label: str = "") -> None:
    """axe-core reports no WCAG 2.2 A/AA violation on the current page, and the page broke no CSP rule."""
    page.evaluate(AXE_SOURCE)
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]
    where = label or page.url
    assert not violations, f"axe-core violations on {where}:\n" + "\n".join(violations)
    assert not page.csp_violations, f"CSP violations on {where}: {page.csp_violations}"


def totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(page: Any, live_server: Any, user: Any, password: str | None = None) -> None:
    """Signs in through the real sign-in form, answering the two-factor prompt when there is one."""
    from tests.world import PASSWORD, TOTP_SECRET

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill('input[name="login"]', user.email)
    page.fill('input[name="password"]', password or PASSWORD)
    page.press('input[name="password"]', "Enter")
    page.wait_for_load_state()
    if page.locator('input[name="code"]').count():
        page.fill('input[name="code"]', totp_code(TOTP_SECRET))
        page.press('input[name="code"]', "Enter")
        page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"sign-in failed for {user.email}: still on {page.url}"


@pytest.fixture
def browser_world(transactional_db: None) -> Any:
    """The test world, built for a live server (transactional database, catalogue reloaded)."""
    from django_scopes import scopes_disabled

    from tests.world import build_world

    with scopes_disabled():
        return build_world()
