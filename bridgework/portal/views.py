"""The employer portal: plain HTML, phone-first, no JavaScript needed.

Every learner-data lookup goes through `portfolio.services.portal` (one access function per object type:
404 unless shared now), and every page and action is recorded with `portal.record`. Employer people see
learners' names only: never a date of birth, ULN, MIS reference or any learner who is not theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bridgework.activities.models import ActivitySession, AttendanceMark, Mark
from bridgework.activities.services import confirmation
from bridgework.core.access import portal_view
from bridgework.employers import party_views
from bridgework.employers.models import Party
from bridgework.learners.models import Learner
from bridgework.portfolio.forms import FeedbackForm, WitnessStatementForm
from bridgework.portfolio.models import Attachment, ExpertWitnessStatement, Feedback, PortalAction
from bridgework.portfolio.services import portal
from bridgework.portfolio.services.access import serve_attachment
from bridgework.portfolio.services.contributions import (
    activities_for_witness,
    activity_dates_for,
    deadlines_for_learners,
    leave_feedback,
    units_for_learner,
    write_witness_statement,
)
from bridgework.portfolio.views_common import apply_errors

REGISTERS_SHOWN = 20


def audit_refusals(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Record every 404 a portal user meets too: asking for what is not shared with them is worth knowing."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Http404:
            portal.record_not_found(request)
            raise

    return wrapped


@portal_view
@audit_refusals
def home(request: HttpRequest) -> HttpResponse:
    pu = portal.portal_user(request.user)
    learners = list(Learner.objects.filter(pk__in=pu.learner_ids).select_related("centre"))
    shared = dict(portal.visible_shares(pu).values("learner_id").annotate(n=Count("id")).values_list("learner_id", "n"))
    rows = [{"learner": learner, "shared": shared.get(learner.pk, 0)} for learner in learners]
    portal.record(request, PortalAction.VIEW, pu=pu)
    return render(request, "portal/home.html", {"rows": rows, "pu": pu})


@portal_view
@audit_refusals
def learner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pu = portal.portal_user(request.user)
    learner = portal.portal_learner_for(pu, pk)
    shares = portal.visible_shares(pu).filter(learner=learner).select_related("entry", "update").order_by("-created_at")
    statements = ExpertWitnessStatement.objects.filter(learner=learner, person_id__in=pu.person_ids).select_related(
        "unit"
    )
    portal.record(request, PortalAction.VIEW, pu=pu, learner=learner)
    return render(
        request,
        "portal/learner.html",
        {
            "learner": learner,
            "shares": shares,
            "deadlines": deadlines_for_learners({learner.pk}),
            "statements": statements,
            "may_witness": pu.person_at(learner.centre_id) is not None,
        },
    )


def _entry_page(request: HttpRequest, pu: portal.PortalUser, pk: int, form: FeedbackForm, status: int = 200):  # type: ignore[no-untyped-def]
    entry = portal.portal_entry_for(pu, pk)
    # Only the feedback this person left: other employers' involvement is not theirs to see.
    feedback = Feedback.objects.filter(entry=entry, person_id__in=pu.person_ids).select_related("person")
    return entry, render(
        request,
        "portal/entry.html",
        {"entry": entry, "attachments": entry.attachments.all(), "feedback": feedback, "form": form},
        status=status,
    )


@portal_view
@audit_refusals
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pu = portal.portal_user(request.user)
    entry, response = _entry_page(request, pu, pk, FeedbackForm())
    portal.record(request, PortalAction.VIEW, pu=pu, entry=entry)
    return response


@portal_view
@audit_refusals
@require_POST
def entry_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    pu = portal.portal_user(request.user)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            feedback = leave_feedback(pu, pk, form.cleaned_data["text"])
        except ValidationError as exc:
            apply_errors(form, exc, field="text")
        else:
            portal.record(request, PortalAction.FEEDBACK, pu=pu, entry=feedback.entry)
            messages.success(request, "Feedback saved. The learner and their college can see it.")
            return redirect("portal:entry", pk=pk)
    entry, response = _entry_page(request, pu, pk, form, status=400)
    portal.record(request, PortalAction.VIEW, pu=pu, entry=entry)
    return response


@portal_view
@audit_refusals
def update_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pu = portal.portal_user(request.user)
    update = portal.portal_update_for(pu, pk)
    portal.record(request, PortalAction.VIEW, pu=pu, update=update)
    return render(
        request,
        "portal/update.html",
        {"update": update, "entries": update.entries.select_related("activity", "unit").order_by("happened_on")},
    )


@portal_view
@audit_refusals
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    pu = portal.portal_user(request.user)
    found: Attachment = portal.portal_attachment_for(pu, pk)
    portal.record(request, PortalAction.DOWNLOAD, pu=pu, attachment=found, entry=found.entry)
    return serve_attachment(found)


@portal_view
@audit_refusals
def deadlines(request: HttpRequest) -> HttpResponse:
    pu = portal.portal_user(request.user)
    portal.record(request, PortalAction.VIEW, pu=pu)
    return render(
        request,
        "portal/deadlines.html",
        {"deadlines": deadlines_for_learners(pu.learner_ids), "sessions": activity_dates_for(pu)},
    )


@portal_view
@audit_refusals
def registers(request: HttpRequest) -> HttpResponse:
    """Registers of the sessions this person delivered or assessed, to check and confirm."""
    pu = portal.portal_user(request.user)
    sessions = (
        ActivitySession.objects.filter(activity__practitioners__in=pu.person_ids, starts_at__lte=timezone.now())
        .select_related("activity", "practitioner_confirmed_by")
        .prefetch_related(Prefetch("marks", queryset=AttendanceMark.objects.select_related("learner")))
        .distinct()
        .order_by("-starts_at")[:REGISTERS_SHOWN]
    )
    labels = dict(Mark.choices)  # a centre's custom status shows as its code
    registers = [
        {
            "session": session,
            "marks": [(m.learner.full_name, labels.get(m.mark, m.mark)) for m in session.marks.all()],
        }
        for session in sessions
    ]
    portal.record(request, PortalAction.VIEW, pu=pu)
    return render(request, "portal/registers.html", {"registers": registers})


@portal_view
@audit_refusals
@require_POST
def register_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The practitioner confirms a register they delivered: the same rule as the emailed confirmation link."""
    pu = portal.portal_user(request.user)
    session, person = portal.portal_session_for(pu, pk)
    try:
        confirmation.confirm(session, person)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        portal.record(request, PortalAction.CONFIRM_REGISTER, pu=pu)
        messages.success(request, f"Register confirmed: {session.activity.title}.")
    return redirect("portal:registers")


@portal_view
@audit_refusals
def witness_create(request: HttpRequest, pk: int) -> HttpResponse:
    pu = portal.portal_user(request.user)
    learner = portal.portal_learner_for(pu, pk)
    person = portal.person_for_learner(pu, learner)
    form = WitnessStatementForm(
        request.POST or None,
        units=units_for_learner(learner),
        activities=activities_for_witness(pu, learner),
        person=person,
    )
    if request.method == "POST" and form.is_valid():
        try:
            statement = write_witness_statement(pu, learner, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            portal.record(request, PortalAction.WITNESS_STATEMENT, pu=pu, learner=learner)
            messages.success(request, "Statement signed and sent to the college.")
            return redirect("portal:witness_detail", pk=statement.pk)
    portal.record(request, PortalAction.VIEW, pu=pu, learner=learner)
    return render(request, "portal/witness_form.html", {"form": form, "learner": learner})


@portal_view
@audit_refusals
def witness_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pu = portal.portal_user(request.user)
    statement = portal.portal_statement_for(pu, pk)
    portal.record(request, PortalAction.VIEW, pu=pu, learner=statement.learner)
    return render(request, "portal/witness_detail.html", {"statement": statement})


@portal_view
def agreement_list(request: HttpRequest) -> HttpResponse:
    return party_views.agreement_list(request, Party.EMPLOYER)


@portal_view
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return party_views.agreement_sign(request, Party.EMPLOYER, pk)


@portal_view
def agreement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return party_views.agreement_pdf(request, Party.EMPLOYER, pk)
