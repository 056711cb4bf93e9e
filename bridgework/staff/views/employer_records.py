"""Staff pages that add to an employer's record: sites, people, contacts logged, safety checks."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from bridgework.core.access import centre_view
from bridgework.core.uploads import serve_file
from bridgework.employers.forms import CheckForm, InteractionForm, LinkPersonForm, PersonForm, SiteForm
from bridgework.employers.models import Affiliation, Employer, EmployerCheck, EmployerPerson
from bridgework.employers.services.checks import STATE_LABELS, expiring_checks
from bridgework.employers.services.interactions import engagement_for, log_interaction
from bridgework.employers.services.people import link_person, link_portal_account
from bridgework.employers.services.records import add_site, record_check


def _employer(pk: int) -> Employer:
    return get_object_or_404(Employer.objects.filter(merged_into__isnull=True), pk=pk)


def _record_form(
    request: HttpRequest, employer: Employer, form: object, title: str, *, multipart: bool
) -> HttpResponse:
    """The one form page every employer sub-record (site, person, contact, check) uses."""
    return render(
        request,
        "staff/employers/record_form.html",
        {"form": form, "employer": employer, "title": title, "multipart": multipart},
    )


def _to_employer(request: HttpRequest, employer: Employer) -> HttpResponse:
    return redirect("staff:employer_detail", centre=request.centre.number, pk=employer.pk)  # type: ignore[attr-defined]


@centre_view("employers.manage")
def site_add(request: HttpRequest, pk: int) -> HttpResponse:
    employer = _employer(pk)
    form = SiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        site = add_site(employer, form.save(commit=False))
        messages.success(request, f"Site {site.name} added.")
        return _to_employer(request, employer)
    return _record_form(request, employer, form, "Add a site", multipart=False)


@centre_view("employers.manage")
def person_add(request: HttpRequest, pk: int) -> HttpResponse:
    employer = _employer(pk)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            person = form.save(commit=False)
            person.centre = employer.centre
            person.save()
            form.save_m2m()
            link_portal_account(person)
            Affiliation.objects.create(
                centre=employer.centre,
                person=person,
                employer=employer,
                job_title=form.cleaned_data["job_title_here"] or person.job_title,
                started_on=form.cleaned_data["started_on"],
            )
        messages.success(request, f"{person.full_name} added.")
        return _to_employer(request, employer)
    return _record_form(request, employer, form, "Add a contact or practitioner", multipart=False)


@centre_view("employers.view")
def interaction_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Any member of staff, from any department, logs a contact. Someone outside the owner's department
    sees, before they save, who else is already engaged with this employer."""
    employer = _employer(pk)
    form = InteractionForm(request.POST or None, employer=employer, initial={"occurred_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        people = list(data.pop("people"))
        log_interaction(employer, request.user, people=people, **data)
        messages.success(request, "Contact logged.")
        return _to_employer(request, employer)
    return render(
        request,
        "staff/employers/interaction_form.html",
        {
            "form": form,
            "employer": employer,
            "engagement": engagement_for(employer, request.user, timezone.localdate()),
        },
    )


@centre_view("employers.manage")
def check_add(request: HttpRequest, pk: int) -> HttpResponse:
    employer = _employer(pk)
    form = CheckForm(request.POST or None, request.FILES or None, initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        check = record_check(
            employer,
            kind=data["kind"],
            checked_on=data["checked_on"],
            expires_on=data["expires_on"],
            details=form.details(),
            recorded_by=request.user,
            certificate=data.get("certificate"),
        )
        messages.success(request, f"{check.get_kind_display()} recorded.")
        return _to_employer(request, employer)
    return _record_form(request, employer, form, "Record a safety check", multipart=True)


@centre_view("employers.view")
def check_certificate(request: HttpRequest, pk: int, check_pk: int) -> HttpResponse:
    check = get_object_or_404(EmployerCheck.objects.select_related("employer"), pk=check_pk, employer_id=pk)
    name = check.certificate.name.rsplit("/", 1)[-1] if check.certificate else "certificate"
    return serve_file(check.certificate, name)


@centre_view("employers.view")
def checks_expiring(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "staff/employers/expiring.html",
        {
            "rows": expiring_checks(timezone.localdate()),
            "labels": STATE_LABELS,
        },
    )


@centre_view("employers.manage")
def person_link(request: HttpRequest, pk: int) -> HttpResponse:
    employer = _employer(pk)
    form = LinkPersonForm(request.POST or None, employer=employer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        link_person(
            data["person"],
            employer,
            job_title=data["job_title"],
            started_on=data["started_on"],
            left_previous=data["left_previous"],
            today=timezone.localdate(),
        )
        messages.success(request, f"{data['person'].full_name} linked to {employer.display_name}.")
        return _to_employer(request, employer)
    return _record_form(request, employer, form, "Link someone already known", multipart=False)


@centre_view("employers.manage")
def person_edit(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    employer = _employer(pk)
    person = get_object_or_404(EmployerPerson.objects.filter(affiliations__employer=employer).distinct(), pk=person_pk)
    form = PersonForm(request.POST or None, instance=person)
    del form.fields["job_title_here"], form.fields["started_on"]
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            linked = link_portal_account(person)
        note = " They can sign in to the portal." if linked else ""
        if person.may_use_portal and not linked:
            note = " They have no portal account yet: invite them as an employer contact with this email address."
        messages.success(request, f"{person.full_name} saved.{note}")
        return _to_employer(request, employer)
    return _record_form(request, employer, form, f"Change {person.full_name}", multipart=False)
