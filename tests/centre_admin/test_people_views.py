"""People pages: list with filters, invite, withdraw, change role, deactivate (access stops at once), departments."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from bridgework.people.models import Department, Invitation, Membership, Role
from bridgework.people.services.centres import grant_role
from bridgework.people.services.tokens import authenticate_token, issue_token
from tests.world import World, make_user

pytestmark = pytest.mark.django_db


def _url(world: World, name: str, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"staff:{name}", kwargs={"centre": world.a.centre.number, **kwargs})


def _membership(world: World, user, role: str) -> Membership:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        return Membership.objects.get(user=user, centre=world.a.centre, role=role)


def test_the_list_shows_this_centres_people_and_invitations_only(world: World, centre_admin_client: Client) -> None:
    with scopes_disabled():
        Invitation.objects.create(
            centre=world.b.centre,
            email="elsewhere@beta.test",
            role="staff",
            token_hash="x" * 64,
            expires_at="2099-01-01T00:00Z",
        )
    centre_admin_client.post(_url(world, "people_invite"), {"email": "coming@alpha.test", "role": "staff"})
    page = centre_admin_client.get(_url(world, "people_list")).content.decode()
    assert "staff@alpha.test" in page
    assert "coming@alpha.test" in page and "Pending" in page
    assert "beta.test" not in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"role": "staff"}, "staff@alpha.test", "employer@alpha.test"),
        ({"status": "deactivated"}, "leaver@alpha.test", "staff@alpha.test"),
        ({"status": "active"}, "staff@alpha.test", "leaver@alpha.test"),
    ],
)
def test_the_list_filters_by_role_and_status(
    world: World, centre_admin_client: Client, query: dict[str, str], shown: str, hidden: str
) -> None:
    leaver = make_user("leaver@alpha.test")
    with scopes_disabled():
        Membership.objects.create(user=leaver, centre=world.a.centre, role="staff", is_active=False)
    page = centre_admin_client.get(_url(world, "people_list"), query).content.decode()
    assert shown in page
    assert hidden not in page


def test_the_list_query_count_does_not_grow_with_rows(
    world: World, centre_admin_client: Client, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as few:
        assert centre_admin_client.get(_url(world, "people_list")).status_code == 200
    with scopes_disabled():
        for n in range(20):
            user = make_user(f"person{n}@alpha.test")
            grant_role(user, world.a.centre, Role.STAFF, department=world.a.department)
            Invitation.objects.create(
                centre=world.a.centre,
                email=f"inv{n}@alpha.test",
                role="staff",
                token_hash=f"{n:064d}",
                expires_at="2099-01-01T00:00Z",
                invited_by=world.a.admin,
                department=world.a.department,
            )
    with django_assert_max_num_queries(len(few)):
        page = centre_admin_client.get(_url(world, "people_list")).content.decode()
    assert "person19@alpha.test" in page and "inv19@alpha.test" in page


def test_inviting_emails_a_link_that_the_invitee_can_use(world: World, centre_admin_client: Client) -> None:
    response = centre_admin_client.post(
        _url(world, "people_invite"),
        {"email": "New.Tutor@Alpha.test", "role": "staff", "department": world.a.department.pk},
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(word for word in mail.outbox[0].body.split() if "/invitations/" in word)
    accept = Client().get(link[link.index("/invitations/") :])
    assert accept.status_code == 200
    with scopes_disabled():
        invitation = Invitation.objects.get(email="new.tutor@alpha.test")
    assert (invitation.role, invitation.department, invitation.invited_by) == (
        "staff",
        world.a.department,
        world.a.admin,
    )


def test_inviting_a_learner_needs_a_learner_record_without_an_account(
    world: World, centre_admin_client: Client
) -> None:
    response = centre_admin_client.post(_url(world, "people_invite"), {"email": "kid@alpha.test", "role": "learner"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Error: Invite someone" in page
    assert "Choose the learner record this person will use." in page
    # the learner who already has an account is not offered
    assert f"{world.a.learner.family_name}, {world.a.learner.given_name}" not in page


def test_inviting_someone_who_already_has_the_role_is_refused_on_the_email_field(
    world: World, centre_admin_client: Client
) -> None:
    response = centre_admin_client.post(_url(world, "people_invite"), {"email": "staff@alpha.test", "role": "staff"})
    assert "staff@alpha.test is already centre staff at this centre." in response.content.decode()
    assert not mail.outbox


def test_withdrawing_an_invitation(world: World, centre_admin_client: Client) -> None:
    centre_admin_client.post(_url(world, "people_invite"), {"email": "coming@alpha.test", "role": "staff"})
    with scopes_disabled():
        invitation = Invitation.objects.get(email="coming@alpha.test")
    response = centre_admin_client.post(_url(world, "people_invitation_revoke", pk=invitation.pk), follow=True)
    assert "was withdrawn" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.state == "revoked"
    again = centre_admin_client.post(_url(world, "people_invitation_revoke", pk=invitation.pk), follow=True)
    assert "can no longer be withdrawn" in again.content.decode()


def test_revoke_answers_only_post(world: World, centre_admin_client: Client) -> None:
    assert centre_admin_client.get(_url(world, "people_invitation_revoke", pk=1)).status_code == 405


def test_deactivation_stops_a_signed_in_staff_member_on_their_next_request(
    world: World, centre_admin_client: Client, staff_client: Client
) -> None:
    token = issue_token(centre=world.a.centre, user=world.a.staff, name="Sync")
    assert staff_client.get(_url(world, "learner_list")).status_code == 200
    membership = _membership(world, world.a.staff, "staff")
    confirm = centre_admin_client.get(_url(world, "people_membership_deactivate", pk=membership.pk))
    assert "lose access" in confirm.content.decode()
    response = centre_admin_client.post(_url(world, "people_membership_deactivate", pk=membership.pk))
    assert response.status_code == 302
    assert staff_client.get(_url(world, "learner_list")).status_code == 404
    assert staff_client.get(_url(world, "home")).status_code == 404
    assert authenticate_token(token.secret) is None


def test_the_last_administrator_cannot_deactivate_themselves(world: World, centre_admin_client: Client) -> None:
    membership = _membership(world, world.a.admin, "centre_admin")
    response = centre_admin_client.post(_url(world, "people_membership_deactivate", pk=membership.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "You are the only active centre administrator here." in page
    assert "Error: Deactivate" in page
    membership.refresh_from_db()
    assert membership.is_active


def test_an_administrator_who_steps_down_goes_to_the_staff_home(world: World, centre_admin_client: Client) -> None:
    grant_role(make_user("second.admin@alpha.test"), world.a.centre, Role.CENTRE_ADMIN)
    grant_role(world.a.admin, world.a.centre, Role.STAFF)
    membership = _membership(world, world.a.admin, "centre_admin")
    response = centre_admin_client.post(_url(world, "people_membership_deactivate", pk=membership.pk))
    assert response["Location"] == _url(world, "home")
    assert centre_admin_client.get(_url(world, "people_list")).status_code == 403


def test_reactivating_restores_access(world: World, centre_admin_client: Client, staff_client: Client) -> None:
    membership = _membership(world, world.a.staff, "staff")
    centre_admin_client.post(_url(world, "people_membership_deactivate", pk=membership.pk))
    centre_admin_client.post(_url(world, "people_membership_reactivate", pk=membership.pk))
    assert staff_client.get(_url(world, "learner_list")).status_code == 200


def test_changing_role_and_department(world: World, centre_admin_client: Client, staff_client: Client) -> None:
    with scopes_disabled():
        business = Department.objects.create(centre=world.a.centre, name="Business")
    membership = _membership(world, world.a.staff, "staff")
    page = centre_admin_client.get(_url(world, "people_membership_edit", pk=membership.pk)).content.decode()
    assert "Centre administrator" in page and "Employer contact" not in page
    response = centre_admin_client.post(
        _url(world, "people_membership_edit", pk=membership.pk), {"role": "centre_admin", "department": business.pk}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.department) == ("centre_admin", business)
    # now an administrator: the role takes effect at once, and (without a second factor yet) asks for one
    assert "/2fa/totp/activate/" in staff_client.get(_url(world, "people_list"))["Location"]


def test_demoting_the_last_administrator_shows_the_error_on_the_role(world: World, centre_admin_client: Client) -> None:
    membership = _membership(world, world.a.admin, "centre_admin")
    response = centre_admin_client.post(_url(world, "people_membership_edit", pk=membership.pk), {"role": "staff"})
    assert "only active centre administrator" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "centre_admin"


def test_departments_add_and_rename(world: World, centre_admin_client: Client) -> None:
    response = centre_admin_client.post(_url(world, "people_departments"), {"name": "Business"})
    assert response.status_code == 302
    clash = centre_admin_client.post(_url(world, "people_departments"), {"name": "business"})
    assert "This centre already has a department called Business." in clash.content.decode()
    response = centre_admin_client.post(
        _url(world, "people_department_edit", pk=world.a.department.pk), {"name": "Engineering and Digital"}
    )
    assert response.status_code == 302
    page = centre_admin_client.get(_url(world, "people_departments")).content.decode()
    assert "Engineering and Digital" in page and "Business" in page


def test_staff_see_no_people_or_token_entries_in_the_menu(
    world: World, staff_client: Client, centre_admin_client: Client
) -> None:
    staff_page = staff_client.get(_url(world, "home")).content.decode()
    admin_page = centre_admin_client.get(_url(world, "home")).content.decode()
    assert _url(world, "people_list") not in staff_page and _url(world, "token_list") not in staff_page
    assert _url(world, "people_list") in admin_page and _url(world, "token_list") in admin_page
    assert _url(world, "group_list") in staff_page


def test_the_learner_choice_lists_only_learners_who_can_be_invited(world: World, centre_admin_client: Client) -> None:
    from bridgework.learners.models import Learner

    with scopes_disabled():
        Learner.objects.create(centre=world.a.centre, given_name="Free", family_name="Agent", date_of_birth="2009-1-1")
        waiting = Learner.objects.create(
            centre=world.a.centre, given_name="Wait", family_name="Ing", date_of_birth="2009-1-1"
        )
    centre_admin_client.post(
        _url(world, "people_invite"), {"email": "wait@alpha.test", "role": "learner", "learner": waiting.pk}
    )
    page = centre_admin_client.get(_url(world, "people_invite")).content.decode()
    assert "Agent, Free" in page
    assert "Ing, Wait" not in page
    assert world.b.learner.family_name not in page
