"""The centre's side of a request for additional evidence: read the thread, reply with files."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bridgework.core.access import centre_view
from bridgework.moderation.forms import ReplyForm
from bridgework.moderation.models import EvidenceMessage, EvidenceRequest, Side
from bridgework.moderation.queries import timeline


def request_context(request_obj: EvidenceRequest) -> dict[str, object]:
    return {
        "evidence_request": request_obj,
        "thread": list(
            EvidenceMessage.objects.filter(request=request_obj).select_related("author").prefetch_related("files")
        ),
        "timeline": timeline(request_obj.events.all()),
    }


def _get(pk: int) -> EvidenceRequest:
    return get_object_or_404(EvidenceRequest.objects.select_related("qualification", "submission", "centre"), pk=pk)


@centre_view("centre.manage_moderation")
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get(pk)
    return render(request, "staff/moderation/request_detail.html", request_context(obj) | {"form": ReplyForm()})


@require_POST
@centre_view("centre.manage_moderation")
def request_reply(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get(pk)
    form = ReplyForm(request.POST, request.FILES)
    if form.send(request_id=obj.pk, actor=request.user, side=Side.CENTRE):
        messages.success(request, "Reply sent. The moderator has been told.")
        return redirect("staff:request_detail", centre=request.centre.number, pk=obj.pk)  # type: ignore[attr-defined]
    return render(request, "staff/moderation/request_detail.html", request_context(obj) | {"form": form}, status=400)
