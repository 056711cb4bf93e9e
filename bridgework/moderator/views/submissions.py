"""The moderator's submission view: planner, per-learner claims beside the engine's reasons, the seeded
sample, verdicts, the outcome with improvement actions, the round history and the pack."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bridgework.core.access import moderator_view
from bridgework.core.pdf import pdf_response
from bridgework.core.uploads import serve_file
from bridgework.moderation.forms import ReasonForm, SampleForm, SubmissionDecisionForm, verdict_inputs
from bridgework.moderation.models import Submission, SubmissionPack
from bridgework.moderation.queries import submission_context
from bridgework.moderation.services import pack as packs
from bridgework.moderation.services import sources, submissions
from bridgework.moderation.services.events import TransitionError
from bridgework.moderator.views.scoping import for_my_ao
from bridgework.staff.views.moderation.common import attempt


def _get(request: HttpRequest, pk: int) -> Submission:
    return get_object_or_404(
        for_my_ao(request, Submission.objects.select_related("centre", "qualification__awarding_organisation")), pk=pk
    )


def _url(submission: Submission) -> str:
    return reverse("moderator:submission_detail", kwargs={"pk": submission.pk})


def _render(request: HttpRequest, submission: Submission, status: int = 200, **extra: Any) -> HttpResponse:
    context = (
        submission_context(submission)
        | {
            "sample_form": SampleForm(),
            "decision_form": SubmissionDecisionForm(),
            "reopen_form": ReasonForm(),
        }
        | extra
    )
    return render(request, "moderator/submission_detail.html", context, status=status)


@moderator_view
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _get(request, pk))


@require_POST
@moderator_view
def submission_sample(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(request, pk)
    form = SampleForm(request.POST)
    if not form.is_valid():
        return _render(request, submission, status=400, sample_form=form)
    return attempt(
        request,
        lambda: submissions.draw_sample(
            submission_id=submission.pk, actor=request.user, seed=form.cleaned_data["seed"]
        ),
        "Sample drawn and its seed recorded.",
        _url(submission),
    )


@require_POST
@moderator_view
def submission_verdicts(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(request, pk)
    ids = list(submissions.current_round(submission).claims.values_list("pk", flat=True))
    try:
        submissions.record_verdicts(
            submission_id=submission.pk, actor=request.user, verdicts=verdict_inputs(request.POST, ids)
        )
    except submissions.ClaimErrors as error:
        return _render(request, submission, status=400, verdict_errors=error.errors, posted=request.POST)
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Verdicts saved.")
    return redirect(_url(submission))


@require_POST
@moderator_view
def submission_decide(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(request, pk)
    form = SubmissionDecisionForm(request.POST)
    if form.is_valid():
        try:
            submissions.decide(
                submission_id=submission.pk,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                feedback=form.cleaned_data["feedback"],
                actions=form.actions(),
            )
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Outcome recorded. The centre has been told.")
            return redirect(_url(submission))
    return _render(request, submission, status=400, decision_form=form)


@require_POST
@moderator_view
def submission_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(request, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return attempt(
        request,
        lambda: submissions.reopen(submission_id=submission.pk, actor=request.user, reason=reason, by_moderator=True),
        "Returned to the centre.",
        _url(submission),
    )


@moderator_view
def attendance_record(request: HttpRequest, pk: int, activity: int) -> HttpResponse:
    submission = _get(request, pk)
    if not submission.rounds.filter(submitted_at__isnull=False).exists():
        raise Http404("Nothing has been submitted yet")
    found = get_object_or_404(sources.submission_activities(submission), pk=activity)
    return pdf_response(sources.attendance_pdf(found), f"attendance-{found.pk}.pdf")


@moderator_view
def sampled_evidence(request: HttpRequest, pk: int, evidence: int) -> HttpResponse:
    """A file kept as evidence for an activity in the drawn sample; anything else is not the moderator's."""
    submission = _get(request, pk)
    found = get_object_or_404(sources.sampled_evidence(submissions.current_round(submission)), pk=evidence)
    return serve_file(found.file, found.original_name, found.content_type)


@moderator_view
def sampled_entry(request: HttpRequest, pk: int, citation: int) -> HttpResponse:
    """A journal entry the centre cited for a sampled activity, as a PDF (only while the learner shares it)."""
    from bridgework.portfolio.services.citations import cited_entry_pdf

    submission = _get(request, pk)
    found = get_object_or_404(sources.sampled_citations(submissions.current_round(submission)), pk=citation)
    return pdf_response(cited_entry_pdf(found), f"journal-entry-{found.entry_id}.pdf")


@require_POST
@moderator_view
def pack_create(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _get(request, pk)
    round_ = submissions.current_round(submission)
    return attempt(
        request,
        lambda: packs.request_pack(round_=round_, actor=request.user),
        "The pack is being built. Refresh this page in a moment.",
        _url(submission),
    )


@moderator_view
def pack_download(request: HttpRequest, pk: int) -> HttpResponse:
    pack = get_object_or_404(
        for_my_ao(
            request,
            SubmissionPack.objects.filter(state="ready"),
            "round__submission__qualification__awarding_organisation_id",
        ),
        pk=pk,
    )
    return serve_file(pack.file, pack.file.name.rsplit("/", 1)[-1], "application/zip")
