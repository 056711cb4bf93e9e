"""Quality assurance pages, centre side (/c/<centre>/moderation/) and moderator side (/moderator/).

Centre rows always use centre A's URL with the object of the centre under test, so "other" checks that
centre B's object is 404 from inside centre A. The world's moderator is assigned to centre A only: every
moderator row is 404 for centre B's objects.
"""

from __future__ import annotations

from typing import Any

from bridgework.moderation.tests import factories as f
from tests.permissions.base import ADMIN, STAFF, Row, centre_only
from tests.world import CentreWorld, World

MODERATOR = frozenset({"moderator"})


def _a(w: World, **extra: Any) -> dict[str, Any]:
    return {"centre": w.a.centre.number, **extra}


def case(w: World, c: CentreWorld) -> dict[str, Any]:
    return _a(w, pk=f.approval_case(c, w.qualification).pk)


def submitted_case(w: World, c: CentreWorld) -> dict[str, Any]:
    return {"pk": f.submitted_approval(c, w.qualification).pk}


def approved(w: World, c: CentreWorld) -> dict[str, Any]:
    return {"pk": f.approved_case(c, w.qualification).pk}


def draft(w: World, c: CentreWorld) -> dict[str, Any]:
    return _a(w, pk=f.submission(c, w.qualification).pk)


def submitted(w: World, c: CentreWorld) -> dict[str, Any]:
    return _a(w, pk=f.submission(c, w.qualification, "submitted").pk)


def not_met(w: World, c: CentreWorld) -> dict[str, Any]:
    return _a(w, pk=f.submission(c, w.qualification, "not_met").pk)


def mod_submitted(w: World, c: CentreWorld) -> dict[str, Any]:
    return {"pk": f.submission(c, w.qualification, "submitted").pk}


def mod_sampled(w: World, c: CentreWorld) -> dict[str, Any]:
    return {"pk": f.sampled_submission(c, w.qualification).pk}


def attendance(w: World, c: CentreWorld) -> dict[str, Any]:
    sub = f.submission(c, w.qualification, "submitted")
    return {"pk": sub.pk, "activity": f.activity(c, w.qualification).pk}


def sampled_file(w: World, c: CentreWorld) -> dict[str, Any]:
    sub, evidence = f.sampled_evidence_file(c, w.qualification)
    return {"pk": sub.pk, "evidence": evidence.pk}


def sampled_entry(w: World, c: CentreWorld) -> dict[str, Any]:
    sub, citation = f.sampled_citation(c, w.qualification)
    return {"pk": sub.pk, "citation": citation.pk}


def request(w: World, c: CentreWorld) -> dict[str, Any]:
    return {"pk": f.evidence_request(c, w.qualification, w.moderator).pk}


def reply(w: World, c: CentreWorld) -> dict[str, Any]:
    return {"body": "Here they are."}


def start_submission(w: World, c: CentreWorld) -> dict[str, Any]:
    f.approved_case(c, w.qualification)
    return {"qualification": w.qualification.pk, "academic_year": "2025/26"}


ROWS = [
    # Centre side
    Row("staff:moderation_home", STAFF, kwargs=centre_only),
    Row(
        "staff:approval_start",
        STAFF,
        kwargs=centre_only,
        method="POST",
        ok=302,
        data=lambda w, c: {"qualification": w.qualification.pk},
    ),
    Row("staff:approval_detail", STAFF, kwargs=case),
    Row(
        "staff:approval_edit",
        STAFF,
        kwargs=case,
        method="POST",
        ok=302,
        data=lambda w, c: {"plan_summary": "Plan", "practitioner_sources": "Employers"},
    ),
    Row("staff:approval_upload", STAFF, kwargs=case, method="POST", ok=400),  # no file: the form says so
    Row("staff:approval_submit", STAFF, kwargs=case, method="POST", ok=302),
    Row(
        "staff:moderation_action_done",
        STAFF,
        method="POST",
        ok=302,
        kwargs=lambda w, c: _a(w, pk=f.improvement_action(c, w.qualification).pk),
    ),
    Row("staff:submission_start", STAFF, kwargs=centre_only, method="POST", ok=302, data=start_submission),
    Row("staff:submission_detail", STAFF, kwargs=draft),
    Row("staff:submission_claims", STAFF, kwargs=draft, method="POST", ok=302),
    Row("staff:submission_refresh", STAFF, kwargs=draft, method="POST", ok=302),
    Row("staff:submission_declaration", ADMIN, kwargs=draft),
    Row("staff:submission_submit", STAFF, kwargs=draft, method="POST", ok=302),
    Row(
        "staff:submission_reopen",
        ADMIN,
        kwargs=submitted,
        method="POST",
        ok=302,
        data=lambda w, c: {"reason": "A learner was missed."},
    ),
    Row("staff:submission_resubmit", STAFF, kwargs=not_met, method="POST", ok=302),
    Row("staff:moderation_pack_create", STAFF, kwargs=submitted, method="POST", ok=302),
    Row("staff:moderation_pack_download", STAFF, kwargs=lambda w, c: _a(w, pk=f.ready_pack(c, w.qualification).pk)),
    Row("staff:request_detail", STAFF, kwargs=lambda w, c: _a(w, **request(w, c))),
    Row("staff:request_reply", STAFF, kwargs=lambda w, c: _a(w, **request(w, c)), method="POST", ok=302, data=reply),
    Row("staff:visit_detail", STAFF, kwargs=lambda w, c: _a(w, pk=f.visit_report(c, w.qualification, w.moderator).pk)),
    Row("staff:moderation_file_download", STAFF, kwargs=lambda w, c: _a(w, pk=f.approval_file(c, w.qualification).pk)),
    # Moderator side
    Row("moderator:approval_detail", MODERATOR, kwargs=submitted_case),
    Row("moderator:approval_decide", MODERATOR, kwargs=submitted_case, method="POST", ok=400),  # no outcome chosen
    Row(
        "moderator:approval_withdraw",
        MODERATOR,
        kwargs=approved,
        method="POST",
        ok=302,
        data=lambda w, c: {"reason": "No employer commitment."},
    ),
    Row("moderator:submission_detail", MODERATOR, kwargs=mod_submitted),
    Row("moderator:submission_sample", MODERATOR, kwargs=mod_submitted, method="POST", ok=302),
    Row("moderator:submission_verdicts", MODERATOR, kwargs=mod_submitted, method="POST", ok=302),
    Row("moderator:submission_decide", MODERATOR, kwargs=mod_sampled, method="POST", ok=400),  # no outcome chosen
    Row(
        "moderator:submission_reopen",
        MODERATOR,
        kwargs=mod_submitted,
        method="POST",
        ok=302,
        data=lambda w, c: {"reason": "Wrong cohort."},
    ),
    Row("moderator:attendance_record", MODERATOR, kwargs=attendance),
    Row("moderator:sampled_evidence", MODERATOR, kwargs=sampled_file),
    Row("moderator:sampled_entry", MODERATOR, kwargs=sampled_entry),
    Row("moderator:pack_create", MODERATOR, kwargs=mod_submitted, method="POST", ok=302),
    Row("moderator:request_create", MODERATOR, kwargs=mod_submitted),
    Row("moderator:pack_download", MODERATOR, kwargs=lambda w, c: {"pk": f.ready_pack(c, w.qualification).pk}),
    Row("moderator:request_detail", MODERATOR, kwargs=request),
    Row("moderator:request_reply", MODERATOR, kwargs=request, method="POST", ok=302, data=reply),
    Row("moderator:request_close", MODERATOR, kwargs=request, method="POST", ok=302),
    Row("moderator:visit_create", MODERATOR, kwargs=lambda w, c: {"centre_id": c.centre.pk}),
    Row(
        "moderator:visit_detail",
        MODERATOR,
        kwargs=lambda w, c: {"pk": f.visit_report(c, w.qualification, w.moderator).pk},
    ),
    Row("moderator:file_download", MODERATOR, kwargs=lambda w, c: {"pk": f.approval_file(c, w.qualification).pk}),
]
