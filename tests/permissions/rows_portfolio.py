"""Portfolio rows: the learner's portfolio, the employer portal and the centre's view of shared entries.

Positive cases use `portal_setup` (an agreement in force, shares, files) at the centre under test; the
"other" centre's objects belong to centre B. Employers of another centre and employers of the same centre
without an agreement are checked route by route in tests/test_portal_permissions.py.
"""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from bridgework.portfolio.tests.factories import PortalSetup, portal_setup
from tests.permissions.base import STAFF, Row, centre_only
from tests.world import CentreWorld, World

LEARNER = frozenset({"learner"})
EMPLOYER = frozenset({"employer_contact"})


def _setup(w: World, c: CentreWorld) -> PortalSetup:
    with scopes_disabled():
        return portal_setup(w, c)


def _pk(attr: str) -> Any:
    def kwargs(w: World, c: CentreWorld) -> dict[str, Any]:
        obj = getattr(_setup(w, c), attr)
        return {"pk": obj.pk}

    return kwargs


def _learner_pk(w: World, c: CentreWorld) -> dict[str, Any]:
    _setup(w, c)
    return {"pk": c.learner.pk}


def _staff_pk(attr: str) -> Any:
    def kwargs(w: World, c: CentreWorld) -> dict[str, Any]:
        return {"centre": w.a.centre.number, "pk": getattr(_setup(w, c), attr).pk}

    return kwargs


def _cite_data(w: World, c: CentreWorld) -> dict[str, Any]:
    return {"activity": _setup(w, c).activity.pk, "note": "Placement journal"}


def _feedback_data(w: World, c: CentreWorld) -> dict[str, Any]:
    return {"text": "Great progress this week."}


def _session_pk(w: World, c: CentreWorld) -> dict[str, Any]:
    with scopes_disabled():
        return {"pk": _setup(w, c).activity.sessions.get().pk}


def _own_setup(w: World, c: CentreWorld) -> dict[str, Any]:
    _setup(w, c)
    return {}


ROWS = [
    # learner area
    Row("learner:portfolio", LEARNER, kwargs=_own_setup, per_centre=False),
    Row("learner:entry_create", LEARNER, per_centre=False),
    Row("learner:entry_detail", LEARNER, kwargs=_pk("entry")),
    Row("learner:entry_edit", LEARNER, kwargs=_pk("entry")),
    Row("learner:entry_attachment_upload", LEARNER, kwargs=_pk("entry"), method="POST", ok=400),
    Row("learner:entry_share", LEARNER, kwargs=_pk("entry")),
    Row("learner:attachment_download", LEARNER, kwargs=_pk("attachment")),
    Row("learner:update_create", LEARNER, per_centre=False),
    Row("learner:update_detail", LEARNER, kwargs=_pk("update")),
    Row("learner:update_share", LEARNER, kwargs=_pk("update")),
    Row("learner:share_revoke", LEARNER, kwargs=_pk("entry_share"), method="POST", ok=302),
    Row("learner:sharing", LEARNER, kwargs=_own_setup, per_centre=False),
    Row("learner:portfolio_export", LEARNER, kwargs=_own_setup, per_centre=False),
    Row("learner:portfolio_import", LEARNER, per_centre=False),
    # employer portal
    Row("portal:learner", EMPLOYER, kwargs=_learner_pk),
    Row("portal:witness_create", EMPLOYER, kwargs=_learner_pk),
    Row("portal:entry", EMPLOYER, kwargs=_pk("entry")),
    Row("portal:entry_feedback", EMPLOYER, kwargs=_pk("entry"), method="POST", data=_feedback_data, ok=302),
    Row("portal:update", EMPLOYER, kwargs=_pk("update")),
    Row("portal:attachment", EMPLOYER, kwargs=_pk("attachment")),
    Row("portal:deadlines", EMPLOYER, kwargs=_own_setup, per_centre=False),
    Row("portal:registers", EMPLOYER, kwargs=_own_setup, per_centre=False),
    Row("portal:witness_detail", EMPLOYER, kwargs=_pk("statement")),
    Row("portal:register_confirm", EMPLOYER, kwargs=_session_pk, method="POST", ok=302),
    # centre staff
    Row("staff:portfolio_entries", STAFF, kwargs=centre_only),
    Row("staff:portfolio_entry", STAFF, kwargs=_staff_pk("entry")),
    Row("staff:portfolio_entry_cite", STAFF, kwargs=_staff_pk("entry"), method="POST", data=_cite_data, ok=302),
    Row("staff:portfolio_attachment", STAFF, kwargs=_staff_pk("attachment")),
    Row("staff:portfolio_statements", STAFF, kwargs=centre_only),
    Row("staff:portfolio_statement", STAFF, kwargs=_staff_pk("statement")),
    Row("staff:portfolio_deadlines", STAFF, kwargs=centre_only),
    Row("staff:portfolio_deadline_delete", STAFF, kwargs=_staff_pk("deadline"), method="POST", ok=302),
]
