"""Requests for additional evidence: the thread and its state on both sides; visit reports."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from bridgework.moderation.models import EvidenceMessage, ModerationFile, RequestState, Side
from bridgework.moderation.services import requests as evidence
from bridgework.moderation.services.events import TransitionError
from bridgework.moderation.tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_thread_moves_between_the_two_sides_until_closed(
    world, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    sub = f.submission(world.a, world.qualification, "submitted")
    with scopes_disabled():
        with django_capture_on_commit_callbacks(execute=True):
            request = evidence.open_request(
                centre=world.a.centre,
                qualification=world.qualification,
                submission=sub,
                actor=world.moderator,
                purpose="exemplar",
                subject="Exemplar placement",
                body="Send the best workbook.",
                due_on=date.today() + timedelta(days=10),
            )
        assert request.state == RequestState.OPEN and mailoutbox[-1].to == [world.a.admin.email]
        with django_capture_on_commit_callbacks(execute=True):
            evidence.reply(
                request_id=request.pk,
                actor=world.a.staff,
                side=Side.CENTRE,
                body="Attached.",
                uploads=[f.pdf_upload("workbook.pdf")],
            )
        request.refresh_from_db()
        assert request.state == RequestState.ANSWERED and mailoutbox[-1].to == [world.moderator.email]
        evidence.reply(
            request_id=request.pk, actor=world.moderator, side=Side.MODERATOR, body="Page 3 is missing.", uploads=[]
        )
        request.refresh_from_db()
        assert request.state == RequestState.OPEN
        with pytest.raises(ValidationError):
            evidence.reply(
                request_id=request.pk,
                actor=world.a.staff,
                side=Side.CENTRE,
                body="Here",
                uploads=[SimpleUploadedFile("page3.pdf", b"<html>nope</html>")],
            )
        assert EvidenceMessage.objects.filter(request=request).count() == 3  # the refused reply left nothing
        evidence.close(request_id=request.pk, actor=world.moderator, note="Thank you.")
        with pytest.raises(TransitionError, match="closed"):
            evidence.reply(request_id=request.pk, actor=world.a.staff, side=Side.CENTRE, body="late", uploads=[])
        states = list(request.events.order_by("at", "id").values_list("to_state", flat=True))
    assert states == ["open", "answered", "open", "closed"]


def test_both_sides_see_the_thread_and_its_files(world) -> None:
    request = f.evidence_request(world.a, world.qualification, world.moderator)
    staff = Client()
    staff.force_login(world.a.staff)
    url = reverse("staff:request_reply", kwargs={"centre": world.a.centre.number, "pk": request.pk})
    assert staff.post(url, {"body": "Registers attached", "file": f.pdf_upload("registers.pdf")}).status_code == 302
    moderator = Client()
    moderator.force_login(world.moderator)
    page = moderator.get(reverse("moderator:request_detail", kwargs={"pk": request.pk}))
    assert b"Registers attached" in page.content and b"registers.pdf" in page.content
    with scopes_disabled():
        file = ModerationFile.objects.get(message__request=request)
    download = moderator.get(reverse("moderator:file_download", kwargs={"pk": file.pk}))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    centre_page = staff.get(reverse("staff:request_detail", kwargs={"centre": world.a.centre.number, "pk": request.pk}))
    assert b"Answered by the centre" in centre_page.content


def test_a_visit_report_is_recorded_and_shown_to_the_centre(
    world, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    moderator = Client()
    moderator.force_login(world.moderator)
    url = reverse("moderator:visit_create", kwargs={"centre_id": world.a.centre.pk})
    bad = moderator.post(
        url,
        {
            "qualification": world.qualification.pk,
            "academic_year": "2025/27",
            "visited_on": date.today().isoformat(),
            "comments": "x",
        },
    )
    assert bad.status_code == 400 and b"Enter an academic year like 2025/26." in bad.content
    with django_capture_on_commit_callbacks(execute=True):
        ok = moderator.post(
            url,
            {
                "qualification": world.qualification.pk,
                "academic_year": "2025/26",
                "visited_on": date.today().isoformat(),
                "plan_reviewed": "on",
                "plan_comments": "Plan covers every unit.",
                "comments": "Good links with employers.",
            },
        )
    assert ok.status_code == 302 and mailoutbox[-1].to == [world.a.admin.email]
    staff = Client()
    staff.force_login(world.a.staff)
    home = staff.get(reverse("staff:moderation_home", kwargs={"centre": world.a.centre.number}))
    assert b"Visit on" in home.content
