"""Loads the shipped catalogue (data/qualifications.csv, data/units.csv). Idempotent: upserts by
awarding organisation + title (some QANs are not public), so running it again changes nothing."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
AWARDING_ORGANISATIONS = {"OCR": ("OCR", "OCR (Oxford Cambridge and RSA)"), "C&G": ("CG", "City & Guilds")}


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _read(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_catalogue(models: Any = None) -> LoadResult:
    """`models` lets a data migration pass its historical models; by default the current ones."""
    if models is None:
        from bridgework.catalogue import models as current

        models = current
    result = LoadResult()
    aos = {}
    for key, (code, name) in AWARDING_ORGANISATIONS.items():
        aos[key], _ = models.AwardingOrganisation.objects.get_or_create(code=code, defaults={"name": name})
    sectors: dict[str, Any] = {}
    qualifications: dict[tuple[str, str], Any] = {}
    for row in _read("qualifications.csv"):
        sector = sectors.get(row["sector"])
        if sector is None:
            sector, _ = models.Sector.objects.get_or_create(name=row["sector"])
            sectors[row["sector"]] = sector
        values = {
            "qan": row["qan"],
            "ao_code": row["ao_code"],
            "level": int(row["level"]),
            "size_name": row["size_name"],
            "glh": int(row["glh"]) if row["glh"] else None,
            "sector": sector,
            "dfe_category": row["dfe_category"],
            "requires_mei": row["requires_mei"] == "Y",
            "source_note": f"{row['status']} — {row['source']}".strip(" —"),
        }
        ao = aos[row["ao"]]
        existing = models.Qualification.objects.filter(awarding_organisation=ao, title=row["title"]).first()
        if existing is None:
            existing = models.Qualification.objects.create(awarding_organisation=ao, title=row["title"], **values)
            result.created += 1
        elif any(getattr(existing, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(existing, field, value)
            existing.save()
            result.updated += 1
        else:
            result.unchanged += 1
        qualifications[(row["ao"], row["title"])] = existing
    for row in _read("units.csv"):
        qualification = qualifications[(row["ao"], row["qualification_title"])]
        models.Unit.objects.update_or_create(
            qualification=qualification,
            number=row["number"],
            defaults={"title": row["title"], "mandatory": row["mandatory"] == "Y"},
        )
    return result
