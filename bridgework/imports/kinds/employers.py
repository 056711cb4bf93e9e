"""Employers from a spreadsheet: name, sectors, postcode and, optionally, the other details an employer record
holds (trading name, Companies House number, website, address, town, notes).

A row whose name and postcode match an employer at the centre updates it (a blank cell never erases what is
held); any other row adds an employer, with its main site at that postcode. A new row that looks like an
existing employer, or like an earlier row of the file, under another name or postcode is a warning in the
preview: the import can still go ahead. Writes go through the employers' domain services, as the staff form's do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from bridgework.catalogue.models import Sector
from bridgework.employers.models import Employer, EmployerSite
from bridgework.employers.services.duplicates import KnownEmployer, postcode_key, probable_duplicates
from bridgework.employers.services.records import create_employer, update_employer, update_site
from bridgework.imports.columns import CleanRow, ImportColumn, ProgressCallback, RowError
from bridgework.imports.kinds import Importer, Plan, register
from bridgework.imports.kinds.employer_values import (
    clean_address,
    clean_company_number,
    clean_ern,
    clean_postcode,
    clean_town,
    clean_website,
    sectors_cleaner,
)
from bridgework.imports.models import ImportKind
from bridgework.imports.values import text_cleaner
from bridgework.people.models import Centre

EMPLOYER_FIELDS = ("trading_name", "company_number", "ern", "website", "notes")
SITE_FIELDS = ("address", "town")


@dataclass
class NewEmployer:
    employer: Employer
    sectors: tuple[Sector, ...]
    site: EmployerSite | None


@dataclass
class ChangedEmployer:
    employer: Employer
    changes: dict[str, Any]
    sectors: tuple[Sector, ...] | None
    site: EmployerSite | None
    site_changes: dict[str, Any]


@dataclass
class EmployerPayload:
    new: list[NewEmployer] = field(default_factory=list)
    changed: list[ChangedEmployer] = field(default_factory=list)


def _key(name: str, postcode: str) -> tuple[str, str]:
    return (" ".join(name.casefold().split()), postcode_key(postcode))


class _Existing:
    """The centre's employers (merged records left out), their sites and sectors: three queries."""

    def __init__(self, centre: Centre) -> None:
        employers = list(Employer.objects.filter(centre=centre, merged_into__isnull=True))
        sites_of: dict[int, list[EmployerSite]] = defaultdict(list)
        for site in EmployerSite.objects.filter(centre=centre, employer_id__in=[e.pk for e in employers]):
            sites_of[site.employer_id].append(site)
        self.sector_ids: dict[int, set[int]] = defaultdict(set)
        through = Employer.sectors.through.objects.filter(employer_id__in=[e.pk for e in employers])
        for employer_id, sector_id in through.values_list("employer_id", "sector_id"):
            self.sector_ids[employer_id].add(sector_id)
        self.by_key: dict[tuple[str, str], list[tuple[Employer, EmployerSite | None]]] = defaultdict(list)
        self.known: list[KnownEmployer] = []
        for employer in employers:
            sites = sorted(sites_of[employer.pk], key=lambda s: (not s.is_primary, s.pk))
            for site in sites:
                self.by_key[_key(employer.legal_name, site.postcode)].append((employer, site))
            if not sites:
                self.by_key[_key(employer.legal_name, "")].append((employer, None))
            self.known.append(KnownEmployer(employer, frozenset(postcode_key(s.postcode) for s in sites)))


class EmployerImporter(Importer):
    kind = ImportKind.EMPLOYERS
    record_name = "employer"
    mapping_hint = (
        "Employers are matched by name and postcode: a row with the name and postcode of an employer already at "
        "this centre updates it, and any other row adds an employer."
    )
    result_link = ("staff:employer_list", "See the employers")

    def columns(self, centre: Centre) -> list[ImportColumn]:
        return [
            ImportColumn(
                "name",
                "Name",
                required=True,
                aliases=("employer", "employer name", "legal name", "company name", "organisation", "business name"),
                help_text="The employer's legal name.",
                cleaner=text_cleaner(max_length=200, required="Enter the employer's name."),
            ),
            ImportColumn(
                "sectors",
                "Sectors",
                aliases=("sector", "industry", "industries"),
                help_text="Sector names from the catalogue, separated by ; or , (they replace the employer's).",
                cleaner=sectors_cleaner(),
            ),
            ImportColumn(
                "postcode",
                "Postcode",
                aliases=("post code", "postal code"),
                help_text="The main site's postcode, like LS1 4AP.",
                cleaner=clean_postcode,
            ),
            ImportColumn("trading_name", "Trading name", aliases=("trading as",), cleaner=text_cleaner(max_length=200)),
            ImportColumn(
                "company_number",
                "Companies House number",
                aliases=("company number", "company no", "company registration number", "CRN"),
                cleaner=clean_company_number,
            ),
            ImportColumn(
                "ern",
                "Employer Reference Number (ERN)",
                aliases=("ERN", "EDS number", "employer reference number", "WorkPlaceEmpId"),
                cleaner=clean_ern,
            ),
            ImportColumn(
                "website", "Website", aliases=("web site", "web address", "url", "web"), cleaner=clean_website
            ),
            ImportColumn(
                "address",
                "Address",
                aliases=("street address", "address line 1", "street"),
                help_text="The main site's address; needs a postcode.",
                cleaner=clean_address,
                depends_on=("postcode",),
            ),
            ImportColumn(
                "town",
                "Town",
                aliases=("city", "town or city"),
                cleaner=clean_town,
                depends_on=("postcode",),
            ),
            ImportColumn("notes", "Notes", aliases=("note", "comments"), cleaner=text_cleaner(single_line=False)),
        ]

    def warnings_intro(self, state: str) -> str:
        """Look-alikes of employers already held, or of other rows."""
        if state == "ready":
            return (
                "These rows may duplicate a record you already have, or another row. They do not stop the "
                "import: check them before you import."
            )
        if state == "done":
            return "These rows looked like duplicates and were imported as they were: if one is, merge the two records."
        return (
            "These rows may duplicate a record you already have, or another row. They will not stop the import "
            "once the problems are corrected."
        )

    def plan(self, centre: Centre, rows: list[CleanRow], progress: ProgressCallback | None = None) -> Plan:
        payload = EmployerPayload()
        plan = Plan(payload=payload)
        existing = _Existing(centre)
        in_file: list[KnownEmployer] = []  # the rows that add an employer, to compare later rows with
        row_of: dict[int, int] = {}  # id() of such a row's Employer → its row
        seen: dict[tuple[str, str], int] = {}
        updating: dict[int, int] = {}  # employer id → the row that updates it (two rows would fight: last wins)
        total = max(len(rows), 1)
        for index, row in enumerate(rows):
            if progress and index % 200 == 0:
                progress(int(100 * index / total))
            values, label = row.values, row.labels.get("name", "Name")
            name, postcode = values["name"], values.get("postcode") or ""
            key = _key(name, postcode)
            if key in seen:
                message = f"Duplicate of row {seen[key]}: the same employer name and postcode."
                plan.errors.append(RowError(row.row, label, message, name))
                continue
            seen[key] = row.row
            matches = existing.by_key.get(key, [])
            if len({employer.pk for employer, _site in matches}) > 1:
                message = f"{len(matches)} employers at this centre have this name and postcode: merge them first."
                plan.errors.append(RowError(row.row, label, message, name))
                continue
            if matches:
                employer_id = matches[0][0].pk
                if employer_id in updating:
                    message = f"Row {updating[employer_id]} also updates this employer (at another of its sites): "
                    message += "give its details on one row."
                    plan.errors.append(RowError(row.row, label, message, name))
                    continue
                updating[employer_id] = row.row
                self._plan_update(values, *matches[0], existing, plan)
                continue
            new = self._new(centre, values)
            plan.warnings += _look_alikes(row, new.employer, postcode, existing.known, in_file, row_of)
            in_file.append(KnownEmployer(new.employer, frozenset({postcode_key(postcode)} - {""})))
            row_of[id(new.employer)] = row.row
            payload.new.append(new)
            plan.created += 1
        plan.summary = {"sites_added": sum(1 for new in payload.new if new.site is not None)}
        return plan

    def _new(self, centre: Centre, values: dict[str, Any]) -> NewEmployer:
        employer = Employer(centre=centre, legal_name=values["name"])
        for name in EMPLOYER_FIELDS:
            setattr(employer, name, values.get(name) or "")
        postcode = values.get("postcode")
        site = (
            EmployerSite(
                name="Main site", postcode=postcode, address=values.get("address") or "", town=values.get("town") or ""
            )
            if postcode
            else None
        )
        return NewEmployer(employer, values.get("sectors") or (), site)

    def _plan_update(
        self,
        values: dict[str, Any],
        employer: Employer,
        site: EmployerSite | None,
        existing: _Existing,
        plan: Plan,
    ) -> None:
        # A blank cell (or a column not in the file) never erases what is held.
        changes = {n: values[n] for n in EMPLOYER_FIELDS if values.get(n) and getattr(employer, n) != values[n]}
        sectors = values.get("sectors") or None
        if sectors is not None and {s.pk for s in sectors} == existing.sector_ids[employer.pk]:
            sectors = None
        site_changes = {
            n: values[n] for n in SITE_FIELDS if site is not None and values.get(n) and getattr(site, n) != values[n]
        }
        if not (changes or sectors is not None or site_changes):
            plan.unchanged += 1
            return
        plan.payload.changed.append(ChangedEmployer(employer, changes, sectors, site, site_changes))
        plan.updated += 1

    def write(self, centre: Centre, plan: Plan, actor_id: int | None) -> None:
        payload: EmployerPayload = plan.payload
        for new in payload.new:
            create_employer(new.employer, sectors=new.sectors, main_site=new.site)
        for changed in payload.changed:
            update_employer(changed.employer, changes=changed.changes, sectors=changed.sectors)
            if changed.site is not None and changed.site_changes:
                update_site(changed.site, changed.site_changes)

    def summary_lines(self, summary: dict[str, int], done: bool) -> list[str]:
        sites = summary.get("sites_added", 0)
        return [f"{sites} main site{'s' if sites != 1 else ''} {'added' if done else 'to add'} with new employers"]


def _look_alikes(
    row: CleanRow,
    employer: Employer,
    postcode: str,
    existing: list[KnownEmployer],
    in_file: list[KnownEmployer],
    row_of: dict[int, int],
) -> list[RowError]:
    """Warnings for a row that adds an employer but looks like one held, or like an earlier row of the file."""
    label = row.labels.get("name", "Name")
    wanted = {
        "legal_name": employer.legal_name,
        "trading_name": employer.trading_name,
        "company_number": employer.company_number,
        "postcodes": [postcode] if postcode else [],
    }
    warnings = [
        RowError(
            row.row,
            label,
            f"Looks like {candidate.employer.legal_name}, already at this centre ({'; '.join(candidate.reasons)}). "
            "Importing adds a separate employer: check the row, or merge the two records afterwards.",
            employer.legal_name,
        )
        for candidate in probable_duplicates(**wanted, among=existing)
    ]
    warnings += [
        RowError(
            row.row,
            label,
            f"Looks like row {row_of[id(candidate.employer)]} ({candidate.employer.legal_name}): "
            f"{'; '.join(candidate.reasons)}. Both rows add an employer: check they are different firms.",
            employer.legal_name,
        )
        for candidate in probable_duplicates(**wanted, among=in_file)
    ]
    return warnings


register(EmployerImporter())
