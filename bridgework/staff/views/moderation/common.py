from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from bridgework.moderation.services.events import TransitionError


def attempt(request: HttpRequest, action: Callable[[], Any], success: str, back: str) -> HttpResponse:
    """Run a service transition; show its guard's message if it refuses. Nothing is half-saved: each
    transition is one transaction."""
    try:
        action()
    except TransitionError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(back)


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None
