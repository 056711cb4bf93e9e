"""Requests for additional evidence (seed 001 §2.2) and visiting moderator reports.

open ──centre replies──▶ answered ──moderator replies──▶ open
  └──────────────moderator closes (from either)──────────────▶ closed
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse

from bridgework.catalogue.models import Qualification
from bridgework.moderation.models import (
    EvidenceMessage,
    EvidenceRequest,
    RequestState,
    Side,
    Submission,
    VisitReport,
)
from bridgework.moderation.services import notify
from bridgework.moderation.services.events import TransitionError, log_event
from bridgework.moderation.services.files import store_file


def _paths(request: EvidenceRequest) -> tuple[str, str]:
    return (
        reverse("staff:request_detail", kwargs={"centre": request.centre.number, "pk": request.pk}),
        reverse("moderator:request_detail", kwargs={"pk": request.pk}),
    )


def open_request(
    *,
    centre: Any,
    qualification: Qualification,
    submission: Submission | None,
    actor: Any,
    purpose: str,
    subject: str,
    body: str,
    due_on: date,
) -> EvidenceRequest:
    if not body.strip() or not subject.strip():
        raise TransitionError("Say what evidence you need.")
    with transaction.atomic():
        request = EvidenceRequest.objects.create(
            centre=centre,
            qualification=qualification,
            submission=submission,
            purpose=purpose,
            subject=subject,
            due_on=due_on,
            created_by=actor,
        )
        EvidenceMessage.objects.create(centre=centre, request=request, side=Side.MODERATOR, author=actor, body=body)
        log_event(request, actor, "request_opened", "", request.state, request.get_purpose_display())
        notify.tell_centre(
            centre.pk,
            f"additional evidence requested: {subject}",
            f"The moderator asks for additional evidence ({request.get_purpose_display().lower()}) by "
            f"{due_on:%-d %B %Y}:\n\n{body}",
            _paths(request)[0],
        )
    return request


def reply(*, request_id: int, actor: Any, side: str, body: str, uploads: list[Any]) -> EvidenceMessage:
    if not body.strip() and not uploads:
        raise TransitionError("Write a message or attach a file.")
    with transaction.atomic():
        # Race: the moderator closing the request while the centre replies; both lock the request row.
        request = EvidenceRequest.objects.select_for_update().select_related("centre").get(pk=request_id)
        if request.state == RequestState.CLOSED:
            raise TransitionError("This request is closed.")
        message = EvidenceMessage.objects.create(
            centre_id=request.centre_id, request=request, side=side, author=actor, body=body
        )
        for upload in uploads:  # each is checked by its bytes; a bad one rolls the whole reply back
            store_file(centre_id=request.centre_id, upload=upload, actor=actor, message=message)
        previous = request.state
        request.state = RequestState.ANSWERED if side == Side.CENTRE else RequestState.OPEN
        request.save(update_fields=["state"])
        log_event(request, actor, "request_replied", previous, request.state, f"{Side(side).label}: {body[:200]}")
        centre_path, moderator_path = _paths(request)
        if side == Side.CENTRE:
            notify.tell_moderators(
                request.centre_id,
                request.qualification.awarding_organisation_id,
                f"evidence received: {request.subject}",
                f"{request.centre.name} replied to your request.",
                moderator_path,
            )
        else:
            notify.tell_centre(request.centre_id, f"moderator replied: {request.subject}", body, centre_path)
    return message


def close(*, request_id: int, actor: Any, note: str) -> EvidenceRequest:
    with transaction.atomic():
        request = EvidenceRequest.objects.select_for_update().select_related("centre").get(pk=request_id)
        if request.state == RequestState.CLOSED:
            raise TransitionError("This request is already closed.")
        previous = request.state
        request.state = RequestState.CLOSED
        request.save(update_fields=["state"])
        log_event(request, actor, "request_closed", previous, request.state, note)
        notify.tell_centre(
            request.centre_id,
            f"request closed: {request.subject}",
            note or "The moderator closed the request.",
            _paths(request)[0],
        )
    return request


def record_visit(
    *,
    centre: Any,
    qualification: Qualification,
    academic_year: str,
    actor: Any,
    visited_on: date,
    plan_reviewed: bool,
    plan_comments: str,
    comments: str,
) -> VisitReport:
    with transaction.atomic():
        report = VisitReport.objects.create(
            centre=centre,
            qualification=qualification,
            academic_year=academic_year,
            visited_on=visited_on,
            moderator=actor,
            plan_reviewed=plan_reviewed,
            plan_comments=plan_comments,
            comments=comments,
        )
        notify.tell_centre(
            centre.pk,
            f"visit report for {qualification}",
            f"The visiting moderator recorded the visit of {visited_on:%-d %B %Y}.",
            reverse("staff:visit_detail", kwargs={"centre": centre.number, "pk": report.pk}),
        )
    return report
