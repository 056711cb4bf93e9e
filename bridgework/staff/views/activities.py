"""Activities: list with filters, create/edit, detail (sessions, learners, evidence, checklist), status."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Min, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bridgework.activities.models import (
    ATTENDED_MARKS,
    Activity,
    ActivitySession,
    ActivityStatus,
    Contingency,
    EvidenceFile,
    Participant,
)
from bridgework.activities.services import activities as service
from bridgework.activities.services.evidence import checklist
from bridgework.activities.types import DFE_CATEGORY, ActivityType, is_eligible
from bridgework.catalogue.models import Qualification
from bridgework.core.access import centre_view
from bridgework.core.audit import history_for
from bridgework.learners.identifiers import academic_year_of
from bridgework.staff.planner_forms import ActivityForm, ParticipantsForm, SessionForm, TransitionForm
from bridgework.staff.views.plans import _apply_errors

NEXT_STEP = {
    ActivityStatus.PLANNED: (ActivityStatus.CONFIRMED, "Confirm activity"),
    ActivityStatus.CONFIRMED: (ActivityStatus.DELIVERED, "Mark as delivered"),
    ActivityStatus.DELIVERED: (ActivityStatus.EVIDENCED, "Mark as evidenced"),
}


@centre_view("activities.view")
def activity_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    kind = request.GET.get("type", "")
    qualification = request.GET.get("qualification", "")
    year = request.GET.get("year", "")
    activities = (
        Activity.objects.select_related("employer")
        .prefetch_related(Prefetch("qualifications", queryset=Qualification.objects.only("id", "title")))
        .annotate(
            session_count=Count("sessions", distinct=True),
            first_session=Min("sessions__starts_at"),
            learner_count=Count("participants", distinct=True),
        )
        .order_by("first_session", "title", "id")
    )
    if q:
        activities = activities.filter(
            Q(title__icontains=q) | Q(employer__legal_name__icontains=q) | Q(employer__trading_name__icontains=q)
        )
    if status in ActivityStatus.values:
        activities = activities.filter(status=status)
    if kind in ActivityType.values:
        activities = activities.filter(type=kind)
    if qualification.isdigit():
        activities = activities.filter(qualifications=qualification)
    if year:
        activities = activities.filter(academic_year=year)
    page = Paginator(activities, settings.ACTIVITIES_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "staff/activities/list.html",
        {
            "page_obj": page,
            "q": q,
            "status": status,
            "type": kind,
            "qualification": qualification,
            "year": year,
            "statuses": ActivityStatus.choices,
            "types": ActivityType.choices,
            "qualifications": list(
                Qualification.objects.filter(pk__in=Activity.objects.values("qualifications")).values_list(
                    "pk", "title"
                )
            ),
            "years": list(
                Activity.objects.values_list("academic_year", flat=True).distinct().order_by("-academic_year")
            ),
            "querystring": params.urlencode(),
            "filtered": any([q, status, kind, qualification, year]),
        },
    )


def _save_from_form(request: HttpRequest, form: ActivityForm) -> Activity | None:
    activity = form.save(commit=False)
    activity.centre = request.centre
    try:
        return service.save_activity(
            activity,
            qualifications=list(form.cleaned_data["qualifications"]),
            units=list(form.cleaned_data["units"]),
            practitioners=list(form.cleaned_data["practitioners"]),
            groups=list(form.cleaned_data["teaching_groups"]),
            by=request.user,
        )
    except ValidationError as error:
        _apply_errors(form, error)
        return None


@centre_view("activities.manage")
def activity_create(request: HttpRequest) -> HttpResponse:
    initial = {"academic_year": academic_year_of(timezone.localdate())}
    if request.GET.get("qualification", "").isdigit():
        initial["qualifications"] = [request.GET["qualification"]]
    if request.GET.get("unit", "").isdigit():
        initial["units"] = [request.GET["unit"]]
    form = ActivityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        activity = _save_from_form(request, form)
        if activity is not None:
            messages.success(request, "Activity created. Add its sessions next.")
            return redirect("staff:activity_detail", centre=request.centre.number, pk=activity.pk)
    return render(request, "staff/activities/form.html", {"form": form})


@centre_view("activities.manage")
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid() and _save_from_form(request, form) is not None:
        messages.success(request, "Activity updated.")
        return redirect("staff:activity_detail", centre=request.centre.number, pk=activity.pk)
    return render(request, "staff/activities/form.html", {"form": form, "activity": activity})


@centre_view("activities.view")
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.select_related("employer", "confirmed_by", "created_by").prefetch_related(
            "qualifications__awarding_organisation", "units", "practitioners", "teaching_groups"
        ),
        pk=pk,
    )
    sessions = list(
        ActivitySession.objects.filter(activity=activity)
        .select_related("practitioner_confirmed_by")
        .annotate(
            marked=Count("marks", distinct=True),
            attended=Count("marks", filter=Q(marks__mark__in=list(ATTENDED_MARKS)), distinct=True),
        )
    )
    participants = list(
        Participant.objects.filter(activity=activity)
        .select_related("learner")
        .order_by("learner__family_name", "learner__given_name")
    )
    next_step = NEXT_STEP.get(activity.status)
    guard = service.GUARDS[next_step[0]](activity) if next_step else None
    return render(
        request,
        "staff/activities/detail.html",
        {
            "activity": activity,
            "eligible": is_eligible(activity.type),
            "dfe_category": DFE_CATEGORY.get(activity.type),
            "sessions": sessions,
            "participants": participants,
            "evidence": EvidenceFile.objects.filter(activity=activity).select_related(
                "session", "learner", "uploaded_by"
            ),
            "checklist": checklist(activity),
            "contingencies": Contingency.objects.filter(missed_session__activity=activity).select_related(
                "learner", "missed_session", "replacement_activity"
            ),
            "next_step": next_step,
            "guard": guard,
            # Past planning, paperwork never blocks anything, but what lapsed or was overridden is still shown.
            "paperwork": service.paperwork(activity) if activity.status not in ("planned", "cancelled") else None,
            "may_override": request.user.has_perm("activities.override_checks", request.centre),
            "transition_form": TransitionForm(initial={"to": next_step[0]}) if next_step else None,
            "history": history_for(activity, limit=20),
        },
    )


@centre_view("activities.manage")
@require_POST
def activity_transition(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            service.transition(
                activity,
                form.cleaned_data["to"],
                by=request.user,
                override_reason=form.cleaned_data["override_reason"],
                may_override=request.user.has_perm("activities.override_checks", request.centre),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"The activity is now {activity.get_status_display().lower()}.")
    else:
        messages.error(request, "Choose a valid status.")
    return redirect("staff:activity_detail", centre=request.centre.number, pk=activity.pk)


@centre_view("activities.manage")
def activity_participants(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    form = ParticipantsForm(request.POST or None, activity=activity)
    if request.method == "POST" and "remove" in request.POST:
        service.remove_participant(activity, int(request.POST["remove"]) if request.POST["remove"].isdigit() else 0)
        messages.success(request, "Learner removed from the activity.")
        return redirect("staff:activity_participants", centre=request.centre.number, pk=activity.pk)
    if request.method == "POST" and form.is_valid():
        added = service.add_groups(activity, form.cleaned_data["groups"]) if form.cleaned_data["groups"] else 0
        added += service.add_learners(activity, form.cleaned_data["learners"])
        messages.success(request, f"{added} learner{'s' if added != 1 else ''} added.")
        return redirect("staff:activity_detail", centre=request.centre.number, pk=activity.pk)
    participants = (
        Participant.objects.filter(activity=activity)
        .select_related("learner")
        .order_by("learner__family_name", "learner__given_name")
    )
    return render(
        request,
        "staff/activities/participants.html",
        {"activity": activity, "form": form, "participants": participants},
    )


@centre_view("activities.manage")
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_form(request, get_object_or_404(Activity, pk=pk), None)


@centre_view("activities.manage")
def session_edit(request: HttpRequest, pk: int, session: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    return _session_form(request, activity, get_object_or_404(ActivitySession, pk=session, activity=activity))


def _session_form(request: HttpRequest, activity: Activity, session: ActivitySession | None) -> HttpResponse:
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.activity, obj.centre = activity, request.centre
        obj.starts_at, obj.ends_at = form.cleaned_data["starts_at"], form.cleaned_data["ends_at"]
        try:
            service.save_session(obj)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Session saved.")
            return redirect("staff:activity_detail", centre=request.centre.number, pk=activity.pk)
    return render(
        request, "staff/activities/session_form.html", {"form": form, "activity": activity, "session": session}
    )
