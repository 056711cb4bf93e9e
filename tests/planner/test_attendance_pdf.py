"""The cohort attendance record lists every learner with their awarding-organisation number."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from bridgework.activities.services.attendance_pdf import attendance_context, attendance_pdf
from bridgework.activities.services.registers import mark_learner
from bridgework.catalogue.models import AwardingOrganisation
from bridgework.core.pdf import refuse_remote
from bridgework.learners.models import Learner, LearnerAwardingNumber
from tests.pdf_text import laid_out_text

pytestmark = pytest.mark.django_db


def test_the_pdf_lists_every_learner_and_number(world: Any, activity: Any) -> None:
    with scopes_disabled():
        ocr = AwardingOrganisation.objects.get(code="OCR")
        LearnerAwardingNumber.objects.create(
            centre=world.a.centre, learner=world.a.learner, awarding_organisation=ocr, number="4821"
        )
        for i in range(5):
            learner = Learner.objects.create(
                centre=world.a.centre,
                given_name=f"Learner{i}",
                family_name="Cohort",
                date_of_birth=world.a.learner.date_of_birth,
            )
            LearnerAwardingNumber.objects.create(
                centre=world.a.centre, learner=learner, awarding_organisation=ocr, number=f"50{i:02d}"
            )
            activity.participants.create(centre=world.a.centre, learner=learner)
        mark_learner(activity.sessions.first(), world.a.learner.pk, "present", by=world.a.staff)
        pdf = attendance_pdf(activity)
        text = _laid_out_text(activity)
    assert pdf.startswith(b"%PDF")
    assert world.a.learner.full_name in text and "OCR 4821" in text
    for i in range(5):
        assert f"Learner{i} Cohort" in text and f"OCR 50{i:02d}" in text
    assert "Present" in text and "Not marked" in text


def _laid_out_text(activity: Any) -> str:
    from django.template.loader import render_to_string

    return laid_out_text(render_to_string("activities/attendance_record.html", attendance_context(activity)))


def test_a_learner_without_a_number_is_flagged(world: Any, activity: Any) -> None:
    with scopes_disabled():
        rows = attendance_context(activity)["rows"]
    assert rows[0]["number"] == "Not recorded"


def test_generated_documents_never_fetch_urls() -> None:
    with pytest.raises(ValueError):
        refuse_remote("http://169.254.169.254/latest/meta-data/")


def test_the_download_is_a_pdf_attachment(world: Any, activity: Any, staff_client: Client) -> None:
    response = staff_client.get(f"/c/{world.a.centre.number}/activities/{activity.pk}/attendance.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and "attachment" in response["Content-Disposition"]
