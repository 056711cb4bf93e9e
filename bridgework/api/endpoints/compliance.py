"""Compliance, read live from the compliance engine (compliance.engine) over facts loaded in a constant number
of queries (compliance.facts): the same statuses, reason codes and words as the staff pages."""

# No `from __future__ import annotations`: ninja reads these signatures through the `scoped` wrapper.

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from bridgework.api.lookups import clean_text, get_or_404
from bridgework.api.pagination import MAX_ID, BoundedPageNumberPagination
from bridgework.api.schemas import ERRORS
from bridgework.api.scoping import scoped
from bridgework.compliance.engine import STATUSES, evaluate
from bridgework.compliance.facts import load_facts
from bridgework.compliance.services.dashboard import Filters, cohort
from bridgework.learners.models import Enrolment, Learner

compliance_router = Router(tags=["compliance"])
learner_compliance_router = Router(tags=["compliance"])

ComplianceStatus = Literal[STATUSES]  # type: ignore[valid-type]


class ReasonOut(Schema):
    code: str = Field(description="A reason code of the compliance engine, e.g. MET, NOT_ATTENDED (docs/rules.md).")
    message: str
    activity: int | None = Field(description="The activity the reason is about, if any.")


class EnrolmentComplianceOut(Schema):
    enrolment: int
    qualification: int
    academic_year: str
    status: ComplianceStatus
    next_action: str
    reasons: list[ReasonOut]


class EnrolmentStatusOut(Schema):
    enrolment: int
    learner: int
    qualification: int
    academic_year: str
    status: ComplianceStatus


@learner_compliance_router.get(
    "/{id}/compliance", response={200: list[EnrolmentComplianceOut], **ERRORS}, operation_id="get_learner_compliance"
)
@scoped
def learner_compliance(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):  # type: ignore[no-untyped-def]
    """Each of the learner's enrolments, newest year first, with its status and every reason behind it."""
    learner = get_or_404(Learner.objects.all(), id, "learner")
    facts = load_facts(Enrolment.objects.filter(learner=learner))  # what engine.evaluate_learner loads
    results = evaluate(facts)
    enrolments = sorted(facts.enrolments.values(), key=lambda e: (e.academic_year, -e.id), reverse=True)
    return [
        EnrolmentComplianceOut(
            enrolment=e.id,
            qualification=e.qualification_id,
            academic_year=e.academic_year,
            status=results[e.id].status,
            next_action=results[e.id].next_action,
            reasons=[ReasonOut(code=r.code, message=r.message, activity=r.activity_id) for r in results[e.id].reasons],
        )
        for e in enrolments
    ]


@compliance_router.get("", response={200: list[EnrolmentStatusOut], **ERRORS}, operation_id="list_compliance")
@scoped
@paginate(BoundedPageNumberPagination, page_size=100)
def list_compliance(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    qualification: int | None = Query(None, ge=1, le=MAX_ID),
    status: ComplianceStatus | None = None,
    academic_year: str = "",
):
    """The centre's active and completed enrolments with their status, as the compliance dashboard counts them;
    the whole cohort is evaluated in one set-based pass (the status is computed, never stored)."""
    facts = load_facts(cohort(Filters(qualification=qualification, year=clean_text(academic_year))))
    results = evaluate(facts)
    rows = [
        EnrolmentStatusOut(
            enrolment=e.id,
            learner=e.learner_id,
            qualification=e.qualification_id,
            academic_year=e.academic_year,
            status=results[e.id].status,
        )
        for e in facts.enrolments.values()
        if status is None or results[e.id].status == status
    ]
    return sorted(rows, key=lambda row: (row.academic_year, -row.learner, -row.enrolment), reverse=True)
