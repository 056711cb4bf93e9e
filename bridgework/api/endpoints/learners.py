"""Learners and enrolments for the token's centre. Writes go through the learner record services
(learners.services.records), so the API, the staff forms and the imports refuse the same things with the same
messages. A refused write answers 422 with the first problem in `detail`; a clash with another record, 409."""

# No `from __future__ import annotations`: ninja reads these signatures through the `scoped` wrapper.

from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from bridgework.api.lookups import clean_text, get_or_404
from bridgework.api.pagination import MAX_ID, BoundedPageNumberPagination
from bridgework.api.schemas import ERRORS, WRITE_ERRORS
from bridgework.api.scoping import scoped
from bridgework.catalogue.models import AwardingOrganisation, Qualification
from bridgework.learners.models import Enrolment, Learner, LearnerAwardingNumber
from bridgework.learners.queries import learner_search
from bridgework.learners.services.records import EnrolmentDetails, LearnerDetails, save_enrolment, save_learner

learners_router = Router(tags=["learners"])
enrolments_router = Router(tags=["enrolments"])


class LearnerOut(Schema):
    id: int
    mis_ref: str
    given_name: str
    family_name: str
    date_of_birth: date
    uln: str
    ehc_plan: bool
    enrolment_numbers: dict[str, str] = Field(
        description="The learner's candidate (OCR) or enrolment (City & Guilds) number, by awarding organisation code."
    )

    @staticmethod
    def resolve_enrolment_numbers(obj: Learner) -> dict[str, str]:
        return {n.awarding_organisation.code: n.number for n in obj.awarding_numbers.all()}


class LearnerIn(Schema):
    mis_ref: str = Field("", max_length=12, description="The learner reference in the MIS (ILR LearnRefNumber).")
    given_name: str = Field(..., min_length=1, max_length=100)
    family_name: str = Field(..., min_length=1, max_length=100)
    date_of_birth: date
    uln: str = Field("", max_length=10, description="Unique Learner Number (10 digits, valid check digit) or blank.")
    ehc_plan: bool = False
    enrolment_numbers: dict[str, str] = Field(default_factory=dict, description="Awarding organisation code → number.")


class LearnerPatch(Schema):
    mis_ref: str | None = Field(None, max_length=12)
    given_name: str | None = Field(None, min_length=1, max_length=100)
    family_name: str | None = Field(None, min_length=1, max_length=100)
    date_of_birth: date | None = None
    uln: str | None = Field(None, max_length=10)
    ehc_plan: bool | None = None
    enrolment_numbers: dict[str, str] | None = None


def _learners() -> QuerySet[Learner]:
    return Learner.objects.prefetch_related(
        Prefetch("awarding_numbers", queryset=LearnerAwardingNumber.objects.select_related("awarding_organisation"))
    )


def _learner_or_404(pk: int) -> Learner:
    return get_or_404(_learners(), pk, "learner")


@learners_router.get("", response={200: list[LearnerOut], **ERRORS}, operation_id="list_learners")
@scoped
@paginate(BoundedPageNumberPagination, page_size=50)
def list_learners(request: HttpRequest, search: str = "", mis_ref: str = "", uln: str = ""):  # type: ignore[no-untyped-def]
    learners = learner_search(query=clean_text(search)) if clean_text(search) else Learner.objects.all()
    if clean_text(mis_ref):
        learners = learners.filter(mis_ref=clean_text(mis_ref))
    if clean_text(uln):
        learners = learners.filter(uln=clean_text(uln))
    return learners.prefetch_related(
        Prefetch("awarding_numbers", queryset=LearnerAwardingNumber.objects.select_related("awarding_organisation"))
    ).order_by("family_name", "given_name", "id")


def _numbers_by_organisation(numbers: dict[str, str]) -> dict[int, str]:
    """Awarding organisation code → number, as the record services take it (organisation id → number)."""
    codes = [code for code in numbers if "\x00" not in code]
    found = dict(AwardingOrganisation.objects.filter(code__in=codes).values_list("code", "pk"))
    unknown = sorted(set(numbers) - set(found))
    if unknown:
        raise HttpError(422, f"There is no awarding organisation with the code {unknown[0]!r}.")
    return {found[code]: number for code, number in numbers.items()}


@learners_router.post("", response={201: LearnerOut, **WRITE_ERRORS}, operation_id="create_learner")
@scoped
def create_learner(request: HttpRequest, payload: LearnerIn):  # type: ignore[no-untyped-def]
    details = LearnerDetails(
        **payload.dict(exclude={"enrolment_numbers"}),
        awarding_numbers=_numbers_by_organisation(payload.enrolment_numbers),
    )
    learner = save_learner(centre=request.centre, details=details)  # type: ignore[attr-defined]
    return Status(201, _learner_or_404(learner.pk))


@learners_router.get("/{id}", response={200: LearnerOut, **ERRORS}, operation_id="get_learner")
@scoped
def get_learner(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)):  # type: ignore[no-untyped-def]
    return _learner_or_404(id)


@learners_router.patch("/{id}", response={200: LearnerOut, **WRITE_ERRORS}, operation_id="update_learner")
@scoped
def update_learner(request: HttpRequest, payload: LearnerPatch, id: int = Path(..., ge=1, le=MAX_ID)):  # type: ignore[no-untyped-def]
    learner = _learner_or_404(id)
    changes = payload.dict(exclude_unset=True)
    numbers = changes.pop("enrolment_numbers", None)
    nulls = sorted(name for name, value in changes.items() if value is None)
    if nulls:
        raise HttpError(422, f"{nulls[0]} cannot be null: leave it out to keep its value.")
    current = {name: getattr(learner, name) for name in LearnerPatch.model_fields if name != "enrolment_numbers"}
    details = LearnerDetails(**{**current, **changes}, awarding_numbers=_numbers_by_organisation(numbers or {}))
    save_learner(centre=request.centre, details=details, learner=learner)  # type: ignore[attr-defined]
    return _learner_or_404(id)


class EnrolmentOut(Schema):
    id: int
    learner: int
    qualification: int
    academic_year: str
    start_date: date
    status: str

    @staticmethod
    def resolve_learner(obj: Enrolment) -> int:
        return obj.learner_id

    @staticmethod
    def resolve_qualification(obj: Enrolment) -> int:
        return obj.qualification_id


class EnrolmentIn(Schema):
    learner: int = Field(..., ge=1, le=MAX_ID, description="The learner's id.")
    qualification: int = Field(..., ge=1, le=MAX_ID, description="The qualification's id (see /qualifications).")
    academic_year: str = Field(..., max_length=7, description='Like "2025/26".')
    start_date: date


@enrolments_router.get("", response={200: list[EnrolmentOut], **ERRORS}, operation_id="list_enrolments")
@scoped
@paginate(BoundedPageNumberPagination, page_size=50)
def list_enrolments(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    learner: int | None = Query(None, ge=1, le=MAX_ID),
    qualification: int | None = Query(None, ge=1, le=MAX_ID),
    academic_year: str = "",
):
    enrolments = Enrolment.objects.all()
    if learner is not None:
        enrolments = enrolments.filter(learner_id=learner)
    if qualification is not None:
        enrolments = enrolments.filter(qualification_id=qualification)
    if clean_text(academic_year):
        enrolments = enrolments.filter(academic_year=clean_text(academic_year))
    return enrolments.order_by("-academic_year", "learner_id", "id")


@enrolments_router.post("", response={201: EnrolmentOut, **WRITE_ERRORS}, operation_id="create_enrolment")
@scoped
def create_enrolment(request: HttpRequest, payload: EnrolmentIn):  # type: ignore[no-untyped-def]
    learner = Learner.objects.filter(pk=payload.learner).first()
    if learner is None:
        raise HttpError(404, f"There is no learner with id {payload.learner} at this centre.")
    qualification = Qualification.objects.filter(pk=payload.qualification).first()
    if qualification is None:
        raise HttpError(422, f"There is no qualification with id {payload.qualification} in the catalogue.")
    details = EnrolmentDetails(qualification, payload.academic_year, payload.start_date)
    return Status(201, save_enrolment(learner=learner, details=details))
