"""Registers: mark a session (phone-friendly), mark all then adjust, QR self check-in display, the
practitioner's confirmation link, contingencies for absent learners and the centre's extra statuses."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bridgework.activities.models import ActivitySession, Contingency, CustomAttendanceStatus, Mark
from bridgework.activities.services import checkin, confirmation, registers
from bridgework.activities.services.contingencies import missed, record_contingency
from bridgework.core.access import centre_view
from bridgework.employers.models import EmployerPerson
from bridgework.learners.models import Learner
from bridgework.staff.planner_forms import ContingencyForm, CustomStatusForm
from bridgework.staff.views.plans import _apply_errors


def _session(pk: int, session: int) -> ActivitySession:
    return get_object_or_404(ActivitySession.objects.select_related("activity"), pk=session, activity_id=pk)


@centre_view("activities.manage")
def register(request: HttpRequest, pk: int, session: int) -> HttpResponse:
    obj = _session(pk, session)
    errors: list[str] = []
    if request.method == "POST":
        marks = {
            int(key.removeprefix("mark-")): value
            for key, value in request.POST.items()
            if key.startswith("mark-") and key.removeprefix("mark-").isdigit()
        }
        try:
            changed = registers.save_register(obj, marks, by=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"Register saved ({changed} change{'s' if changed != 1 else ''}).")
            return redirect("staff:register", centre=request.centre.number, pk=pk, session=obj.pk)
    lines = registers.register_lines(obj)
    choices = registers.mark_choices(request.centre.pk)
    posted = dict(request.POST.items()) if errors else {}
    rows = [
        {
            "line": line,
            "current": posted.get(f"mark-{line.learner.pk}", line.mark.mark if line.mark else ""),
        }
        for line in lines
    ]
    return render(
        request,
        "staff/registers/register.html",
        {
            "session": obj,
            "activity": obj.activity,
            "rows": rows,
            "choices": choices,
            "errors": errors,
            "unmarked": sum(1 for r in rows if not r["current"] and not r["line"].enrolled_after),
            "practitioners": obj.activity.practitioners.all(),
        },
        status=400 if errors else 200,
    )


@centre_view("activities.manage")
@require_POST
def register_mark_all(request: HttpRequest, pk: int, session: int) -> HttpResponse:
    obj = _session(pk, session)
    count = registers.mark_all(obj, Mark.PRESENT, by=request.user)
    messages.success(
        request, f"{count} learner{'s' if count != 1 else ''} marked present. Excused learners were left as they were."
    )
    return redirect("staff:register", centre=request.centre.number, pk=pk, session=obj.pk)


@centre_view("activities.manage")
def checkin_display(request: HttpRequest, pk: int, session: int) -> HttpResponse:
    obj = _session(pk, session)
    return render(request, "staff/registers/checkin.html", {"session": obj, "activity": obj.activity, **_qr(obj)})


@centre_view("activities.manage")
def checkin_qr(request: HttpRequest, pk: int, session: int) -> HttpResponse:
    """The QR code alone, for the display page to refresh (htmx) before the token expires."""
    obj = _session(pk, session)
    return render(request, "staff/registers/_qr.html", {"session": obj, "activity": obj.activity, **_qr(obj)})


def _qr(session: ActivitySession) -> dict:
    url = checkin.checkin_url(checkin.issue_token(session))
    return {"qr": checkin.qr_svg(url), "checkin_url": url, "rotate": settings.CHECKIN_ROTATE_SECONDS}


@centre_view("activities.manage")
@require_POST
def register_confirmation_link(request: HttpRequest, pk: int, session: int) -> HttpResponse:
    obj = _session(pk, session)
    person = get_object_or_404(EmployerPerson, pk=request.POST.get("practitioner") or 0)
    try:
        token = confirmation.confirmation_token(obj, person)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("staff:register", centre=request.centre.number, pk=pk, session=obj.pk)
    return render(
        request,
        "staff/registers/confirmation_link.html",
        {
            "session": obj,
            "activity": obj.activity,
            "person": person,
            "link": confirmation.confirmation_url(token),
            "days": settings.REGISTER_CONFIRMATION_DAYS,
        },
    )


@centre_view("activities.manage")
def contingency_add(request: HttpRequest, pk: int, session: int, learner: int) -> HttpResponse:
    obj = _session(pk, session)
    person = get_object_or_404(Learner.objects.filter(participations__activity_id=pk), pk=learner)
    existing = Contingency.objects.filter(missed_session=obj, learner=person).first()
    initial = (
        {
            "kind": existing.kind,
            "description": existing.description,
            "completed_on": existing.completed_on,
            "replacement_activity": existing.replacement_activity_id,
        }
        if existing
        else None
    )
    form = ContingencyForm(request.POST or None, activity=obj.activity, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record_contingency(
                obj,
                person.pk,
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
                completed_on=form.cleaned_data["completed_on"],
                replacement=form.cleaned_data["replacement_activity"],
                by=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"Contingency recorded for {person.full_name}.")
            return redirect("staff:activity_detail", centre=request.centre.number, pk=pk)
    return render(
        request,
        "staff/registers/contingency_form.html",
        {"form": form, "session": obj, "activity": obj.activity, "learner": person, "missed": missed(obj, person.pk)},
    )


@centre_view("activities.manage_statuses")
def attendance_statuses(request: HttpRequest) -> HttpResponse:
    form = CustomStatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registers.add_custom_status(request.centre.pk, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Register status added.")
            return redirect("staff:attendance_statuses", centre=request.centre.number)
    return render(
        request,
        "staff/registers/statuses.html",
        {"form": form, "builtin": Mark.choices, "custom": CustomAttendanceStatus.objects.order_by("label")},
    )
