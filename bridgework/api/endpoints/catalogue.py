from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from bridgework.api.pagination import BoundedPageNumberPagination
from bridgework.api.schemas import ERRORS
from bridgework.api.scoping import scoped
from bridgework.catalogue.models import Qualification, Unit

router = Router(tags=["catalogue"])


class UnitOut(Schema):
    number: str
    title: str
    mandatory: bool


class QualificationOut(Schema):
    id: int
    qan: str
    title: str
    awarding_organisation: str
    sector: str
    dfe_category: str
    requires_mei: bool
    units: list[UnitOut]

    @staticmethod
    def resolve_awarding_organisation(obj: Qualification) -> str:
        return obj.awarding_organisation.code

    @staticmethod
    def resolve_sector(obj: Qualification) -> str:
        return obj.sector.name


@router.get("", response={200: list[QualificationOut], **ERRORS}, operation_id="list_qualifications")
@scoped
@paginate(BoundedPageNumberPagination, page_size=50)
def list_qualifications(request: HttpRequest, search: str = "", requires_mei: bool | None = None):  # type: ignore[no-untyped-def]
    qualifications = Qualification.objects.select_related("awarding_organisation", "sector").prefetch_related(
        Prefetch("units", queryset=Unit.objects.order_by("id"))
    )
    search = search.replace("\x00", "").strip()  # NUL cannot be searched in PostgreSQL text
    if search:
        qualifications = qualifications.filter(Q(title__icontains=search) | Q(qan__icontains=search))
    if requires_mei is not None:
        qualifications = qualifications.filter(requires_mei=requires_mei)
    return qualifications.order_by("title")
