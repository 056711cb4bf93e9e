"""Does this employer probably exist already? Same Companies House number, a very similar name, or the
same postcode with a somewhat similar name. A shared postcode alone is not enough: business parks and
shopping centres hold many firms under one postcode."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from bridgework.employers.models import Employer, EmployerSite

# Words that say nothing about which firm it is.
NOISE = re.compile(r"\b(ltd|limited|plc|llp|llc|inc|co|company|the|uk|group|and|services)\b")
SIMILAR_NAME = 0.88
SIMILAR_AT_SAME_POSTCODE = 0.6


def normalise_name(name: str) -> str:
    name = name.lower().replace("&", " and ")
    name = re.sub(r"[^a-z0-9 ]+", " ", name)
    return " ".join(NOISE.sub(" ", name).split())


def normalise_postcode(postcode: str) -> str:
    return re.sub(r"\s+", "", postcode or "").upper()


def name_similarity(a: str, b: str) -> float:
    a, b = normalise_name(a), normalise_name(b)
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b).ratio()


@dataclass(frozen=True)
class Candidate:
    employer: Employer
    reasons: tuple[str, ...]


def probable_duplicates(
    *,
    legal_name: str,
    trading_name: str = "",
    company_number: str = "",
    postcodes: list[str] | tuple[str, ...] = (),
    exclude_pk: int | None = None,
) -> list[Candidate]:
    """Existing employers at the current centre (inside its scope) that are probably the same one.
    Two queries: employers (names and numbers), and their site postcodes."""
    wanted_postcodes = {normalise_postcode(p) for p in postcodes if p}
    employers = Employer.objects.filter(merged_into__isnull=True).only(
        "id", "legal_name", "trading_name", "company_number", "status", "centre_id"
    )
    if exclude_pk:
        employers = employers.exclude(pk=exclude_pk)
    by_id = {e.pk: e for e in employers}
    postcodes_of: dict[int, set[str]] = {}
    for employer_id, postcode in EmployerSite.objects.filter(employer_id__in=list(by_id)).values_list(
        "employer_id", "postcode"
    ):
        postcodes_of.setdefault(employer_id, set()).add(normalise_postcode(postcode))
    names = [n for n in (legal_name, trading_name) if n]
    found: list[Candidate] = []
    for pk, employer in by_id.items():
        reasons: list[str] = []
        if company_number and employer.company_number and company_number.upper() == employer.company_number.upper():
            reasons.append(f"the same Companies House number ({employer.company_number})")
        theirs = [n for n in (employer.legal_name, employer.trading_name) if n]
        best = max((name_similarity(a, b) for a in names for b in theirs), default=0.0)
        if best >= SIMILAR_NAME:
            reasons.append("a very similar name")
        shared = wanted_postcodes & postcodes_of.get(pk, set())
        if shared and best >= SIMILAR_AT_SAME_POSTCODE and best < SIMILAR_NAME:
            reasons.append(f"a similar name at the same postcode ({', '.join(sorted(shared))})")
        elif shared and best >= SIMILAR_NAME:
            reasons.append(f"the same postcode ({', '.join(sorted(shared))})")
        if reasons:
            found.append(Candidate(employer, tuple(reasons)))
    return sorted(found, key=lambda c: c.employer.legal_name)
