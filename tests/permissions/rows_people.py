"""Permission rows for centre administration (people, departments, API tokens), learner records and groups.

"own" rows act on centre A's objects; "other" rows put centre B's object behind centre A's URL, which must
answer 404 for everyone entitled (the tenancy scope hides it). POST actions answer 302 when allowed.
"""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from tests.permissions.base import ADMIN, STAFF, Row, centre_only
from tests.world import CentreWorld, World


def _a(world: World, **extra: Any) -> dict[str, Any]:
    return {"centre": world.a.centre.number, **extra}


def _staff_membership(w: World, c: CentreWorld) -> dict[str, Any]:
    from bridgework.people.models import Membership

    with scopes_disabled():
        return _a(w, pk=Membership.objects.get(user=c.staff, centre=c.centre, role="staff").pk)


def _deactivated_staff_membership(w: World, c: CentreWorld) -> dict[str, Any]:
    from bridgework.people.models import Membership, User

    with scopes_disabled():
        leaver = User.objects.create_user(email=f"leaver@{c.centre.number}.test")
        membership = Membership.objects.create(user=leaver, centre=c.centre, role="staff", is_active=False)
        return _a(w, pk=membership.pk)


def _pending_invitation(w: World, c: CentreWorld) -> dict[str, Any]:
    from bridgework.people.services.invitations import invite

    with scopes_disabled():
        issued = invite(centre=c.centre, email="newcomer@example.test", role="staff", invited_by=c.admin, send=False)
    return _a(w, pk=issued.invitation.pk)


def _live_token(w: World, c: CentreWorld) -> dict[str, Any]:
    from bridgework.people.services.tokens import issue_token

    with scopes_disabled():
        return _a(w, pk=issue_token(centre=c.centre, user=c.admin, name="MIS sync").token.pk)


def _learner(w: World, c: CentreWorld) -> dict[str, Any]:
    return _a(w, pk=c.learner.pk)


def _enrolment(w: World, c: CentreWorld) -> dict[str, Any]:
    return _a(w, pk=c.learner.pk, enrolment_pk=c.enrolment.pk)


def _group(w: World, c: CentreWorld) -> dict[str, Any]:
    return _a(w, pk=c.group.pk)


def _group_member(w: World, c: CentreWorld) -> dict[str, Any]:
    return _a(w, pk=c.group.pk, enrolment_pk=c.enrolment.pk)


def _department(w: World, c: CentreWorld) -> dict[str, Any]:
    return _a(w, pk=c.department.pk)


ROWS = [
    # People at a centre: centre administrators only
    Row("staff:people_list", ADMIN, kwargs=centre_only),
    Row("staff:people_invite", ADMIN, kwargs=centre_only),
    Row(
        "staff:people_invite",
        ADMIN,
        kwargs=centre_only,
        method="POST",
        data=lambda w, c: {"email": "new.tutor@example.test", "role": "staff"},
        ok=302,
    ),
    Row("staff:people_invitation_revoke", ADMIN, kwargs=_pending_invitation, method="POST", ok=302),
    Row("staff:people_membership_edit", ADMIN, kwargs=_staff_membership),
    Row("staff:people_membership_deactivate", ADMIN, kwargs=_staff_membership),
    Row("staff:people_membership_deactivate", ADMIN, kwargs=_staff_membership, method="POST", ok=302),
    Row("staff:people_membership_reactivate", ADMIN, kwargs=_deactivated_staff_membership, method="POST", ok=302),
    Row("staff:people_departments", ADMIN, kwargs=centre_only),
    Row("staff:people_department_edit", ADMIN, kwargs=_department),
    # API tokens: centre administrators only
    Row("staff:token_list", ADMIN, kwargs=centre_only),
    Row("staff:token_create", ADMIN, kwargs=centre_only),
    Row("staff:token_revoke", ADMIN, kwargs=_live_token, method="POST", ok=302),
    # Learner records: centre staff
    Row("staff:learner_create", STAFF, kwargs=centre_only),
    Row("staff:learner_edit", STAFF, kwargs=_learner),
    Row("staff:learner_enrolment_create", STAFF, kwargs=_learner),
    Row("staff:learner_enrolment_edit", STAFF, kwargs=_enrolment),
    # Teaching groups: centre staff
    Row("staff:group_list", STAFF, kwargs=centre_only),
    Row("staff:group_create", STAFF, kwargs=centre_only),
    Row("staff:group_detail", STAFF, kwargs=_group),
    Row("staff:group_edit", STAFF, kwargs=_group),
    Row(
        "staff:group_member_add",
        STAFF,
        kwargs=_group,
        method="POST",
        data=lambda w, c: {"enrolments": [c.enrolment.pk]},
        ok=302,
    ),
    Row("staff:group_member_remove", STAFF, kwargs=_group_member, method="POST", ok=302),
]
