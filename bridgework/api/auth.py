"""Bearer-token authentication for the REST API. A token belongs to one user at one centre."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from bridgework.people.services.tokens import authenticate_token


class CentreToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = authenticate_token(token)
        if api_token is None:
            return None
        request.centre = api_token.centre  # type: ignore[attr-defined]
        request.api_user = api_token.user  # type: ignore[attr-defined]
        return api_token
