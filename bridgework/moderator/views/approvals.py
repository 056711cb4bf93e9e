"""The moderator decides a centre's approval plan, round by round, and may withdraw an approval."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bridgework.core.access import moderator_view
from bridgework.moderation.forms import ApprovalDecisionForm, ReasonForm
from bridgework.moderation.models import ApprovalCase
from bridgework.moderation.queries import approval_context
from bridgework.moderation.services import approvals
from bridgework.moderation.services.events import TransitionError
from bridgework.moderator.views.scoping import for_my_ao
from bridgework.staff.views.moderation.common import attempt


def _get(request: HttpRequest, pk: int) -> ApprovalCase:
    return get_object_or_404(
        # Only plans the centre has submitted at least once: a draft is not yet for moderation.
        for_my_ao(request, ApprovalCase.objects.filter(rounds__isnull=False).distinct()).select_related(
            "centre", "qualification__awarding_organisation"
        ),
        pk=pk,
    )


def _render(
    request: HttpRequest, case: ApprovalCase, decision: ApprovalDecisionForm, status: int = 200
) -> HttpResponse:
    context = approval_context(case) | {"decision_form": decision, "withdraw_form": ReasonForm()}
    return render(request, "moderator/approval_detail.html", context, status=status)


@moderator_view
def approval_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _get(request, pk), ApprovalDecisionForm())


@require_POST
@moderator_view
def approval_decide(request: HttpRequest, pk: int) -> HttpResponse:
    case = _get(request, pk)
    form = ApprovalDecisionForm(request.POST)
    if form.is_valid():
        try:
            approvals.decide(
                case_id=case.pk,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                feedback=form.cleaned_data["feedback"],
                resubmit_by=form.cleaned_data["resubmit_by"],
                actions=form.actions(),
            )
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Decision recorded. The centre has been told.")
            return redirect("moderator:approval_detail", pk=case.pk)
    return _render(request, case, form, status=400)


@require_POST
@moderator_view
def approval_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    case = _get(request, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return attempt(
        request,
        lambda: approvals.withdraw(case_id=case.pk, actor=request.user, reason=reason),
        "Approval withdrawn. The centre has been told.",
        reverse("moderator:approval_detail", kwargs={"pk": case.pk}),
    )
