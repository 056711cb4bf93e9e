"""Activities with employers, their sessions' registers and contingencies, for the token's centre.

Writes go through the services the staff pages use (activities.services: activities, registers, contingencies),
so the API refuses the same things with the same words. A register records what happened: marking a session is
never blocked by the activity's paperwork status (planned, confirmed, ...); the activity's own workflow says
what is missing before it can move on.
"""

# No `from __future__ import annotations`: ninja reads these signatures through the `scoped` wrapper.

from collections import Counter
from datetime import date, datetime

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import model_validator

from bridgework.activities.models import (
    Activity,
    ActivitySession,
    ActivityStatus,
    ContingencyKind,
    Delivery,
    Mark,
    Participant,
)
from bridgework.activities.services.activities import add_learners, paperwork, save_activity, save_session
from bridgework.activities.services.contingencies import record_contingency
from bridgework.activities.services.registers import register_lines, save_register
from bridgework.activities.types import ActivityType
from bridgework.api.lookups import all_or_404, clean_text, get_or_404
from bridgework.api.pagination import MAX_ID, BoundedPageNumberPagination
from bridgework.api.schemas import ERRORS, WRITE_ERRORS, Id, Line, Prose
from bridgework.api.scoping import scoped
from bridgework.catalogue.models import Qualification, Unit
from bridgework.employers.models import Employer
from bridgework.learners.identifiers import academic_year_of
from bridgework.learners.models import Learner

activities_router = Router(tags=["activities"])
sessions_router = Router(tags=["activities"])
contingencies_router = Router(tags=["activities"])

# Sessions outside these years are typing mistakes (and far-off years overflow time-zone arithmetic).
FIRST_YEAR, LAST_YEAR = 2000, 2100


class SessionIn(Schema):
    starts_at: datetime = Field(..., description="With a UTC offset; without one it is the centre's local time.")
    ends_at: datetime

    @model_validator(mode="after")
    def local_and_in_range(self) -> "SessionIn":
        for name in ("starts_at", "ends_at"):
            value: datetime = getattr(self, name)
            if not FIRST_YEAR <= value.year <= LAST_YEAR:
                raise ValueError(f"{name} must be between {FIRST_YEAR} and {LAST_YEAR}.")
            if timezone.is_naive(value):
                setattr(self, name, timezone.make_aware(value))
        return self


class SessionOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime


class ActivityIn(Schema):
    title: Line = Field(..., max_length=200)
    type: ActivityType
    qualification: int = Field(..., ge=1, le=MAX_ID, description="The qualification's id (see /qualifications).")
    units: list[str] = Field(
        default_factory=list, max_length=100, description="Numbers of the qualification's units the activity covers."
    )
    employer: int | None = Field(None, ge=1, le=MAX_ID, description="The employer's id (see /employers).")
    delivery: Delivery = Delivery.LIVE
    learners: list[Id] = Field(default_factory=list, max_length=2000, description="Ids of the learners taking part.")
    sessions: list[SessionIn] = Field(default_factory=list, max_length=500)


class ActivityOut(Schema):
    id: int
    title: str
    type: ActivityType
    qualification: int | None = Field(description="The activity's qualification (the first, when it has several).")
    qualifications: list[int] = Field(description="Every qualification it is for (staff may choose several).")
    units: list[str] = Field(description="Numbers of the units it covers.")
    employer: int | None
    delivery: Delivery
    status: ActivityStatus = Field(description="planned → confirmed → delivered → evidenced, or cancelled.")
    academic_year: str = Field(description="From the first session's date when created through the API.")
    learners: list[int]
    sessions: list[SessionOut]

    @staticmethod
    def resolve_qualification(obj: Activity) -> int | None:
        ids = ActivityOut.resolve_qualifications(obj)
        return ids[0] if ids else None

    @staticmethod
    def resolve_qualifications(obj: Activity) -> list[int]:
        return sorted(q.pk for q in obj.qualifications.all())

    @staticmethod
    def resolve_units(obj: Activity) -> list[str]:
        return [unit.number for unit in obj.units.all()]

    @staticmethod
    def resolve_employer(obj: Activity) -> int | None:
        return obj.employer_id

    @staticmethod
    def resolve_learners(obj: Activity) -> list[int]:
        return sorted(p.learner_id for p in obj.participants.all())


class ActivityDetailOut(ActivityOut):
    missing_checks: list[str] = Field(
        description="What the paperwork lacks (health and safety, safeguarding, employer checks): flagged, never "
        "blocking the registers."
    )


def _detail(activity: Activity) -> Activity:
    """The activity with its paperwork flags, worked out here: the response is written outside the centre scope."""
    checks = paperwork(activity)
    activity.missing_checks = [*checks.problems, *checks.overridable]  # type: ignore[attr-defined]
    return activity


def activities() -> QuerySet[Activity]:
    return Activity.objects.prefetch_related(
        Prefetch("qualifications", queryset=Qualification.objects.only("id")),
        Prefetch("units", queryset=Unit.objects.only("id", "number").order_by("qualification_id", "id")),
        Prefetch("participants", queryset=Participant.objects.only("id", "activity_id", "learner_id")),
        Prefetch("sessions", queryset=ActivitySession.objects.only("id", "activity_id", "starts_at", "ends_at")),
    )


@activities_router.get("", response={200: list[ActivityOut], **ERRORS}, operation_id="list_activities")
@scoped
@paginate(BoundedPageNumberPagination, page_size=50)
def list_activities(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    qualification: int | None = Query(None, ge=1, le=MAX_ID),
    status: ActivityStatus | None = None,
    type: ActivityType | None = None,
    employer: int | None = Query(None, ge=1, le=MAX_ID),
    academic_year: str = "",
):
    found = activities()
    if qualification is not None:
        found = found.filter(
            pk__in=Activity.qualifications.through.objects.filter(qualification_id=qualification).values("activity_id")
        )
    if status is not None:
        found = found.filter(status=status)
    if type is not None:
        found = found.filter(type=type)
    if employer is not None:
        found = found.filter(employer_id=employer)
    if clean_text(academic_year):
        found = found.filter(academic_year=clean_text(academic_year))
    return found.order_by("-academic_year", "title", "id")


def _units(qualification: Qualification, numbers: list[str]) -> list[Unit]:
    wanted = {number.strip() for number in numbers if "\x00" not in number}
    found = {unit.number: unit for unit in Unit.objects.filter(qualification=qualification, number__in=wanted)}
    unknown = sorted({number.strip() for number in numbers} - set(found))
    if unknown:
        raise HttpError(422, f"{qualification.title} has no unit numbered {unknown[0]!r}.")
    return list(found.values())


def _employer(pk: int | None) -> Employer | None:
    if pk is None:
        return None
    return get_or_404(Employer.objects.all(), pk, "employer")  # a merged one is refused by save_activity


@activities_router.post("", response={201: ActivityDetailOut, **WRITE_ERRORS}, operation_id="create_activity")
@scoped
def create_activity(request: HttpRequest, payload: ActivityIn):  # type: ignore[no-untyped-def]
    qualification = Qualification.objects.filter(pk=payload.qualification).first()
    if qualification is None:
        raise HttpError(422, f"There is no qualification with id {payload.qualification} in the catalogue.")
    units = _units(qualification, payload.units)
    employer = _employer(payload.employer)
    learners = all_or_404(Learner.objects.all(), payload.learners, "learner")
    first_day = min((timezone.localtime(s.starts_at).date() for s in payload.sessions), default=timezone.localdate())
    activity = Activity(
        centre=request.centre,  # type: ignore[attr-defined]
        title=payload.title,
        type=payload.type,
        delivery=payload.delivery,
        employer=employer,
        academic_year=academic_year_of(first_day),
    )
    with transaction.atomic():  # the activity, its sessions and its learners, or nothing
        save_activity(activity, qualifications=[qualification], units=units, by=request.api_user)  # type: ignore[attr-defined]
        for times in payload.sessions:
            save_session(
                ActivitySession(
                    centre=activity.centre, activity=activity, starts_at=times.starts_at, ends_at=times.ends_at
                )
            )
        add_learners(activity, learners.values())
    return Status(201, _detail(get_or_404(activities(), activity.pk, "activity")))


@activities_router.get("/{id}", response={200: ActivityDetailOut, **ERRORS}, operation_id="get_activity")
@scoped
def get_activity(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):  # type: ignore[no-untyped-def]
    return _detail(get_or_404(activities(), id, "activity"))


class MarkIn(Schema):
    learner: int = Field(..., ge=1, le=MAX_ID, description="The learner's id.")
    mark: Mark


class RegisterLineOut(Schema):
    learner: int
    mark: str | None = Field(description="A built-in mark, a centre's own register status, or null if unmarked.")
    marked_at: datetime | None
    on_register: bool = Field(description="False for a learner who enrolled after the session: not expected.")


class RegisterOut(Schema):
    session: int
    activity: int
    starts_at: datetime
    ends_at: datetime
    marks: list[RegisterLineOut] = Field(description="Every learner taking part, marked or not.")


def _register(session: ActivitySession) -> RegisterOut:
    return RegisterOut(
        session=session.pk,
        activity=session.activity_id,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        marks=[
            RegisterLineOut(
                learner=line.learner.pk,
                mark=line.mark.mark if line.mark else None,
                marked_at=line.mark.marked_at if line.mark else None,
                on_register=not line.enrolled_after,
            )
            for line in register_lines(session)
        ],
    )


MAX_REGISTER_LINES = 2000  # as many learners as an activity may take (ActivityIn.learners)


@sessions_router.put("/{id}/attendance", response={200: RegisterOut, **WRITE_ERRORS}, operation_id="mark_attendance")
@scoped
def mark_attendance(  # type: ignore[no-untyped-def]
    request: HttpRequest, payload: list[MarkIn], id: int = Path(..., ge=1, le=MAX_ID)
):
    """Marks some or all of the session's learners (others keep their marks) and returns its whole register.
    Every learner must take part in the activity; one refused line saves nothing. Never blocked by the
    activity's paperwork; before the session starts (an hour ahead), only `excused` or `absent` can be given."""
    session = get_or_404(ActivitySession.objects.select_related("activity"), id, "session")
    if len(payload) > MAX_REGISTER_LINES:
        raise HttpError(422, f"Send at most {MAX_REGISTER_LINES} marks at once.")
    ids = Counter(line.learner for line in payload)
    twice = sorted(learner for learner, times in ids.items() if times > 1)
    if twice:
        raise HttpError(422, f"Learner {twice[0]} is listed more than once: send one mark per learner.")
    all_or_404(Learner.objects.all(), ids, "learner")
    save_register(session, {line.learner: line.mark.value for line in payload}, by=request.api_user)  # type: ignore[attr-defined]
    return _register(session)


class ContingencyIn(Schema):
    learner: int = Field(..., ge=1, le=MAX_ID, description="The learner who missed the session.")
    missed_session: int = Field(..., ge=1, le=MAX_ID, description="The session they were marked as missing.")
    description: Prose = Field(..., max_length=5000, description="What the learner did instead.")
    kind: ContingencyKind = Field(
        ContingencyKind.OTHER,
        description="What kind of contingency it was; `other` (the default): see the description.",
    )
    completed_on: date | None = Field(
        None, description="When the learner completed it; only a completed contingency can count."
    )
    replacement_activity: int | None = Field(
        None, ge=1, le=MAX_ID, description="The activity they took part in instead (for other_activity)."
    )


class ContingencyOut(Schema):
    id: int
    learner: int
    missed_session: int
    kind: ContingencyKind
    description: str
    completed_on: date | None
    replacement_activity: int | None

    @staticmethod
    def resolve_learner(obj) -> int:  # type: ignore[no-untyped-def]
        return obj.learner_id

    @staticmethod
    def resolve_missed_session(obj) -> int:  # type: ignore[no-untyped-def]
        return obj.missed_session_id

    @staticmethod
    def resolve_replacement_activity(obj) -> int | None:  # type: ignore[no-untyped-def]
        return obj.replacement_activity_id


@contingencies_router.post("", response={201: ContingencyOut, **WRITE_ERRORS}, operation_id="record_contingency")
@scoped
def create_contingency(request: HttpRequest, payload: ContingencyIn):  # type: ignore[no-untyped-def]
    """Records what a learner who missed a session did instead (always flagged as contingency, never live).
    A second record for the same learner and session replaces the first."""
    learner = get_or_404(Learner.objects.all(), payload.learner, "learner")
    session = get_or_404(ActivitySession.objects.all(), payload.missed_session, "session")
    replacement = (
        get_or_404(Activity.objects.all(), payload.replacement_activity, "activity")
        if payload.replacement_activity
        else None
    )
    contingency = record_contingency(
        session,
        learner.pk,
        kind=payload.kind.value,
        description=payload.description,
        completed_on=payload.completed_on,
        replacement=replacement,
        by=request.api_user,  # type: ignore[attr-defined]
    )
    return Status(201, contingency)
