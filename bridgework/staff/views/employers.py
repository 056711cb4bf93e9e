"""Staff pages for employers: list, detail, create and edit (with the duplicate warning), merge."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from bridgework.catalogue.models import Sector
from bridgework.core.access import centre_view
from bridgework.core.audit import history_for
from bridgework.employers.forms import EmployerForm, MergeForm, staff_users
from bridgework.employers.models import (
    Affiliation,
    Agreement,
    Employer,
    EmployerStatus,
)
from bridgework.employers.queries import employer_search
from bridgework.employers.services.checks import (
    STATE_LABELS,
    check_statuses,
    current_checks,
    employer_ids_in_state,
    overall_state,
)
from bridgework.employers.services.confirmation import readiness
from bridgework.employers.services.duplicates import probable_duplicates
from bridgework.employers.services.interactions import department_of, engagement_for
from bridgework.employers.services.merge import merge_employers
from bridgework.employers.services.records import create_employer, main_site_at
from bridgework.employers.timeline import employer_timeline

PAGE_SIZE = getattr(settings, "EMPLOYERS_PAGE_SIZE", 25)


@centre_view("employers.view")
def employer_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    f = {k: request.GET.get(k, "").strip() for k in ("q", "sector", "status", "checks", "owner")}
    employers = (
        Employer.objects.filter(merged_into__isnull=True)
        .select_related("relationship_owner", "owner_department")
        .prefetch_related("sectors")
    )
    if f["q"]:
        employers = employer_search(employers, f["q"])
    if f["sector"].isdigit():
        employers = employers.filter(sectors__id=int(f["sector"]))
    if f["status"] in EmployerStatus.values:
        employers = employers.filter(status=f["status"])
    if f["owner"].isdigit():
        employers = employers.filter(relationship_owner_id=int(f["owner"]))
    if f["checks"] in STATE_LABELS:
        ids = list(employers.values_list("pk", flat=True))
        employers = employers.filter(pk__in=employer_ids_in_state(ids, f["checks"], today))
    page = Paginator(employers.distinct(), PAGE_SIZE).get_page(request.GET.get("page"))
    in_force = current_checks(page.object_list)
    rows = [{"employer": e, "checks": overall_state(in_force[e.pk], today)} for e in page.object_list]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "staff/employers/list.html",
        {
            "page_obj": page,
            "rows": rows,
            "f": f,
            "filtered": any(f.values()),
            "sectors": Sector.objects.order_by("name"),
            "statuses": EmployerStatus.choices,
            "check_states": STATE_LABELS.items(),
            "owners": staff_users(request.centre.pk),  # type: ignore[attr-defined]
            "querystring": params.urlencode(),
        },
    )


@centre_view("employers.view")
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from bridgework.learners.models import Learner

    employer = get_object_or_404(
        Employer.objects.select_related("relationship_owner", "owner_department", "merged_into").prefetch_related(
            "sectors",
            "sites",
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.select_related("person").prefetch_related("person__sectors"),
            ),
            Prefetch(
                "agreements",
                queryset=Agreement.objects.select_related("learner", "employer_contact")
                .prefetch_related("signatures")
                .order_by("-created_at"),
            ),
        ),
        pk=pk,
    )
    today = timezone.localdate()
    checks = check_statuses(employer, today)
    learners = (
        Learner.objects.filter(Q(agreements__employer=employer) | Q(participations__activity__employer=employer))
        .distinct()
        .order_by("family_name", "given_name")
    )
    return render(
        request,
        "staff/employers/detail.html",
        {
            "employer": employer,
            "checks": checks,
            "readiness": readiness(checks),
            "timeline": employer_timeline(employer),
            "activities": employer.activities.order_by("-created_at")[:50],
            "learners": learners[:100],
            "engagement": engagement_for(employer, request.user, today),
            "may_merge": request.user.has_perm("employers.merge", request.centre),  # type: ignore[attr-defined]
            "history": history_for(employer, limit=20),
        },
    )


def _employer_from_form(form: EmployerForm, request: HttpRequest) -> Employer:
    """The form's employer, unsaved, with the relationship owner's department."""
    employer = form.save(commit=False)
    employer.centre = request.centre  # type: ignore[attr-defined]
    if employer.relationship_owner_id and (
        employer.owner_department_id is None or "relationship_owner" in form.changed_data
    ):
        employer.owner_department = department_of(employer.relationship_owner, employer.centre_id)
    if employer.relationship_owner_id is None:
        employer.owner_department = None
    return employer


@centre_view("employers.manage")
def employer_create(request: HttpRequest) -> HttpResponse:
    form = EmployerForm(request.POST or None, centre_id=request.centre.pk)  # type: ignore[attr-defined]
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = probable_duplicates(
            legal_name=data["legal_name"],
            trading_name=data["trading_name"],
            company_number=data["company_number"],
            postcodes=[data["postcode"]] if data["postcode"] else [],
        )
        if duplicates and not data["not_a_duplicate"]:
            form.add_error(
                None,
                "This employer may already exist. Open the existing record, or tick "
                "'This is a different employer' to create it anyway.",
            )
        else:
            employer = create_employer(
                _employer_from_form(form, request), sectors=data["sectors"], main_site=main_site_at(data["postcode"])
            )
            messages.success(request, f"{employer.display_name} added.")
            return redirect("staff:employer_detail", centre=request.centre.number, pk=employer.pk)  # type: ignore[attr-defined]
    return render(request, "staff/employers/form.html", {"form": form, "duplicates": duplicates, "employer": None})


@centre_view("employers.manage")
def employer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    employer = get_object_or_404(Employer.objects.filter(merged_into__isnull=True), pk=pk)
    form = EmployerForm(request.POST or None, instance=employer, centre_id=request.centre.pk)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        _employer_from_form(form, request).save()
        form.save_m2m()
        messages.success(request, "Employer details saved.")
        return redirect("staff:employer_detail", centre=request.centre.number, pk=employer.pk)  # type: ignore[attr-defined]
    return render(request, "staff/employers/form.html", {"form": form, "duplicates": [], "employer": employer})


@centre_view("employers.merge")
def employer_merge(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Employer.objects.filter(merged_into__isnull=True), pk=pk)
    suggested = [
        c.employer.pk
        for c in probable_duplicates(
            legal_name=source.legal_name,
            trading_name=source.trading_name,
            company_number=source.company_number,
            postcodes=list(source.sites.values_list("postcode", flat=True)),
            exclude_pk=source.pk,
        )
    ]
    form = MergeForm(request.POST or None, source=source, initial={"target": suggested[0] if suggested else None})
    if request.method == "POST" and form.is_valid():
        try:
            merge = merge_employers(source, form.cleaned_data["target"], request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            moved = ", ".join(f"{len(ids)} {kind}" for kind, ids in merge.moved.items() if ids) or "nothing else"
            messages.success(request, f"{source.display_name} merged into {merge.target.display_name}: moved {moved}.")
            return redirect("staff:employer_detail", centre=request.centre.number, pk=merge.target.pk)  # type: ignore[attr-defined]
    return render(request, "staff/employers/merge.html", {"form": form, "source": source})
