"""People at a centre (centre administrators only): memberships, invitations and departments."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bridgework.core.access import centre_view
from bridgework.core.roles import forget_roles
from bridgework.people.models import Department, Invitation, Membership, Role
from bridgework.people.services import invitations, memberships
from bridgework.people.services.departments import create_department, rename_department
from bridgework.staff.forms import add_service_errors
from bridgework.staff.forms.people import DepartmentForm, InvitationForm, MembershipFilterForm, MembershipForm

PERMISSION = "centre.manage_people"
RECENT_INVITATIONS = 50
PEOPLE_PAGE_SIZE = 50


@centre_view(PERMISSION)
def people_list(request: HttpRequest) -> HttpResponse:
    filters = MembershipFilterForm(request.GET)
    role = status = ""
    if filters.is_valid():
        role, status = filters.cleaned_data["role"], filters.cleaned_data["status"]
    people = Membership.objects.select_related("user", "department").order_by(
        "user__last_name", "user__first_name", "user__email", "role"
    )
    if role:
        people = people.filter(role=role)
    if status:
        people = people.filter(is_active=(status == "active"))
    page = Paginator(people, PEOPLE_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    recent = Invitation.objects.select_related("department", "learner", "invited_by").order_by("-created_at")
    return render(
        request,
        "staff/people/list.html",
        {
            "filters": filters,
            "role": role,
            "status": status,
            "page_obj": page,
            "querystring": params.urlencode(),
            "invitations": list(recent[:RECENT_INVITATIONS]),
            "invitation_total": recent.count(),
            "role_choices": Role.choices,
        },
    )


@centre_view(PERMISSION)
def people_invite(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issued = invitations.invite(
                centre=request.centre,
                email=data["email"],
                role=data["role"],
                department=data["department"],
                learner=data["learner"] if data["role"] == Role.LEARNER else None,
                invited_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            invitation = issued.invitation
            messages.success(
                request,
                f"Invitation sent to {invitation.email} as {invitation.get_role_display().lower()}. "
                f"The link expires on {invitation.expires_at:%-d %B %Y}.",
            )
            return redirect("staff:people_list", centre=request.centre.number)
    return render(request, "staff/people/invite.html", {"form": form, "valid_days": settings.INVITATION_VALID_DAYS})


@centre_view(PERMISSION)
@require_POST
def people_invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=pk)
    try:
        invitations.revoke(invitation)
    except invitations.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The invitation for {invitation.email} was withdrawn. Its link no longer works.")
    return redirect("staff:people_list", centre=request.centre.number)


def _membership(pk: int) -> Membership:
    return get_object_or_404(Membership.objects.select_related("user", "department", "deactivated_by"), pk=pk)


@centre_view(PERMISSION)
def people_membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(pk)
    form = MembershipForm(request.POST or None, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            memberships.change_role(
                membership,
                role=form.cleaned_data.get("role", membership.role),
                department=form.cleaned_data["department"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{membership.user.display_name}'s role and department were saved.")
            return _after_change(request)
    return render(request, "staff/people/membership_form.html", {"form": form, "membership": membership})


@centre_view(PERMISSION)
def people_membership_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deactivates at once (access and API tokens at this centre)."""
    membership = _membership(pk)
    error = ""
    if request.method == "POST":
        try:
            memberships.deactivate(membership, by=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(
                request,
                f"{membership.user.display_name} is no longer {membership.get_role_display().lower()} here. "
                "Their access stopped at once.",
            )
            return _after_change(request)
    return render(
        request,
        "staff/people/deactivate.html",
        {"membership": membership, "error": error, "is_self": membership.user_id == request.user.pk},
    )


@centre_view(PERMISSION)
@require_POST
def people_membership_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(pk)
    try:
        memberships.reactivate(membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{membership.user.display_name} is {membership.get_role_display().lower()} here again."
        )
    return redirect("staff:people_list", centre=request.centre.number)


def _after_change(request: HttpRequest) -> HttpResponse:
    """Back to the list, unless the admin has just given up their own right to see it."""
    forget_roles(request.user)
    if request.user.has_perm(PERMISSION, request.centre):
        return redirect("staff:people_list", centre=request.centre.number)
    if request.user.has_perm("centre.view", request.centre):
        return redirect("staff:home", centre=request.centre.number)
    return redirect("home")


@centre_view(PERMISSION)
def people_departments(request: HttpRequest) -> HttpResponse:
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            department = create_department(centre=request.centre, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Department {department.name} added.")
            return redirect("staff:people_departments", centre=request.centre.number)
    departments = Department.objects.annotate(
        people=Count("membership", filter=Q(membership__is_active=True), distinct=True)
    ).order_by("name")
    return render(request, "staff/people/departments.html", {"form": form, "departments": departments})


@centre_view(PERMISSION)
def people_department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    department = get_object_or_404(Department, pk=pk)
    form = DepartmentForm(request.POST or None, initial={"name": department.name})
    if request.method == "POST" and form.is_valid():
        old_name = department.name
        try:
            rename_department(department, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Department {old_name} renamed to {department.name}.")
            return redirect("staff:people_departments", centre=request.centre.number)
    return render(request, "staff/people/department_form.html", {"form": form, "department": department})
