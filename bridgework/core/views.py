"""Pages that belong to no audience: the front door, health checks, static pages, invitations."""

from __future__ import annotations

from allauth.account.utils import perform_login
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_scopes import scopes_disabled

from bridgework.core.access import public_view
from bridgework.core.roles import roles_for
from bridgework.people.models import Centre
from bridgework.people.services import invitations


def places_for(user) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """Every area a person can work in, for the front door."""
    roles = roles_for(user)
    places: list[dict[str, str]] = []
    staff_centres = roles.centres_with("centre_admin", "staff")
    for centre in Centre.objects.filter(pk__in=staff_centres).order_by("name"):
        places.append(
            {
                "href": reverse("staff:home", kwargs={"centre": centre.number}),
                "text": centre.name,
                "hint": "Centre staff area",
            }
        )
    if roles.centres_with("learner"):
        places.append({"href": reverse("learner:home"), "text": "My learning", "hint": "Your journal and activities"})
    if roles.centres_with("employer_contact"):
        places.append({"href": reverse("portal:home"), "text": "Employer portal", "hint": "Your learners"})
    if roles.is_moderator:
        places.append({"href": reverse("moderator:home"), "text": "Moderation", "hint": "Assigned centres"})
    if roles.platform_admin:
        places.append(
            {
                "href": reverse("platform:home"),
                "text": "Platform administration",
                "hint": "Centres and the qualification catalogue",
            }
        )
    return places


@public_view
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    places = places_for(request.user)
    if len(places) == 1:
        return redirect(places[0]["href"])
    return render(request, "core/places.html", {"places": places})


@public_view
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@public_view
def readyz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means "not ready"
        return JsonResponse({"status": "unavailable", "database": str(exc.__class__.__name__)}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@public_view
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@public_view
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(max_length=150, label="First name")
    last_name = forms.CharField(max_length=150, label="Last name")
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        required=False,
        help_text="At least 10 characters. Not needed if you already have a Bridgework account.",
    )

    def __init__(self, *args, needs_password: bool, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.needs_password = needs_password
        if needs_password:
            self.fields["password"].required = True
        else:
            del self.fields["password"]

    def clean_password(self) -> str:
        password = self.cleaned_data.get("password", "")
        if password:
            validate_password(password)
        return password


@public_view
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitations.find_invitation(token)
    except invitations.InvitationError as error:
        return render(request, "core/invitation_invalid.html", {"error": str(error)}, status=410)
    from bridgework.people.models import Role, User

    existing = User.objects.filter(email__iexact=invitation.email).first()
    # Employer contacts sign in with an emailed code: they never need a password.
    needs_password = invitation.role != Role.EMPLOYER_CONTACT and (
        existing is None or not existing.has_usable_password()
    )
    form = AcceptInvitationForm(
        request.POST or None,
        needs_password=needs_password,
        initial={
            "first_name": getattr(existing, "first_name", ""),
            "last_name": getattr(existing, "last_name", ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(
                token,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data.get("password") or None,
            )
        except invitations.InvitationError as error:
            return render(request, "core/invitation_invalid.html", {"error": str(error)}, status=410)
        # allauth's login flow, not django's login(): someone who already has an authenticator app must
        # still enter its code (the invitation link alone is not a second factor).
        return perform_login(request, user, redirect_url=reverse("home"))
    with scopes_disabled():
        centre_name = invitation.centre.name
    return render(
        request,
        "core/invitation_accept.html",
        {"form": form, "invitation": invitation, "centre_name": centre_name},
    )
