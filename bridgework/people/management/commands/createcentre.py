from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bridgework.catalogue.models import AwardingOrganisation
from bridgework.people.models import Centre
from bridgework.people.services.centres import create_centre

AO_ALIASES = {"OCR": "OCR", "CG": "CG", "C&G": "CG"}


class Command(BaseCommand):
    help = "Create a centre: bridgework createcentre --number N --name NAME [--ao OCR|CG] [--ukprn U]"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--number", required=True, help="The centre number (3–12 letters or digits).")
        parser.add_argument("--name", required=True)
        parser.add_argument("--ao", choices=sorted(AO_ALIASES), help="Awarding organisation the number belongs to.")
        parser.add_argument("--ukprn", default="")

    def handle(self, *args: Any, number: str, name: str, ao: str | None, ukprn: str, **options: Any) -> None:
        if Centre.objects.filter(number=number).exists():
            raise CommandError(f"A centre with number {number} already exists.")
        code = AO_ALIASES[ao] if ao else ""
        if code and not AwardingOrganisation.objects.filter(code=code).exists():
            raise CommandError(f"Unknown awarding organisation {ao}.")
        try:
            centre = create_centre(number=number, name=name, ukprn=ukprn, awarding_organisation_code=code)
        except ValidationError as error:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())) from error
        self.stdout.write(self.style.SUCCESS(f"Created {centre}."))
