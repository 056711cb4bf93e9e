"""API tokens: `bw_` + random secret, shown once; only its SHA-256 is kept."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.utils import timezone
from django_scopes import scopes_disabled

from bridgework.people.models import ApiToken, Centre, Membership, Role, User

TOKEN_PREFIX = "bw_"  # noqa: S105 (a prefix, not a secret)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


def issue_token(*, centre: Centre, user: User, name: str) -> IssuedToken:
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with scopes_disabled():
        token = ApiToken.objects.create(
            centre=centre, user=user, name=name, prefix=secret[:10], token_hash=hash_token(secret)
        )
    return IssuedToken(token, secret)


def authenticate_token(secret: str) -> ApiToken | None:
    """The live token for a secret, if its user is active and still staff at its centre."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    with scopes_disabled():
        token = (
            ApiToken.objects.select_related("user", "centre")
            .filter(token_hash=hash_token(secret), revoked_at=None, centre__is_active=True, user__is_active=True)
            .first()
        )
        if token is None:
            return None
        if not Membership.objects.filter(
            user=token.user, centre=token.centre, is_active=True, role__in=[Role.CENTRE_ADMIN, Role.STAFF]
        ).exists():
            return None
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def revoke_token(token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
