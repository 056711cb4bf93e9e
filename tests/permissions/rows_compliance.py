from tests.permissions.base import STAFF, Row, centre_only

MODERATOR = frozenset({"moderator"})

ROWS = [
    Row("staff:compliance_dashboard", STAFF, kwargs=centre_only),
    Row("staff:compliance_at_risk", STAFF, kwargs=centre_only),
    Row("staff:compliance_coverage", STAFF, kwargs=centre_only),
    Row("staff:compliance_reminders", STAFF, kwargs=centre_only),
    Row(
        "staff:compliance_reminders",
        STAFF,
        kwargs=centre_only,
        method="POST",
        data=lambda w, c: {"weekly_digest": "no"},
        ok=302,
    ),
    Row("moderator:compliance", MODERATOR, per_centre=False),
    Row("moderator:compliance_centre", MODERATOR, kwargs=lambda w, c: {"centre": c.centre.number}),
]
API_ROWS: list = []
