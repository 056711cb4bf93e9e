"""The REST API, /api/v1. Every operation runs inside the token's centre scope (see `scoped`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError

from bridgework.api.auth import CentreToken
from bridgework.learners.services.records import DUPLICATE

api = NinjaAPI(
    title="Bridgework API",
    version="1",
    description="Learners, enrolments, employers, activities, attendance and compliance for one centre. "
    "Authenticate with `Authorization: Bearer <token>`; a token belongs to one centre.",
    auth=CentreToken(),
    urls_namespace="api",
    docs_url="/docs",
    # The bundled Swagger UI (ninja is in INSTALLED_APPS, so its static files are served locally, no CDN);
    # no validator badge, which would load from the internet.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
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


@api.exception_handler(DjangoValidationError)
def refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """A domain service refused the write: 409 for a clash with another record, 422 for anything else.
    `detail` is the first problem; `errors` lists every one by field, in the services' own words."""
    by_field = exc.error_dict if hasattr(exc, "error_dict") else {"": exc.error_list}
    problems = [
        ("enrolment_numbers" if field.startswith("awarding_number_") else field, error)
        for field, errors in by_field.items()
        for error in errors
    ]
    conflict = any(error.code == DUPLICATE for _field, error in problems)
    first_field, first = problems[0]
    return api.create_response(
        request,
        {
            "detail": next(iter(first)),
            "field": first_field or None,
            "errors": [{"field": field, "message": next(iter(error))} for field, error in problems],
        },
        status=409 if conflict else 422,
    )


from bridgework.api.endpoints import activities, catalogue, compliance, employers, learners  # noqa: E402  (registers routes)

api.add_router("/qualifications", catalogue.router)
api.add_router("/learners", learners.learners_router)
api.add_router("/learners", compliance.learner_compliance_router)
api.add_router("/enrolments", learners.enrolments_router)
api.add_router("/employers", employers.router)
api.add_router("/activities", activities.activities_router)
api.add_router("/sessions", activities.sessions_router)
api.add_router("/contingencies", activities.contingencies_router)
api.add_router("/compliance", compliance.compliance_router)
