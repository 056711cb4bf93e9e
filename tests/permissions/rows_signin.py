"""Sign-in pages Bridgework serves itself (allauth's own are checked by test_allauth_pages_never_fail_for_anonymous)."""

from tests.permissions.base import EVERYONE, Row

ROWS = [
    Row("email_managed_by_centre", EVERYONE, per_centre=False),
]
