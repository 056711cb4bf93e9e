"""Employers of the token's centre. A new employer is written by employers.services.records, after the same
probable-duplicate search the staff form runs (employers.services.duplicates): a probable duplicate answers 409
unless the client says it is a different employer."""

# No `from __future__ import annotations`: ninja reads these signatures through the `scoped` wrapper.

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from bridgework.api.lookups import clean_text, get_or_404
from bridgework.api.pagination import BoundedPageNumberPagination
from bridgework.api.schemas import ERRORS, WRITE_ERRORS, Line
from bridgework.api.scoping import scoped
from bridgework.catalogue.models import Sector
from bridgework.employers.models import Employer, EmployerSite
from bridgework.employers.queries import employer_search
from bridgework.employers.services.duplicates import probable_duplicates
from bridgework.employers.services.records import create_employer, main_site_at, normalise_postcode

router = Router(tags=["employers"])


class EmployerOut(Schema):
    id: int
    name: str = Field(description="The name staff see: the trading name, else the legal name.")
    sectors: list[str] = Field(description="Sector names from the catalogue.")
    postcode: str = Field(description="The main site's postcode, or blank when no site is recorded.")

    @staticmethod
    def resolve_name(obj: Employer) -> str:
        return obj.display_name

    @staticmethod
    def resolve_sectors(obj: Employer) -> list[str]:
        return sorted(sector.name for sector in obj.sectors.all())

    @staticmethod
    def resolve_postcode(obj: Employer) -> str:
        sites = list(obj.sites.all())  # prefetched, the primary site first
        return sites[0].postcode if sites else ""


class EmployerIn(Schema):
    name: Line = Field(..., max_length=200, description="The employer's legal name.")
    sectors: list[str] = Field(default_factory=list, max_length=50, description="Sector names from the catalogue.")
    postcode: str = Field("", max_length=10, description="The main site's UK postcode, like LS1 4AP (optional).")
    not_a_duplicate: bool = Field(
        False,
        description="Create it even though an employer with a very similar name, the same company number or "
        "a similar name at the same postcode exists (otherwise that answers 409 naming them).",
    )


def employers() -> QuerySet[Employer]:
    return Employer.objects.filter(merged_into__isnull=True).prefetch_related(
        "sectors", Prefetch("sites", queryset=EmployerSite.objects.order_by("-is_primary", "name", "id"))
    )


def _sectors(names: list[str]) -> list[Sector]:
    wanted = {name.strip() for name in names if "\x00" not in name}
    found = {sector.name: sector for sector in Sector.objects.filter(name__in=wanted)}
    unknown = sorted({name.strip() for name in names} - set(found))
    if unknown:
        raise HttpError(422, f"There is no sector named {unknown[0]!r} in the catalogue.")
    return list(found.values())


@router.get("", response={200: list[EmployerOut], **ERRORS}, operation_id="list_employers")
@scoped
@paginate(BoundedPageNumberPagination, page_size=50)
def list_employers(request: HttpRequest, search: str = "", sector: str = ""):  # type: ignore[no-untyped-def]
    """Employers not merged into another record. `search` matches the legal or trading name, the company number
    or a site's postcode (as the staff list does); `sector` is a sector name."""
    found = employers()
    search = clean_text(search)
    if search:
        found = employer_search(found, search)
    if clean_text(sector):
        found = found.filter(
            pk__in=Employer.sectors.through.objects.filter(sector__name=clean_text(sector)).values("employer_id")
        )
    return found.order_by("legal_name", "id")


@router.post("", response={201: EmployerOut, **WRITE_ERRORS}, operation_id="create_employer")
@scoped
def create(request: HttpRequest, payload: EmployerIn):  # type: ignore[no-untyped-def]
    sectors = _sectors(payload.sectors)
    postcode = normalise_postcode(payload.postcode)
    if not payload.not_a_duplicate:
        duplicates = probable_duplicates(legal_name=payload.name, postcodes=[postcode] if postcode else [])
        if duplicates:
            first = duplicates[0]
            raise HttpError(
                409,
                f"This employer may already exist: {first.employer.display_name} (id {first.employer.pk}) has "
                f"{' and '.join(first.reasons)}. Use that record, or send not_a_duplicate: true to create it anyway.",
            )
    employer = create_employer(
        Employer(centre=request.centre, legal_name=payload.name),  # type: ignore[attr-defined]
        sectors=sectors,
        main_site=main_site_at(postcode),
    )
    return Status(201, get_or_404(employers(), employer.pk, "employer"))
