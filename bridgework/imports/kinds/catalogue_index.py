"""Finding a catalogue qualification from what an MIS file holds: a QAN (with or without slashes, which is
also the ILR LearnAimRef), the awarding organisation's code (8202-30), or the exact title."""

from __future__ import annotations

import re
from collections import defaultdict

from django.core.exceptions import ValidationError

from bridgework.catalogue.models import Qualification, aim_ref


def _title_key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


class CatalogueIndex:
    def __init__(self) -> None:
        self.by_aim: dict[str, Qualification] = {}
        self.by_code: dict[str, list[Qualification]] = defaultdict(list)
        self.by_title: dict[str, list[Qualification]] = defaultdict(list)
        for qualification in Qualification.objects.select_related("awarding_organisation"):
            if qualification.qan:
                self.by_aim[aim_ref(qualification.qan)] = qualification
            if qualification.ao_code:
                self.by_code[qualification.ao_code.casefold()].append(qualification)
            self.by_title[_title_key(qualification.title)].append(qualification)

    def by_aim_ref(self, text: str) -> Qualification | None:
        return self.by_aim.get(aim_ref(text))

    def find(self, text: str) -> Qualification:
        if found := self.by_aim_ref(text):
            return found
        for candidates in (self.by_code.get(text.strip().casefold()), self.by_title.get(_title_key(text))):
            if candidates and len(candidates) == 1:
                return candidates[0]
            if candidates:
                raise ValidationError(f"“{text}” matches {len(candidates)} qualifications. Use the QAN instead.")
        raise ValidationError(
            f"No qualification in the catalogue has the QAN, code or title “{text}”. "
            "Check it, or ask a platform administrator to add the qualification."
        )
