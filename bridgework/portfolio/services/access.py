"""What the portfolio needs from other domains, in one place: whether data sharing is in force between a
learner and an employer person (the tripartite agreement, employers domain) and the byte-checked upload
and permission-checked download of files (core.uploads).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.http import FileResponse

from bridgework.core.uploads import EVIDENCE_KINDS, CheckedUpload, serve_file, validate_upload
from bridgework.employers.services.agreements import agreements_in_force

Pair = tuple[int, int]  # (learner id, employer person id)


def sharing_pairs_in_force(person_ids: Iterable[int], at: datetime) -> set[Pair]:
    """Every (learner, person) pair, for these people, for which data sharing is in force at `at`: a signed
    tripartite agreement with consent standing whose employer contact is the person (agreements_in_force is
    the one rule). One query whatever the number of learners (list pages build their filters from it)."""
    person_ids = list(person_ids)
    if not person_ids:
        return set()
    return set(
        agreements_in_force(at)
        .filter(employer_contact_id__in=person_ids)
        .values_list("learner_id", "employer_contact_id")
    )


# --- files -------------------------------------------------------------------------------------------------


def check_file(file) -> CheckedUpload:  # type: ignore[no-untyped-def]
    """Journal attachments take the same checks as activity evidence (core.uploads): by their bytes, size-limited."""
    return validate_upload(file, EVIDENCE_KINDS)


def serve_attachment(attachment) -> FileResponse:  # type: ignore[no-untyped-def]
    """Stream a stored attachment as a download. The caller has checked who may see it."""
    return serve_file(attachment.file, attachment.name, attachment.content_type)
