"""Import of stakeholders from a sheet: a preview (row errors, duplicates), then exactly the good rows.

Set-based throughout: the registry's keys, the domains and the places are read once; the good rows are written
with ``bulk_create`` (stakeholders, then their domain, place and contact rows) in one transaction. Confirming
re-analyses against the registry inside that transaction, so the same file again creates nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from django.db import connection, transaction

from hamafza.core.audit import audit
from hamafza.core.errors import PermissionDenied
from hamafza.engagement import permissions
from hamafza.engagement.models import (
    ContactPerson,
    Stakeholder,
    StakeholderKind,
    Verification,
    name_keys,
    registration_digits,
)
from hamafza.engagement.services.sheets import LABEL, read_rows
from hamafza.organizations.models import DomainTag
from hamafza.persian import PersianInputError, normalize, normalize_mobile, search_key, to_latin_digits
from hamafza.places.models import County, Province

_LIST_SPLIT = re.compile(r"\s*[،,؛;]\s*")
KIND_BY_LABEL = (
    {search_key(label): value for value, label in StakeholderKind.choices}
    | {value: value for value in StakeholderKind.values}
    | {search_key("سمن"): StakeholderKind.NGO}
)
CHUNK = 500


@lru_cache(maxsize=2048)
def _category_key(text: str) -> str:
    # Kinds, domains, provinces and counties repeat on thousands of rows: key each spelling once.
    return search_key(text)


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class Duplicate:
    row: int
    name: str
    reason: str
    existing: str  # the name it repeats: a registered stakeholder's, or an earlier row's
    in_file: bool


@dataclass
class GoodRow:
    row: int
    stakeholder: Stakeholder
    domain_ids: list[int]
    province_id: int | None
    county_id: int | None
    contact_name: str
    contact_mobile: str


@dataclass
class Analysis:
    total: int = 0
    good: list[GoodRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "good": len(self.good),
            "errors": [asdict(e) for e in self.errors],
            "duplicates": [asdict(d) for d in self.duplicates],
        }


class _Lookups:
    """Everything a row is checked against, read in a handful of queries for the whole file."""

    def __init__(self, compact_keys: set[str], numbers: set[str]) -> None:
        self.domains = {search_key(t.name): t.pk for t in DomainTag.objects.all()}
        self.provinces = {p.name_key: p.pk for p in Province.objects.only("pk", "name_key")}
        self.counties: dict[tuple[int, str], int] = {
            (c.province_id, c.name_key): c.pk for c in County.objects.only("pk", "name_key", "province_id")
        }
        self.by_compact = dict(
            Stakeholder.objects.filter(compact_key__in=compact_keys).values_list("compact_key", "name")
        )
        self.by_number = dict(
            Stakeholder.objects.filter(registration_number__in=numbers - {""}).values_list(
                "registration_number", "name"
            )
        )


def _parse_row(number: int, values: dict[str, str], lookups: _Lookups, errors: list[RowError]) -> GoodRow | None:
    problems: list[RowError] = []

    def fail(column: str, message: str) -> None:
        problems.append(RowError(number, LABEL[column], message))

    name = normalize(values.get("name", ""))
    if not name:
        fail("name", "نام خالی است.")
    kind_text = values.get("kind", "")
    kind = KIND_BY_LABEL.get(_category_key(kind_text)) if kind_text else StakeholderKind.NGO
    if kind is None:
        fail("kind", f"نوع «{kind_text}» شناخته نیست. یکی از نوع‌های قالب نمونه را بنویسید.")
    reg_number = registration_digits(values.get("registration_number", ""))
    if reg_number and not reg_number.isdigit():
        fail("registration_number", "شماره ثبت فقط رقم دارد.")
    if reg_number and kind and kind != StakeholderKind.NGO:
        fail("registration_number", "شماره ثبت فقط برای سازمان‌های مردم‌نهاد ثبت می‌شود.")
    domain_ids = []
    for raw in _LIST_SPLIT.split(values.get("domains", "")):
        if not raw.strip():
            continue
        domain_id = lookups.domains.get(_category_key(raw))
        if domain_id is None:
            fail("domains", f"حوزه «{normalize(raw)}» در فهرست حوزه‌های فعالیت نیست.")
        else:
            domain_ids.append(domain_id)
    province_id = county_id = None
    province_text = values.get("province", "")
    if province_text:
        province_id = lookups.provinces.get(_category_key(province_text))
        if province_id is None:
            fail("province", f"استان «{normalize(province_text)}» پیدا نشد.")
    county_text = values.get("county", "")
    if county_text and province_id is not None:
        county_id = lookups.counties.get((province_id, _category_key(county_text)))
        if county_id is None:
            fail("county", f"شهرستان «{normalize(county_text)}» در استان «{normalize(province_text)}» پیدا نشد.")
    elif county_text and not province_text:
        fail("province", "برای شهرستان، استان را هم بنویسید.")
    volunteers_text = to_latin_digits(values.get("volunteers", "")).replace(",", "").replace("٬", "")
    if volunteers_text and not volunteers_text.isdigit():
        fail("volunteers", "تعداد داوطلبان باید عدد باشد.")
    mobile = values.get("contact_mobile", "")
    if mobile:
        try:
            mobile = normalize_mobile(mobile)
        except PersianInputError as error:
            fail("contact_mobile", str(error))
    if problems:
        errors.extend(problems)
        return None
    stakeholder = Stakeholder(
        name=name,
        kind=kind,
        registration_number=reg_number,
        description=values.get("description", ""),
        expertise=values.get("expertise", ""),
        facilities=values.get("facilities", ""),
        volunteers=int(volunteers_text or 0),
        verification=Verification.PENDING,
    )
    stakeholder.fill_keys()
    return GoodRow(
        number, stakeholder, domain_ids, province_id, county_id, normalize(values.get("contact_name", "")), mobile
    )


def analyze(content: bytes, filename: str = "", *, progress: Callable[[int, int], None] | None = None) -> Analysis:
    """Check every row; nothing is written. ``progress(done, total)`` is called every ``CHUNK`` rows."""
    keys, body, total = read_rows(content, filename)
    rows: list[tuple[int, dict[str, str]]] = [
        (number, {key: cell for key, cell in zip(keys, row, strict=False) if key}) for number, row in body
    ]
    compact_keys = {name_keys(normalize(values.get("name", "")))[1] for _, values in rows}
    numbers = {registration_digits(values.get("registration_number", "")) for _, values in rows}
    lookups = _Lookups(compact_keys, numbers)
    analysis = Analysis(total=total)
    seen_compact: dict[str, str] = {}
    seen_number: dict[str, str] = {}
    for done, (number, values) in enumerate(rows, start=1):
        good = _parse_row(number, values, lookups, analysis.errors)
        if good is not None:
            duplicate = _duplicate_of(good, lookups, seen_compact, seen_number)
            if duplicate is not None:
                analysis.duplicates.append(duplicate)
            else:
                seen_compact[good.stakeholder.compact_key] = good.stakeholder.name
                if good.stakeholder.registration_number:
                    seen_number[good.stakeholder.registration_number] = good.stakeholder.name
                analysis.good.append(good)
        if progress is not None and done % CHUNK == 0:
            progress(done, total)
    return analysis


def _duplicate_of(
    good: GoodRow, lookups: _Lookups, seen_compact: dict[str, str], seen_number: dict[str, str]
) -> Duplicate | None:
    s = good.stakeholder
    if s.registration_number and s.registration_number in lookups.by_number:
        existing = lookups.by_number[s.registration_number]
        return Duplicate(good.row, s.name, "شماره ثبت تکراری", existing, in_file=False)
    if s.compact_key in lookups.by_compact:
        return Duplicate(good.row, s.name, "نام تکراری", lookups.by_compact[s.compact_key], in_file=False)
    if s.registration_number and s.registration_number in seen_number:
        existing = seen_number[s.registration_number]
        return Duplicate(good.row, s.name, "شماره ثبت تکراری در همین پرونده", existing, in_file=True)
    if s.compact_key in seen_compact:
        return Duplicate(good.row, s.name, "نام تکراری در همین پرونده", seen_compact[s.compact_key], in_file=True)
    return None


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert_links(through: Any, column: str, pairs: list[tuple[int, int]]) -> None:
    """Many-to-many rows in one statement: bulk_create would build a model instance for each of them, and
    executemany sends a statement per row (10,000 domain links of a 5,000-row sheet were a third of a confirm)."""
    if not pairs:
        return
    quote = connection.ops.quote_name
    # Table and column names come from the model's metadata, never from the file; values are parameters.
    table = quote(through._meta.db_table)
    columns = f"{quote('stakeholder_id')}, {quote(column)}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            stakeholders, others = zip(*pairs, strict=True)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT * FROM unnest(%s::bigint[], %s::bigint[])",  # noqa: S608
                [list(stakeholders), list(others)],
            )
        else:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES (%s, %s)", pairs)  # noqa: S608


@transaction.atomic
def import_commit(
    *,
    content: bytes,
    filename: str,
    by: Any,
    progress: Callable[[int, int], None] | None = None,
    analysis: Analysis | None = None,
) -> Analysis:
    """Create exactly the good rows, in one transaction; rows already in the registry are skipped.

    ``analysis`` is the sheet already checked (by the background job, outside its transaction, so the progress
    it reports is visible to the page that polls it); without it the sheet is checked here.
    """
    if by is not None and not permissions.can_create_stakeholder(by):
        raise PermissionDenied("شما اجازه ثبت ذی‌نفع را ندارید.")
    if analysis is None:
        analysis = analyze(content, filename)
    creator = by if getattr(by, "pk", None) else None
    goods = analysis.good
    for good in goods:
        good.stakeholder.created_by = creator
    created: list[Stakeholder] = []
    for index, chunk in enumerate(_chunks(goods), start=1):
        created.extend(Stakeholder.objects.bulk_create([g.stakeholder for g in chunk]))
        if progress is not None:
            progress(min(index * CHUNK, len(goods)), len(goods))
    if created and created[0].pk is None:  # a backend that returns no ids: read them back by their unique keys
        ids = dict(
            Stakeholder.objects.filter(compact_key__in=[s.compact_key for s in created]).values_list(
                "compact_key", "pk"
            )
        )
        for s in created:
            s.pk = ids[s.compact_key]
    domain_links: list[tuple[int, int]] = []
    province_links: list[tuple[int, int]] = []
    county_links: list[tuple[int, int]] = []
    contacts = []
    for good in goods:
        pk = good.stakeholder.pk
        domain_links += [(pk, d) for d in dict.fromkeys(good.domain_ids)]
        if good.province_id:
            province_links.append((pk, good.province_id))
        if good.county_id:
            county_links.append((pk, good.county_id))
        if good.contact_name:
            contacts.append(ContactPerson(stakeholder_id=pk, name=good.contact_name, mobile=good.contact_mobile))
    _insert_links(Stakeholder.domains.through, "domaintag_id", domain_links)
    _insert_links(Stakeholder.provinces.through, "province_id", province_links)
    _insert_links(Stakeholder.counties.through, "county_id", county_links)
    ContactPerson.objects.bulk_create(contacts, batch_size=CHUNK)
    audit(
        actor=by,
        action="engagement.stakeholders.imported",
        data={
            "file": filename[-200:],
            "created": len(created),
            "duplicates": len(analysis.duplicates),
            "errors": len(analysis.errors),
        },
    )
    return analysis
