"""The centre's annual submission: claims pre-filled from the engine, the planner, the declaration,
submitting (which locks it), reopening, and resubmitting after "not met"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bridgework.catalogue.models import Qualification
from bridgework.core.access import centre_view
from bridgework.learners.identifiers import validate_academic_year
from bridgework.moderation.forms import DeclarationForm, ReasonForm, claim_inputs
from bridgework.moderation.models import Submission
from bridgework.moderation.queries import submission_context
from bridgework.moderation.services import pack as packs
from bridgework.moderation.services import submissions
from bridgework.moderation.services.events import TransitionError
from bridgework.staff.views.moderation.common import attempt, client_ip


def _get(pk: int) -> Submission:
    return get_object_or_404(Submission.objects.select_related("qualification__awarding_organisation", "centre"), pk=pk)


def _url(request: HttpRequest, submission: Submission) -> str:
    return reverse("staff:submission_detail", kwargs={"centre": request.centre.number, "pk": submission.pk})  # type: ignore[attr-defined]


def _render(request: HttpRequest, submission: Submission, status: int = 200, **extra: Any) -> HttpResponse:
    context = submission_context(submission) | {"reopen_form": ReasonForm()} | extra
    posted = extra.get("posted")
    if posted is not None:  # a refused save: show what the person entered, not what is stored
        for claim in context["claims"]:
            answer = posted.get(f"claim-{claim.pk}")
            claim.claim_met = {"yes": True, "no": False}.get(answer, claim.claim_met)
            claim.disagreement_reason = posted.get(f"reason-{claim.pk}", claim.disagreement_reason)
    return render(request, "staff/moderation/submission_detail.html", context, status=status)


@require_POST
@centre_view("centre.manage_moderation")
def submission_start(request: HttpRequest) -> HttpResponse:
    qualification = get_object_or_404(Qualification, pk=request.POST.get("qualification") or 0)
    year = request.POST.get("academic_year", "")
    try:
        validate_academic_year(year)
        submission = submissions.start(
            centre=request.centre,
            qualification=qualification,  # type: ignore[attr-defined]
            academic_year=year,
            actor=request.user,
        )
    except (TransitionError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("staff:moderation_home", centre=request.centre.number)  # type: ignore[attr-defined]
    return redirect(_url(request, submission))


@centre_view("centre.manage_moderation")
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _get(pk))


@require_POST
@centre_view("centre.manage_moderation")
def submission_claims(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(pk)
    round_ = submissions.current_round(submission)
    inputs = claim_inputs(request.POST, list(round_.claims.values_list("pk", flat=True)))
    try:
        submissions.save_claims(submission_id=submission.pk, actor=request.user, claims=inputs)
    except submissions.ClaimErrors as error:
        return _render(request, submission, status=400, claim_errors=error.errors, posted=request.POST)
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Claims saved.")
    return redirect(_url(request, submission))


@require_POST
@centre_view("centre.manage_moderation")
def submission_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(pk)
    return attempt(
        request,
        lambda: submissions.refresh_engine(submission_id=submission.pk, actor=request.user),
        "Engine statuses refreshed.",
        _url(request, submission),
    )


@centre_view("centre.sign_moderation_declaration")
def submission_declaration(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(pk)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submissions.sign_declaration(
                submission_id=submission.pk,
                actor=request.user,
                typed_name=form.cleaned_data["typed_name"],
                job_title=form.cleaned_data["job_title"],
                ip_address=client_ip(request),
            )
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Declaration signed.")
            return redirect(_url(request, submission))
    from bridgework.moderation.models.submissions import DECLARATION_TEXT

    return render(
        request,
        "staff/moderation/declaration.html",
        {"submission": submission, "form": form, "statement": DECLARATION_TEXT},
        status=400 if form.errors else 200,
    )


@require_POST
@centre_view("centre.manage_moderation")
def submission_submit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(pk)
    return attempt(
        request,
        lambda: submissions.submit(submission_id=submission.pk, actor=request.user),
        "Submitted. It is locked now, and the moderator has been told.",
        _url(request, submission),
    )


@require_POST
@centre_view("centre.sign_moderation_declaration")
def submission_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return attempt(
        request,
        lambda: submissions.reopen(submission_id=submission.pk, actor=request.user, reason=reason, by_moderator=False),
        "Reopened. Sign the declaration again before you resubmit.",
        _url(request, submission),
    )


@require_POST
@centre_view("centre.manage_moderation")
def submission_resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(pk)
    return attempt(
        request,
        lambda: submissions.start_resubmission(submission_id=submission.pk, actor=request.user),
        "A new round has started: act on the improvement actions, then submit again.",
        _url(request, submission),
    )


@require_POST
@centre_view("centre.manage_moderation")
def pack_create(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(pk)
    round_ = submissions.current_round(submission)
    return attempt(
        request,
        lambda: packs.request_pack(round_=round_, actor=request.user),
        "The pack is being built. Refresh this page in a moment.",
        _url(request, submission),
    )
