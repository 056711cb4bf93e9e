"""Tenancy: every centre-owned row carries its centre and is only reachable inside `scope(centre=...)`.

A query on a centre-owned model outside a scope raises `django_scopes.ScopeError` instead of silently
returning every centre's rows. Views enter the scope through the access decorators in `core.access`;
management commands, tasks and the API enter it explicitly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import models
from django_scopes import ScopedManager, scope, scopes_disabled

__all__ = ["CentreOwned", "centre_scope", "centres_scope", "scopes_disabled"]


class CentreOwned(models.Model):
    """Abstract base: a row that belongs to exactly one centre."""

    centre = models.ForeignKey("people.Centre", on_delete=models.PROTECT, related_name="+")

    objects = ScopedManager(centre="centre")

    class Meta:
        abstract = True


@contextmanager
def centre_scope(centre_id: int) -> Iterator[None]:
    if centre_id is None:  # scope(centre=None) would mean "every centre": never allow it by accident
        raise ValueError("centre_scope needs a centre id")
    with scope(centre=centre_id):
        yield


@contextmanager
def centres_scope(centre_ids: Iterable[int]) -> Iterator[None]:
    """Scope to several centres (a moderator's assignments, a learner's or employer's memberships)."""
    with scope(centre=list(centre_ids)):
        yield
