"""The API docs page renders from local assets only: nothing is fetched from the internet."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse


def test_the_api_docs_render_from_local_assets(page: Any, live_server: Any) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)
    assert "Bridgework API" in page.locator(".swagger-ui .title").inner_text()
    assert page.locator(".opblock-summary-path", has_text="/api/v1/learners").count() >= 1
    assert hosts == {urlparse(live_server.url).netloc}, hosts
    assert not page.csp_violations
