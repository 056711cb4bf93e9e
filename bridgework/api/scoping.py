"""Run an API operation inside its token's centre scope."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest

from bridgework.core.tenancy import centre_scope


def scoped(operation: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(operation)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with centre_scope(request.centre.pk):  # type: ignore[attr-defined]
            return operation(request, *args, **kwargs)

    return wrapped
