from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from bridgework.core.roles import roles_for


def my_ao(request: HttpRequest) -> int:
    ao_id = roles_for(request.user).moderator_ao_id
    assert ao_id is not None  # moderator_view lets only moderators in
    return ao_id


def for_my_ao(
    request: HttpRequest, qs: QuerySet[Any], path: str = "qualification__awarding_organisation_id"
) -> QuerySet[Any]:
    """Only what belongs to the moderator's awarding organisation (the centre scope is already entered)."""
    return qs.filter(**{path: my_ao(request)})
