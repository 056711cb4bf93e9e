"""Run an API operation inside its token's centre scope, its writes audited as the token's user."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from auditlog.context import auditlog_value
from django.http import HttpRequest

from bridgework.core.tenancy import centre_scope


def audit_as(user: Any) -> None:
    """The audit middleware reads `request.user` before the bearer token is checked, so it saw nobody: name
    the token's user as the actor of this request's audit entries, as the staff pages name the signed-in
    person. (The middleware's context is a dict held for the request; nesting `set_actor` instead would
    leave the middleware's signal receiver connected after the request.)"""
    context = auditlog_value.get(None)
    if context is not None:  # None outside the middleware (a direct call): nothing to attribute
        context["actor"] = user


def scoped(operation: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(operation)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        audit_as(request.api_user)  # type: ignore[attr-defined]
        with centre_scope(request.centre.pk):  # type: ignore[attr-defined]
            return operation(request, *args, **kwargs)

    return wrapped
