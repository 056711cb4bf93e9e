"""Every response carries the security headers; production settings pass `check --deploy` and refuse to load
without a SECRET_KEY; session cookies are Secure/HttpOnly/SameSite in production."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.world import World

ROOT = Path(__file__).resolve().parents[2]


def _run(code_or_args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """Run python with a clean, production-like environment (no test settings, no DEBUG)."""
    # Built from nothing: the test run's own variables (SECURE_SSL_REDIRECT=false, TASK_BACKEND=immediate...)
    # must not leak into what is meant to be production.
    base = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    base.update({"BRIDGEWORK_VAR_DIR": str(ROOT / "var" / "deploy-check"), **env})
    return subprocess.run(  # noqa: S603
        [sys.executable, *code_or_args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-like-secret-key-" + "x7Qp2Lm9Zr4Tv8Wn1Ks6Hd3Jf5Gb0Cy" * 2,
    "ALLOWED_HOSTS": "bridgework.example",
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/healthz"])
def test_responses_carry_the_security_headers(client: Client, path: str) -> None:
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_html_pages_carry_a_csp_with_a_fresh_nonce_that_the_page_uses(client: Client) -> None:
    first = client.get(reverse("account_login"))
    csp = first["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "img-src 'self' data:" in csp
    nonce = re.search(r"script-src 'self' 'nonce-([^']+)'", csp)
    assert nonce, csp
    assert f'nonce="{nonce.group(1)}"' in first.content.decode()
    second = client.get(reverse("account_login"))
    assert re.search(r"'nonce-([^']+)'", second["Content-Security-Policy"]).group(1) != nonce.group(1)


@pytest.mark.django_db
def test_signed_in_pages_carry_the_headers_too(world: World) -> None:
    client = Client()
    client.force_login(world.a.staff)
    response = client.get(reverse("staff:home", kwargs={"centre": world.a.centre.number}))
    assert response.status_code == 200
    assert "nonce-" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_production_settings_pass_check_deploy() -> None:
    result = _run(["-m", "bridgework", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_load_without_a_secret_key() -> None:
    env = {**PRODUCTION}
    del env["SECRET_KEY"]
    result = _run(
        ["-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='bridgework.settings'; django.setup()"], **env
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_cookies_and_transport_are_locked_down() -> None:
    code = (
        "import os, json; os.environ['DJANGO_SETTINGS_MODULE']='bridgework.settings'; import django; django.setup();"
        "from django.conf import settings as s;"
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.DEBUG]))"
    )
    result = _run(["-c", code], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == '[true, true, "Lax", true, true, 31536000, false]'


@pytest.mark.django_db
def test_the_session_cookie_is_http_only_and_same_site(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_COOKIE_SECURE = True  # as in production (tests run over plain http)
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": world.a.staff.email, "password": "correct-horse-battery-staple"}
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["secure"]
    assert cookie["samesite"] == "Lax"
