"""The centre prepares and submits its employer involvement plan for approval, round after round."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bridgework.catalogue.models import Qualification
from bridgework.core.access import centre_view
from bridgework.moderation.forms import ActionDoneForm, ApprovalDraftForm, UploadForm
from bridgework.moderation.models import ApprovalCase, ImprovementAction
from bridgework.moderation.queries import approval_context
from bridgework.moderation.services import approvals
from bridgework.moderation.services.events import TransitionError
from bridgework.staff.views.moderation.common import attempt


def _detail_url(request: HttpRequest, case: ApprovalCase) -> str:
    return reverse("staff:approval_detail", kwargs={"centre": request.centre.number, "pk": case.pk})  # type: ignore[attr-defined]


@require_POST
@centre_view("centre.manage_moderation")
def approval_start(request: HttpRequest) -> HttpResponse:
    qualification = get_object_or_404(Qualification, pk=request.POST.get("qualification") or 0)
    try:
        case = approvals.start_approval(centre=request.centre, qualification=qualification, actor=request.user)  # type: ignore[attr-defined]
    except TransitionError as error:
        messages.error(request, str(error))
        return redirect("staff:moderation_home", centre=request.centre.number)  # type: ignore[attr-defined]
    return redirect(_detail_url(request, case))


@centre_view("centre.manage_moderation")
def approval_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(ApprovalCase.objects.select_related("qualification__awarding_organisation"), pk=pk)
    return _render(request, case, ApprovalDraftForm(instance=case), UploadForm())


def _render(
    request: HttpRequest, case: ApprovalCase, draft: ApprovalDraftForm, upload: UploadForm, status: int = 200
) -> HttpResponse:
    context = approval_context(case) | {"draft_form": draft, "upload_form": upload}
    return render(request, "staff/moderation/approval_detail.html", context, status=status)


@require_POST
@centre_view("centre.manage_moderation")
def approval_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(ApprovalCase.objects.select_related("qualification__awarding_organisation"), pk=pk)
    form = ApprovalDraftForm(request.POST, instance=ApprovalCase.objects.get(pk=pk))
    if not form.is_valid():
        return _render(request, case, form, UploadForm(), status=400)
    return attempt(
        request,
        lambda: approvals.save_draft(case_id=case.pk, actor=request.user, **form.cleaned_data),
        "Plan saved.",
        _detail_url(request, case),
    )


@require_POST
@centre_view("centre.manage_moderation")
def approval_upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(ApprovalCase.objects.select_related("qualification__awarding_organisation"), pk=pk)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            approvals.add_file(
                case_id=case.pk,
                actor=request.user,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except TransitionError as error:
            form.add_error(None, str(error))
        except ValidationError as error:  # the byte check refused the file
            form.add_error("file", error)
        else:
            messages.success(request, "File added.")
            return redirect(_detail_url(request, case))
    return _render(request, case, ApprovalDraftForm(instance=case), form, status=400)


@require_POST
@centre_view("centre.manage_moderation")
def approval_submit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(ApprovalCase, pk=pk)
    return attempt(
        request,
        lambda: approvals.submit(case_id=case.pk, actor=request.user),
        "Plan submitted. The moderator has been told.",
        _detail_url(request, case),
    )


@require_POST
@centre_view("centre.manage_moderation")
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(
        ImprovementAction.objects.select_related("approval_round__case", "submission_round__submission"), pk=pk
    )
    form = ActionDoneForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    if action.approval_round_id:
        back = _detail_url(request, action.approval_round.case)
    else:
        back = reverse(
            "staff:submission_detail",
            kwargs={
                "centre": request.centre.number,  # type: ignore[attr-defined]
                "pk": action.submission_round.submission_id,
            },
        )
    return attempt(
        request,
        lambda: approvals.complete_action(action_id=action.pk, actor=request.user, note=note),
        "Action marked as done.",
        back,
    )
