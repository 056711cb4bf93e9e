from tests.permissions.base import ADMIN, EVERYONE, STAFF, ApiRow, Row, centre_only

PLATFORM = frozenset({"platform_admin"})

ROWS = [
    Row("home", EVERYONE, per_centre=False, anonymous=200, ok=302),  # one place each: redirected there
    Row("healthz", EVERYONE, per_centre=False, anonymous=200),
    Row("readyz", EVERYONE, per_centre=False, anonymous=200),
    Row("accessibility", EVERYONE, per_centre=False, anonymous=200),
    Row("privacy", EVERYONE, per_centre=False, anonymous=200),
    Row(
        "invitation_accept",
        EVERYONE,
        kwargs=lambda w, c: {"token": "not-a-real-token"},
        per_centre=False,
        ok=410,
        anonymous=410,
    ),
    Row("staff:home", STAFF, kwargs=centre_only),
    Row("staff:learner_list", STAFF, kwargs=centre_only),
    Row("staff:learner_detail", STAFF, kwargs=lambda w, c: {"centre": w.a.centre.number, "pk": c.learner.pk}),
    Row("learner:home", frozenset({"learner"}), per_centre=False),
    Row("portal:home", frozenset({"employer_contact"}), per_centre=False),
    Row("moderator:home", frozenset({"moderator"}), per_centre=False),
    Row("platform:home", PLATFORM, per_centre=False),
    Row("platform:centre_create", PLATFORM, per_centre=False),
    Row("platform:qualification_list", PLATFORM, per_centre=False),
    Row("platform:qualification_create", PLATFORM, per_centre=False),
    Row(
        "platform:qualification_edit",
        PLATFORM,
        kwargs=lambda w, c: {"pk": w.qualification.pk},
        per_centre=False,
    ),
    Row("platform:unit_create", PLATFORM, kwargs=lambda w, c: {"pk": w.qualification.pk}, per_centre=False),
    Row(
        "platform:unit_edit",
        PLATFORM,
        kwargs=lambda w, c: {"pk": w.qualification.units.first().pk},
        per_centre=False,
    ),
]

_ = ADMIN

API_ROWS = [
    ApiRow("GET", "/api/v1/qualifications", per_centre=False),
]
