"""Both sides' pages: the queue and the submission view (query counts that do not grow), forms that refuse
bad input clearly, a moderator of another centre, and the centre never editing what is locked."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.catalogue.models import AwardingOrganisation
from bridgework.learners.models import Enrolment, Learner
from bridgework.moderation.models import LearnerClaim, ModerationFile, SubmissionState
from bridgework.moderation.tests import factories as f
from bridgework.people.models import Centre, ModeratorAssignment, ModeratorProfile
from tests.world import make_user

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _cohort(c, qualification, n: int) -> None:  # type: ignore[no-untyped-def]
    with scopes_disabled():
        for i in range(n):
            learner = Learner.objects.create(
                centre=c.centre, given_name=f"L{i}", family_name="Extra", date_of_birth=date(2009, 1, 1)
            )
            Enrolment.objects.create(
                centre=c.centre,
                learner=learner,
                qualification=qualification,
                academic_year="2025/26",
                start_date=date(2025, 9, 8),
            )


@pytest.mark.parametrize("learners", [2, 20])
def test_submission_pages_query_count_does_not_grow(world, learners, django_assert_max_num_queries) -> None:
    _cohort(world.a, world.qualification, learners)
    f.activity(world.a, world.qualification)
    f.approved_case(world.a, world.qualification)
    from bridgework.moderation.services import submissions as subs

    with scopes_disabled():
        sub = subs.start(
            centre=world.a.centre, qualification=world.qualification, academic_year="2025/26", actor=world.a.staff
        )
        assert LearnerClaim.objects.filter(round__submission=sub).count() == learners + 1
    staff = _client(world.a.staff)
    with django_assert_max_num_queries(45):
        page = staff.get(reverse("staff:submission_detail", kwargs={"centre": world.a.centre.number, "pk": sub.pk}))
    assert page.status_code == 200 and page.content.count(b'name="reason-') == learners + 1
    moderator = _client(world.moderator)
    draft_page = moderator.get(reverse("moderator:submission_detail", kwargs={"pk": sub.pk}))
    assert b"The centre is preparing round 1" in draft_page.content and b"L1 Extra" not in draft_page.content
    with scopes_disabled():
        sub.state = SubmissionState.SUBMITTED
        sub.save()
        sub.rounds.update(submitted_at=timezone.now())
        LearnerClaim.objects.filter(round__submission=sub).update(claim_met=True)
    with django_assert_max_num_queries(45):
        page = moderator.get(reverse("moderator:submission_detail", kwargs={"pk": sub.pk}))
    assert page.status_code == 200 and page.content.count(b'name="note-') == learners + 1


@pytest.mark.parametrize("count", [2, 20])
def test_the_moderator_queue_query_count_does_not_grow(world, count, django_assert_max_num_queries) -> None:
    from bridgework.catalogue.models import Qualification

    qualifications = list(Qualification.objects.filter(awarding_organisation__code="OCR", requires_mei=True)[:count])
    for q in qualifications:
        f.submission(world.a, q, "submitted")
    client = _client(world.moderator)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("moderator:home"))
    assert page.status_code == 200
    assert page.content.count(b"/moderator/submissions/") == len(qualifications)


def test_a_moderator_of_another_centre_gets_404_everywhere(world) -> None:
    other = make_user("other.moderator@ao.test", totp=True)
    with scopes_disabled():
        profile = ModeratorProfile.objects.create(
            user=other, awarding_organisation=AwardingOrganisation.objects.get(code="OCR")
        )
        ModeratorAssignment.objects.create(moderator=profile, centre=world.b.centre)
        sub = f.sampled_submission(world.a, world.qualification)
        case = f.submitted_approval(world.a, world.qualification)
        request = f.evidence_request(world.a, world.qualification, world.moderator)
        visit = f.visit_report(world.a, world.qualification, world.moderator)
        pack = f.ready_pack(world.a, world.qualification)
        file = f.approval_file(world.a, world.qualification)
        act = f.activity(world.a, world.qualification)
    client = _client(other)
    urls = [
        ("GET", reverse("moderator:approval_detail", kwargs={"pk": case.pk})),
        ("POST", reverse("moderator:approval_decide", kwargs={"pk": case.pk})),
        ("POST", reverse("moderator:approval_withdraw", kwargs={"pk": case.pk})),
        ("GET", reverse("moderator:submission_detail", kwargs={"pk": sub.pk})),
        ("POST", reverse("moderator:submission_sample", kwargs={"pk": sub.pk})),
        ("POST", reverse("moderator:submission_verdicts", kwargs={"pk": sub.pk})),
        ("POST", reverse("moderator:submission_decide", kwargs={"pk": sub.pk})),
        ("POST", reverse("moderator:submission_reopen", kwargs={"pk": sub.pk})),
        ("GET", reverse("moderator:attendance_record", kwargs={"pk": sub.pk, "activity": act.pk})),
        ("POST", reverse("moderator:pack_create", kwargs={"pk": sub.pk})),
        ("GET", reverse("moderator:pack_download", kwargs={"pk": pack.pk})),
        ("GET", reverse("moderator:request_create", kwargs={"pk": sub.pk})),
        ("GET", reverse("moderator:request_detail", kwargs={"pk": request.pk})),
        ("POST", reverse("moderator:request_reply", kwargs={"pk": request.pk})),
        ("POST", reverse("moderator:request_close", kwargs={"pk": request.pk})),
        ("GET", reverse("moderator:visit_create", kwargs={"centre_id": world.a.centre.pk})),
        ("GET", reverse("moderator:visit_detail", kwargs={"pk": visit.pk})),
        ("GET", reverse("moderator:file_download", kwargs={"pk": file.pk})),
    ]
    for method, url in urls:
        response = client.get(url) if method == "GET" else client.post(url, {"reason": "x", "body": "x"})
        assert response.status_code == 404, url
    home = client.get(reverse("moderator:home"))
    assert world.a.centre.name.encode() not in home.content


def test_a_moderator_of_another_awarding_organisation_sees_nothing_of_ours(world) -> None:
    cg = make_user("cg.moderator@ao.test", totp=True)
    with scopes_disabled():
        profile = ModeratorProfile.objects.create(
            user=cg, awarding_organisation=AwardingOrganisation.objects.get(code="CG")
        )
        ModeratorAssignment.objects.create(moderator=profile, centre=world.a.centre)
        sub = f.submission(world.a, world.qualification, "submitted")
    client = _client(cg)
    assert client.get(reverse("moderator:submission_detail", kwargs={"pk": sub.pk})).status_code == 404
    assert b"/moderator/submissions/" not in client.get(reverse("moderator:home")).content


def test_claims_form_shows_which_learner_needs_a_reason_and_keeps_the_answer(world) -> None:
    sub = f.submission(world.a, world.qualification)
    with scopes_disabled():
        claim = LearnerClaim.objects.get(round__submission=sub)
    url = reverse("staff:submission_claims", kwargs={"centre": world.a.centre.number, "pk": sub.pk})
    response = _client(world.a.staff).post(url, {f"claim-{claim.pk}": "no", f"reason-{claim.pk}": ""})
    assert response.status_code == 400
    assert b"Error: " in response.content and f'href="#reason-{claim.pk}"'.encode() in response.content
    assert (
        f'id="claim-{claim.pk}-no" name="claim-{claim.pk}" type="radio" value="no" checked'.encode() in response.content
    )
    with scopes_disabled():
        claim.refresh_from_db()
    assert claim.claim_met is True  # nothing half-saved


def test_a_submitted_submission_cannot_be_edited_through_the_pages(world) -> None:
    sub = f.submission(world.a, world.qualification, "submitted")
    with scopes_disabled():
        claim = LearnerClaim.objects.get(round__submission=sub)
    client = _client(world.a.admin)
    url = reverse("staff:submission_claims", kwargs={"centre": world.a.centre.number, "pk": sub.pk})
    response = client.post(url, {f"claim-{claim.pk}": "no", f"reason-{claim.pk}": "changed my mind"}, follow=True)
    assert b"locked" in response.content
    page = client.get(reverse("staff:submission_detail", kwargs={"centre": world.a.centre.number, "pk": sub.pk}))
    assert b'name="claim-' not in page.content and b"Reopen this submission" in page.content
    with scopes_disabled():
        claim.refresh_from_db()
    assert claim.claim_met is True


def test_an_upload_is_checked_by_its_bytes(world) -> None:
    case = f.approval_case(world.a, world.qualification)
    url = reverse("staff:approval_upload", kwargs={"centre": world.a.centre.number, "pk": case.pk})
    fake = SimpleUploadedFile("letter.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = _client(world.a.staff).post(url, {"file": fake, "description": "Letter"})
    assert response.status_code == 400 and b"The selected file" in response.content
    with scopes_disabled():
        assert not ModerationFile.objects.exists()
    good = _client(world.a.staff).post(url, {"file": f.pdf_upload(), "description": "Letter"})
    assert good.status_code == 302
    with scopes_disabled():
        assert ModerationFile.objects.get().sha256 == __import__("hashlib").sha256(f.PDF_BYTES).hexdigest()


def test_only_a_centre_admin_can_open_the_declaration(world) -> None:
    sub = f.submission(world.a, world.qualification)
    url = reverse("staff:submission_declaration", kwargs={"centre": world.a.centre.number, "pk": sub.pk})
    assert _client(world.a.staff).get(url).status_code == 403
    response = _client(world.a.admin).post(
        url, {"typed_name": "Ada Alpha", "job_title": "Principal", "confirm": "on"}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302
    with scopes_disabled():
        declaration = sub.rounds.get().declaration
    assert declaration.ip_address == "198.51.100.7" and declaration.typed_name == "Ada Alpha"


def test_the_centre_checklist_shows_what_is_owed(world) -> None:
    f.improvement_action(world.a, world.qualification)
    f.evidence_request(world.a, world.qualification, world.moderator)
    page = _client(world.a.staff).get(reverse("staff:moderation_home", kwargs={"centre": world.a.centre.number}))
    assert b"Name the employers." in page.content and b"Registers please" in page.content
    assert b"Requires further development" in page.content


def test_centre_b_sees_none_of_centre_a(world) -> None:
    f.evidence_request(world.a, world.qualification, world.moderator)
    f.submission(world.a, world.qualification, "submitted")
    with scopes_disabled():
        assert Centre.objects.count() == 2
    page = _client(world.b.staff).get(reverse("staff:moderation_home", kwargs={"centre": world.b.centre.number}))
    assert b"Registers please" not in page.content and b"/moderation/submissions/" not in page.content


def test_a_moderator_never_sees_a_centres_draft_plan_or_its_files(world) -> None:
    case = f.approval_case(world.a, world.qualification)
    draft_file = f.approval_file(world.a, world.qualification, submitted=False)
    client = _client(world.moderator)
    assert client.get(reverse("moderator:approval_detail", kwargs={"pk": case.pk})).status_code == 404
    assert client.get(reverse("moderator:file_download", kwargs={"pk": draft_file.pk})).status_code == 404
    staff = _client(world.a.staff)
    url = reverse("staff:moderation_file_download", kwargs={"centre": world.a.centre.number, "pk": draft_file.pk})
    assert staff.get(url).status_code == 200


def test_the_moderator_opens_only_the_sampled_activities_evidence(world) -> None:
    sub, kept = f.sampled_evidence_file(world.a, world.qualification)
    _unsampled_sub, other = f.sampled_evidence_file(world.a, world.qualification, sampled=False)
    client = _client(world.moderator)
    page = client.get(reverse("moderator:submission_detail", kwargs={"pk": sub.pk})).content.decode()
    assert "letter.pdf" in page and "Sampled placement" in page and "Unsampled placement" not in page
    opened = client.get(reverse("moderator:sampled_evidence", kwargs={"pk": sub.pk, "evidence": kept.pk}))
    assert opened.status_code == 200 and b"".join(opened.streaming_content).startswith(b"%PDF")
    refused = client.get(reverse("moderator:sampled_evidence", kwargs={"pk": sub.pk, "evidence": other.pk}))
    assert refused.status_code == 404


def test_the_moderator_reads_journal_entries_cited_for_the_sample_while_they_are_shared(world) -> None:
    sub, citation = f.sampled_citation(world.a, world.qualification)
    client = _client(world.moderator)
    page = client.get(reverse("moderator:submission_detail", kwargs={"pk": sub.pk})).content.decode()
    assert "My placement week" in page and "1 file, in the pack" in page
    url = reverse("moderator:sampled_entry", kwargs={"pk": sub.pk, "citation": citation.pk})
    opened = client.get(url)
    assert opened.status_code == 200 and opened.content.startswith(b"%PDF")
    with scopes_disabled():
        citation.entry.shared_with_centre = False  # the learner withdraws it from the college
        citation.entry.save()
    assert client.get(url).status_code == 404
    assert (
        "My placement week"
        not in client.get(reverse("moderator:submission_detail", kwargs={"pk": sub.pk})).content.decode()
    )
