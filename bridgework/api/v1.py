"""The REST API, /api/v1. Every operation runs inside the token's centre scope (see `scoped`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from bridgework.api.auth import CentreToken

api = NinjaAPI(
    title="Bridgework API",
    version="1",
    description="Learners, enrolments, employers, activities, attendance and compliance for one centre. "
    "Authenticate with `Authorization: Bearer <token>`; a token belongs to one centre.",
    auth=CentreToken(),
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": "Missing, invalid or revoked bearer token."}, status=401)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Invalid request.", "errors": exc.errors}, status=422)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


from bridgework.api.endpoints import catalogue  # noqa: E402  (registers routes)

api.add_router("/qualifications", catalogue.router)
