"""Does this employer probably exist already? Same Companies House number, a very similar name, or the
same postcode with a somewhat similar name. A shared postcode alone is not enough: business parks and
shopping centres hold many firms under one postcode."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from bridgework.employers.models import Employer, EmployerSite

# Words that say nothing about which firm it is.
NOISE = re.compile(r"\b(ltd|limited|plc|llp|llc|inc|co|company|the|uk|group|and|services)\b")
SIMILAR_NAME = 0.88
SIMILAR_AT_SAME_POSTCODE = 0.6


@lru_cache(maxsize=8192)  # an import compares every row's name with every employer's
def normalise_name(name: str) -> str:
    name = name.lower().replace("&", " and ")
    name = re.sub(r"[^a-z0-9 ]+", " ", name)
    return " ".join(NOISE.sub(" ", name).split())


def postcode_key(postcode: str) -> str:
    """For comparing only ("ls1 4ap" and "LS14AP" match); records.normalise_postcode is what is stored."""
    return re.sub(r"\s+", "", postcode or "").upper()


@dataclass(frozen=True)
class Candidate:
    employer: Employer
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class KnownEmployer:
    """An employer to compare against, with its site postcodes (normalised). Need not be saved: an import
    compares each new row with the rows before it."""

    employer: Employer
    postcodes: frozenset[str]


def known_employers() -> list[KnownEmployer]:
    """The current centre's employers (inside its scope), merged records left out. Two queries."""
    employers = Employer.objects.filter(merged_into__isnull=True).only(
        "id", "legal_name", "trading_name", "company_number", "status", "centre_id"
    )
    by_id = {e.pk: e for e in employers}
    postcodes_of: dict[int, set[str]] = {}
    for employer_id, postcode in EmployerSite.objects.filter(employer_id__in=list(by_id)).values_list(
        "employer_id", "postcode"
    ):
        postcodes_of.setdefault(employer_id, set()).add(postcode_key(postcode))
    return [KnownEmployer(e, frozenset(postcodes_of.get(pk, ()))) for pk, e in by_id.items()]


def _best_similarity(names: list[str], theirs: list[str], floor: float) -> float:
    """The best name similarity, or 0.0 when it cannot reach `floor` (quick upper bounds first: an import
    compares every row with every employer)."""
    best = 0.0
    for a in names:
        for b in theirs:
            na, nb = normalise_name(a), normalise_name(b)
            if not na or not nb:
                continue
            matcher = SequenceMatcher(None, na, nb)
            if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                continue
            best = max(best, matcher.ratio())
    return best


def probable_duplicates(
    *,
    legal_name: str,
    trading_name: str = "",
    company_number: str = "",
    postcodes: list[str] | tuple[str, ...] = (),
    exclude_pk: int | None = None,
    among: list[KnownEmployer] | None = None,
) -> list[Candidate]:
    """Employers that are probably the same one: by default the current centre's (inside its scope, two
    queries); `among` compares with a list loaded once instead (known_employers(), or rows of a file)."""
    wanted_postcodes = {postcode_key(p) for p in postcodes if p}
    known = known_employers() if among is None else among
    names = [n for n in (legal_name, trading_name) if n]
    found: list[Candidate] = []
    for item in known:
        employer = item.employer
        if exclude_pk and employer.pk == exclude_pk:
            continue
        reasons: list[str] = []
        if company_number and employer.company_number and company_number.upper() == employer.company_number.upper():
            reasons.append(f"the same Companies House number ({employer.company_number})")
        theirs = [n for n in (employer.legal_name, employer.trading_name) if n]
        shared = wanted_postcodes & item.postcodes
        best = _best_similarity(names, theirs, SIMILAR_AT_SAME_POSTCODE if shared else SIMILAR_NAME)
        if best >= SIMILAR_NAME:
            reasons.append("a very similar name")
        if shared and best >= SIMILAR_AT_SAME_POSTCODE and best < SIMILAR_NAME:
            reasons.append(f"a similar name at the same postcode ({', '.join(sorted(shared))})")
        elif shared and best >= SIMILAR_NAME:
            reasons.append(f"the same postcode ({', '.join(sorted(shared))})")
        if reasons:
            found.append(Candidate(employer, tuple(reasons)))
    return sorted(found, key=lambda c: c.employer.legal_name)
