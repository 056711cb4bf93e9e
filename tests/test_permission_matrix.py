"""Every URL and API operation has a row, and every row holds for anonymous and each role, own and other centre."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

import tests.permissions
from tests.permissions.base import ALLAUTH_PUBLIC_PREFIXES, CENTRE_MEMBER_ROLES, ApiRow, Row
from tests.world import ROLES, World


def _modules() -> list[Any]:
    return [
        importlib.import_module(f"tests.permissions.{m.name}")
        for m in pkgutil.iter_modules(tests.permissions.__path__)
        if m.name.startswith("rows_")
    ]


ROWS: list[Row] = [row for module in _modules() for row in getattr(module, "ROWS", [])]
API_ROWS: list[ApiRow] = [row for module in _modules() for row in getattr(module, "API_ROWS", [])]


def _url_patterns(resolver: URLResolver | None = None, namespace: str = "") -> list[tuple[str, URLPattern]]:
    resolver = resolver or get_resolver()
    found: list[tuple[str, URLPattern]] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            found += _url_patterns(entry, f"{namespace}{ns}:" if ns else namespace)
        elif entry.name:
            found.append((f"{namespace}{entry.name}", entry))
    return found


def _is_third_party(name: str) -> bool:
    return name.startswith(ALLAUTH_PUBLIC_PREFIXES) or name.startswith("api:")


def test_every_url_has_a_row_and_declares_its_access() -> None:
    names = {row.name for row in ROWS}
    ours = [(name, p) for name, p in _url_patterns() if not _is_third_party(name)]
    missing = sorted(name for name, _ in ours if name not in names)
    assert not missing, f"URLs without a permission-matrix row: {missing}"
    undeclared = sorted(name for name, p in ours if not hasattr(p.callback, "bw_access"))
    assert not undeclared, f"Views without an access decorator (core.access): {undeclared}"
    stale = sorted(names - {name for name, _ in ours})
    assert not stale, f"Rows for URLs that do not exist: {stale}"


def test_every_api_operation_has_a_row() -> None:
    from bridgework.api.v1 import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    operations = {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}
    rows = {(row.method, row.path) for row in API_ROWS}
    assert operations - rows == set(), f"API operations without a row: {sorted(operations - rows)}"
    assert rows - operations == set(), f"API rows for operations that do not exist: {sorted(rows - operations)}"


def _expected(row: Row, access: Any, role: str, which: str, member_of_url_centre: bool) -> int:
    if access.audience == "public":
        return row.anonymous if (role == "anonymous" and row.anonymous is not None) else row.ok
    if role == "anonymous":
        return row.anonymous if row.anonymous is not None else 302
    if role in row.allowed:
        return row.ok if which == "own" else 404  # entitled, but the object belongs to another centre
    if access.audience == "centre" and member_of_url_centre and role in CENTRE_MEMBER_ROLES:
        return 403  # a member without the permission; another centre's object behind it never shows
    return 404


CASES = [
    pytest.param(row, role, which, id=f"{row.method} {row.name} {role} {which}")
    for row in ROWS
    for role in ROLES
    for which in (("own", "other") if row.per_centre else ("own",))
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role", "which"), CASES)
def test_matrix(world: World, row: Row, role: str, which: str) -> None:
    kwargs = row.kwargs(world, world.centre(which))
    url = reverse(row.name, kwargs=kwargs)
    client = Client()
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    data = row.data(world, world.centre(which)) if row.data else None
    headers = {"HTTP_HX_REQUEST": "true"} if row.htmx else {}
    response = (
        client.generic(row.method, url, data=data or "", **headers)
        if row.method not in ("GET", "POST")
        else (client.get(url, **headers) if row.method == "GET" else client.post(url, data or {}, **headers))
    )
    member = kwargs.get("centre") == world.a.centre.number
    expected = _expected(row, resolve(url).func.bw_access, role, which, member)
    assert response.status_code == expected, (
        f"{role} {row.method} {url} ({which} centre): expected {expected}, got {response.status_code}"
    )
    if expected == 302 and role == "anonymous":
        assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_allauth_pages_never_fail_for_anonymous(client: Client) -> None:
    for name, pattern in _url_patterns():
        if not name.startswith(ALLAUTH_PUBLIC_PREFIXES) or pattern.pattern.regex.groups:
            continue
        response = client.get(reverse(name))
        assert response.status_code < 500, f"{name}: {response.status_code}"


API_CASES = [
    pytest.param(row, who, id=f"{row.method} {row.path} {who}")
    for row in API_ROWS
    for who in (("anonymous", "own", "other") if row.per_centre else ("anonymous", "own"))
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "who"), API_CASES)
def test_api_matrix(world: World, row: ApiRow, who: str) -> None:
    from django_scopes import scopes_disabled

    from bridgework.people.services.tokens import issue_token

    with scopes_disabled():
        token = issue_token(centre=world.a.centre, user=world.a.admin, name="matrix").secret
        target = world.centre("own" if who == "anonymous" else who)
        path = row.path.format(**row.path_params(world, target))
        body = row.body(world, target) if row.body else None
    client = Client()
    headers = {} if who == "anonymous" else {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    import json

    response = client.generic(
        row.method,
        path + ("?" + "&".join(f"{k}={v}" for k, v in row.query.items()) if row.query else ""),
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        **headers,
    )
    expected = {"anonymous": 401, "own": row.ok, "other": 404}[who]
    assert response.status_code == expected, f"{who}: {response.status_code} {response.content[:300]!r}"
    if who == "anonymous":
        assert response.json()["detail"]
