"""``hamafza seed-scale``: a deterministic country-sized world on the real places, for the benchmark.

Everything is written with bulk statements (COPY on PostgreSQL), never one ORM save per row: the national
profile is ~16,000 organizations and 3,100 evaluated units × 150 items × 8 rounds (3.7 M answers). Every object's
code starts with ``scale-`` so a second run finds the world already there and adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction
from django.utils import timezone

from hamafza.accounts.models import User
from hamafza.evaluation.models import Answer, AnswerSource, Round, RoundState, RoundUnit
from hamafza.evaluation.services.frameworks import AxisSpec, IndicatorSpec, ItemSpec, framework_version_create
from hamafza.evaluation.services.scoring import round_rescore
from hamafza.organizations.models import Organization, RoleGrant
from hamafza.places.models import County, Province

if TYPE_CHECKING:
    from hamafza.demo.world import Output

PREFIX = "scale-"


@dataclass(frozen=True)
class Profile:
    provinces: int | None  # None: all 31
    county_agencies: int  # county offices per county, besides the county governorate
    units: int
    axes: int
    indicators: int
    items: int  # per indicator
    rounds: int
    stakeholders: int = 0
    activities: int = 0
    news: int = 0  # public news pages, which the comments are spread over
    comments: int = 0


PROFILES: dict[str, Profile] = {
    "small": Profile(
        provinces=2, county_agencies=4, units=60, axes=4, indicators=2, items=3, rounds=3,
        stakeholders=600, activities=3_000, news=60, comments=6_000,
    ),
    "province": Profile(
        provinces=4, county_agencies=12, units=600, axes=6, indicators=5, items=3, rounds=4,
        stakeholders=6_000, activities=50_000, news=400, comments=100_000,
    ),
    "national": Profile(
        provinces=None, county_agencies=30, units=3100, axes=10, indicators=5, items=3, rounds=8,
        stakeholders=60_000, activities=500_000, news=3_000, comments=1_000_000,
    ),
}  # fmt: skip

MINISTRIES = (
    ("welfare", "بهزیستی"),
    ("education", "آموزش و پرورش"),
    ("health", "بهداشت و درمان"),
    ("labour", "تعاون، کار و رفاه اجتماعی"),
    ("culture", "فرهنگ و ارشاد اسلامی"),
    ("sports", "ورزش و جوانان"),
    ("agriculture", "جهاد کشاورزی"),
    ("roads", "راه و شهرسازی"),
    ("environment", "حفاظت محیط زیست"),
    ("heritage", "میراث فرهنگی و گردشگری"),
    ("industry", "صنعت، معدن و تجارت"),
    ("energy", "نیرو"),
    ("water", "آب و فاضلاب"),
    ("gas", "گاز"),
    ("post", "پست"),
    ("tax", "امور مالیاتی"),
    ("registry", "ثبت اسناد و املاک"),
    ("statistics", "آمار"),
    ("cooperation", "تعاون روستایی"),
    ("natural", "منابع طبیعی و آبخیزداری"),
    ("libraries", "کتابخانه‌های عمومی"),
    ("relief", "کمیته امداد"),
    ("red-crescent", "هلال احمر"),
    ("veterans", "بنیاد شهید و امور ایثارگران"),
    ("endowment", "اوقاف و امور خیریه"),
    ("prisons", "زندان‌ها"),
    ("standards", "استاندارد"),
    ("telecom", "ارتباطات و فناوری اطلاعات"),
    ("meteorology", "هواشناسی"),
    ("civil-status", "ثبت احوال"),
)

ITEM_TITLES = (
    "تعداد نشست‌های برگزارشده با سمن‌ها",
    "درصد درخواست‌های مردمی پاسخ‌داده‌شده در مهلت",
    "تعداد شکایت‌های رسیدگی‌نشده",
    "تعداد دوره‌های آموزشی مدیران",
    "درصد پرونده‌های الکترونیکی",
    "تعداد بازدیدهای میدانی مدیر",
)


def _bulk_insert(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert rows in the fastest way the database offers: COPY on PostgreSQL, executemany batches on SQLite."""
    table = model._meta.db_table
    count = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg 3
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        return count
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608 — our own names
    batch: list[Sequence[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) >= 5000:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _reset_sequence(model: type[models.Model]) -> None:
    if connection.vendor != "postgresql":
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")  # noqa: S608


def _org_row(
    org_id: int,
    code: str,
    name: str,
    kind: str,
    parent: tuple[int, str] | None,
    province: int | None,
    county: int | None,
    now: dt.datetime,
) -> tuple[tuple[Any, ...], str]:
    org = Organization(code=code, name=name, kind=kind)
    org.fill_keys()
    path = f"{parent[1] if parent else ''}{org_id:0{Organization.PATH_STEP - 1}d}/"
    row = (
        org_id,
        now,
        now,
        code,
        org.name,
        kind,
        parent[0] if parent else None,
        path,
        path.count("/") - 1,
        province,
        county,
        None,
        "",
        True,
        org.name_key,
        org.sort_key,
        1,
    )
    return row, path


ORG_COLUMNS = (
    "id", "created_at", "updated_at", "code", "name", "kind", "parent_id", "path", "depth", "province_id",
    "county_id", "city_id", "mission", "is_active", "name_key", "sort_key", "version",
)  # fmt: skip


def _organizations(profile: Profile, out: Output) -> list[int]:
    """Ministries → provincial offices; governorates → county governorates; county offices under each. Returns
    the ids of the county offices, in a stable order, for the evaluated units."""
    now = timezone.now()
    next_id = (Organization.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
    provinces = list(Province.objects.order_by("id"))
    if profile.provinces is not None:
        provinces = provinces[: profile.provinces]
    counties: dict[int, list[County]] = {}
    for county in County.objects.filter(province__in=provinces).order_by("id"):
        counties.setdefault(county.province_id, []).append(county)
    rows: list[tuple[Any, ...]] = []
    county_offices: list[int] = []
    ministries = MINISTRIES[: profile.county_agencies]

    def add(
        code: str,
        name: str,
        kind: str,
        parent: tuple[int, str] | None,
        province: int | None = None,
        county: int | None = None,
    ) -> tuple[int, str]:
        nonlocal next_id
        row, path = _org_row(next_id, PREFIX + code, name, kind, parent, province, county, now)
        rows.append(row)
        next_id += 1
        return row[0], path

    hq = {slug: add(f"m-{slug}", f"وزارت {title}", "agency", None) for slug, title in ministries}
    for province in provinces:
        governorate = add(f"g-{province.id}", f"استانداری {province.name}", "governorate", None, province.id)
        offices = {
            slug: add(
                f"p-{slug}-{province.id}",
                f"اداره کل {title} استان {province.name}",
                "provincial_office",
                hq[slug],
                province.id,
            )
            for slug, title in ministries
        }
        for county in counties.get(province.id, []):
            add(f"c-{county.id}", f"فرمانداری {county.name}", "governorate", governorate, province.id, county.id)
            for slug, title in ministries:
                office = add(
                    f"o-{slug}-{county.id}",
                    f"اداره {title} شهرستان {county.name}",
                    "county_office",
                    offices[slug],
                    province.id,
                    county.id,
                )
                county_offices.append(office[0])
    _bulk_insert(Organization, ORG_COLUMNS, rows)
    _reset_sequence(Organization)
    out.write(f"  organizations: {len(rows):,}")
    return county_offices


def _framework_axes(profile: Profile) -> list[AxisSpec]:
    axes = []
    for a in range(profile.axes):
        indicators = []
        for i in range(profile.indicators):
            items = [
                ItemSpec(
                    code=f"a{a}i{i}q{q}",
                    title=f"{ITEM_TITLES[(a + i + q) % len(ITEM_TITLES)]} ({a + 1}-{i + 1}-{q + 1})",
                    item_type="number",
                    weight=1 + (q % 2),
                    standard=10.0 + q * 5,
                    direction="lower" if (a + q) % 5 == 0 else "higher",
                )
                for q in range(profile.items)
            ]
            indicators.append(IndicatorSpec(f"a{a}i{i}", f"شاخص {i + 1} محور {a + 1}", 1.0, items))
        axes.append(AxisSpec(f"a{a}", f"محور {a + 1}", 1.0 + a % 3, indicators))
    return axes


def _rounds(profile: Profile, units: list[int], out: Output) -> Round:
    hq = Organization.objects.get(code=f"{PREFIX}m-{MINISTRIES[0][0]}")
    version = framework_version_create(
        by=None,
        owner=hq,
        code=f"{PREFIX}national",
        title="چارچوب ملی ارزیابی ادارات شهرستان",
        axes=_framework_axes(profile),
    )
    items = list(version.items.order_by("id").values_list("id", "standard"))
    rng = random.Random(1403)
    quality = {unit: rng.uniform(0.3, 0.9) for unit in units}
    previous: Round | None = None
    start = dt.date(2019, 3, 21)
    now = timezone.now()
    for number in range(profile.rounds):
        due = start + dt.timedelta(days=182 * number)
        published = timezone.make_aware(dt.datetime.combine(due + dt.timedelta(days=60), dt.time(10)))
        round_ = Round.objects.create(
            office=hq,
            framework_version=version,
            previous_round=previous,
            code=f"{PREFIX}round-{number + 1}",
            title=f"دوره {number + 1} ارزیابی ملی",
            state=RoundState.PUBLISHED,
            self_assessment_due=due,
            finalized_at=published,
            published_at=published,
        )
        first_ru = (RoundUnit.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
        _bulk_insert(
            RoundUnit,
            ("id", "round_id", "unit_id", "strengths", "weaknesses", "band", "self_submitted_at"),
            ((first_ru + n, round_.pk, unit, "", "", "", published) for n, unit in enumerate(units)),
        )
        _reset_sequence(RoundUnit)
        improvement = 0.03 * number

        def answers(round_first: int = first_ru, lift: float = improvement) -> Iterable[tuple[Any, ...]]:
            for n, unit in enumerate(units):
                level = min(1.0, quality[unit] + lift)
                for column, (item_id, standard) in enumerate(items):
                    value = round((standard or 10) * (level + ((n * 31 + column * 17) % 13 - 6) / 40), 1)
                    yield (
                        round_first + n,
                        item_id,
                        AnswerSource.SELF,
                        None,
                        max(value, 0.0),
                        "",
                        False,
                        "",
                        "approved",
                        "",
                        "",
                        1,
                        now,
                        None,
                    )

        count = _bulk_insert(
            Answer,
            ("round_unit_id", "item_id", "source", "inspector_id", "value_number", "value_text",
             "is_not_applicable", "note", "review_status", "review_comment", "client_token", "version",
             "updated_at", "updated_by_id"),
            answers(),
        )  # fmt: skip
        started = time.perf_counter()
        round_rescore(round_=round_)
        out.write(
            f"  round {number + 1}: {len(units):,} units, {count:,} answers, scored in "
            f"{time.perf_counter() - started:.2f}s"
        )
        previous = round_
    assert previous is not None
    return previous


def _county_offices() -> list[tuple[int, str]]:
    return list(
        Organization.objects.filter(code__startswith=f"{PREFIX}o-").order_by("id").values_list("id", "county__name")
    )


def seed_scale(profile_name: str, out: Output) -> bool:
    """Build the profile's world; False when it is already there."""
    from hamafza.demo.scale_modules import seed_modules

    profile = PROFILES[profile_name]
    if not Province.objects.exists():
        # The world stands on Iran's real divisions: a fresh database gets them first.
        from hamafza.places.services import load_places

        load_places()
    if Organization.objects.filter(code=f"{PREFIX}m-{MINISTRIES[0][0]}").exists():
        # A world seeded before the engagement and voice parts existed gets them now; each part checks itself.
        with transaction.atomic():
            seed_modules(profile, _county_offices, out)
        out.write("the scale world is already there: nothing else added")
        return False
    started = time.perf_counter()
    with transaction.atomic():
        offices = _organizations(profile, out)
        units = offices[: profile.units]
        _rounds(profile, units, out)
        evaluator, _ = User.objects.get_or_create(
            username="scale_evaluator", defaults={"first_name": "ارزیاب", "last_name": "سنجش"}
        )
        evaluator.set_unusable_password()
        evaluator.save(update_fields=["password"])
        hq = Organization.objects.get(code=f"{PREFIX}m-{MINISTRIES[0][0]}")
        RoleGrant.objects.get_or_create(user=evaluator, role="evaluation_office", organization=hq)
        seed_modules(profile, _county_offices, out)
    settle(out)
    out.write(f"seed-scale {profile_name}: done in {time.perf_counter() - started:.1f}s")
    return True


def settle(out: Output) -> None:
    """Do at once what autovacuum does in its own time after a bulk load: PostgreSQL's ``VACUUM (ANALYZE)`` gives
    the planner its statistics and sets the visibility map that lets an index-only scan skip the table; SQLite's
    ``ANALYZE`` fills ``sqlite_stat1``.

    Without it a freshly seeded database is measured in a state no running server stays in: on a server with
    autovacuum off (as on the machines of docs/benchmarks.md) the evaluator's dashboard counted units by bitmap
    heap scans (11 ms) instead of index-only scans (5 ms), and rolled-back writes of the in-process figures
    leave dead rows behind. Inside a transaction (VACUUM cannot run there) only ANALYZE runs.
    """
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")
    out.write(f"vacuumed and analyzed in {time.perf_counter() - started:.1f}s")
