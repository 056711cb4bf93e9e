from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from bridgework.people.models import Centre, Role
from bridgework.people.services.centres import get_or_create_user, grant_role
from bridgework.people.services.tokens import issue_token


class Command(BaseCommand):
    help = (
        "Print a new API token for a user at a centre (creating the user as centre admin if missing). "
        "Only the token is written to stdout."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--centre", required=True, help="Centre number.")
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="Command-line token")

    def handle(self, *args: Any, centre: str, email: str, name: str, **options: Any) -> None:
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not a valid email address.") from error
        centre_obj = Centre.objects.filter(number=centre).first()
        if centre_obj is None:
            raise CommandError(f"No centre with number {centre}. Create it with `bridgework createcentre`.")
        from django_scopes import scopes_disabled

        from bridgework.people.models import Membership

        user = get_or_create_user(email)
        with scopes_disabled():
            is_staff = Membership.objects.filter(
                user=user, centre=centre_obj, is_active=True, role__in=[Role.CENTRE_ADMIN, Role.STAFF]
            ).exists()
        if not is_staff:
            grant_role(user, centre_obj, Role.CENTRE_ADMIN)
            self.stderr.write(f"{email} is now a centre admin at {centre_obj.name}.")
        issued = issue_token(centre=centre_obj, user=user, name=name)
        self.stdout.write(issued.secret)
