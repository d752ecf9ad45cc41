"""The figures of ``hamafza bench``: each a dict ``{"figure", "value", "unit", "target", "met"}``.

In-process figures run inside a transaction that is rolled back, so the bench leaves the database as it found it
(apart from seeding the profile when it is missing, which is the point of ``seed-scale``).
"""

from __future__ import annotations

import io
import os
import platform
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db import connection, models, transaction
from django.test.utils import CaptureQueriesContext

from hamafza import analytics
from hamafza.accounts.models import User
from hamafza.demo.scale import PREFIX, seed_scale
from hamafza.engagement.models import Stakeholder
from hamafza.evaluation.framework_io import framework_to_xlsx, parse_framework_xlsx
from hamafza.evaluation.models import ChecklistItem, Round, RoundUnit
from hamafza.evaluation.services.frameworks import framework_version_create
from hamafza.evaluation.services.scoring import round_rescore
from hamafza.organizations.models import DomainTag, Organization, RoleGrant
from hamafza.organizations.selectors import organization_list
from hamafza.places.models import County

if TYPE_CHECKING:
    from hamafza.demo.world import Output

ROOT = Path(__file__).resolve().parents[2]
Figure = dict[str, Any]


def figure(name: str, value: float, unit: str, target: str, met: bool | None) -> Figure:
    return {"figure": name, "value": round(value, 4), "unit": unit, "target": target, "met": met}


def vendor() -> str:
    return f"{connection.vendor}, {os.cpu_count()} cores, Python {platform.python_version()}"


class _Rollback(Exception):
    pass


@contextmanager
def rolled_back() -> Iterator[None]:
    try:
        with transaction.atomic():
            yield
            raise _Rollback
    except _Rollback:
        pass


def _timed(function: Callable[[], Any]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def largest_round() -> Round:
    return Round.objects.filter(code__startswith=PREFIX).order_by("-id").first()  # type: ignore[return-value]


def _naive_rescore(round_: Round, limit: int) -> tuple[float, int]:
    """What scoring looks like written the obvious way: a query per unit, a Python loop per answer, a save each."""
    items = {
        item.pk: item
        for item in ChecklistItem.objects.filter(indicator__axis__version=round_.framework_version).select_related(
            "indicator__axis"
        )
    }
    units = list(RoundUnit.objects.filter(round=round_).order_by("id")[:limit])
    started = time.perf_counter()
    for round_unit in units:
        earned = weight_sum = 0.0
        for answer in round_unit.answers.all():
            item = items[answer.item_id]
            achieved = analytics.leaf_achievement(
                answer.value_number, item.standard or 1.0, higher_is_better=item.direction != "lower"
            )
            if achieved is None:
                continue
            weight = item.weight * item.indicator.weight * item.indicator.axis.weight
            earned += weight * achieved
            weight_sum += weight
        round_unit.total = 1000 * earned / weight_sum if weight_sum else None
        round_unit.save(update_fields=["total"])
    return time.perf_counter() - started, len(units)


def scoring_figures() -> list[Figure]:
    round_ = largest_round()
    units = RoundUnit.objects.filter(round=round_).count()
    items = ChecklistItem.objects.filter(indicator__axis__version=round_.framework_version).count()
    times = []
    with rolled_back():
        for _ in range(3):
            with CaptureQueriesContext(connection) as queries:
                times.append(_timed(lambda: round_rescore(round_=round_)))
    best = min(times)
    with rolled_back():
        naive, sampled = _naive_rescore(round_, limit=min(units, 300))
    naive_full = naive / max(sampled, 1) * units
    return [
        figure(f"re-score and rank {units:,} units × {items} items", best, "s", "≤ 1.5", best <= 1.5),
        figure("re-score queries", len(queries), "queries", "fixed", None),
        figure(
            f"speed-up over a naive ORM loop (timed on {sampled} units)",
            naive_full / best,
            "×",
            "≥ 30",
            naive_full / best >= 30,
        ),
    ]


def bench_admin() -> User:
    user, _ = User.objects.get_or_create(username="scale_admin", defaults={"first_name": "مدیر", "last_name": "سنجش"})
    RoleGrant.objects.get_or_create(user=user, role="system_admin", organization=None)
    return user


def _variants(name: str) -> list[str]:
    return [
        name.replace("ی", "ي").replace("ک", "ك"),
        name.replace("\u200c", " "),
        name.replace("\u200c", ""),
        name.replace("ه", "ة") if name.endswith("ه") else name,
    ]


def search_figures() -> list[Figure]:
    admin = bench_admin()
    total = Organization.objects.count()
    sample = list(
        Organization.objects.filter(code__startswith=PREFIX + "o-").order_by("id")[:: max(1, total // 60)][:50]
    )
    latencies = []
    for org in sample:
        term = org.name.split(" شهرستان ")[-1]  # e.g. a county's name: matches its ~30 offices
        started = time.perf_counter()
        qs = organization_list(user=admin, q=term)
        list(qs[:25])
        qs.count()
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    found = checked = 0
    for org in sample[:20]:
        for variant in _variants(org.name):
            checked += 1
            found += organization_list(user=admin, q=variant).filter(pk=org.pk).exists()
    recall = found / checked if checked else 0.0
    return [
        figure(f"organization search p95 over {total:,} organizations", p95, "ms", "≤ 50", p95 <= 50),
        figure("organization search: spelling-variant recall", recall, "share", "= 1", recall == 1.0),
    ]


COMMENT_QUERIES = (
    ("سازمان‌های مردم‌نهاد", ("سازمانهای مردمنهاد", "سازمان هاي مردم نهاد", "مردم‌نهاد")),
    ("پسماند", ("پسماند",)),
    ("پاسخگویی", ("پاسخ‌گویی", "پاسخ گويي")),
    ("۱۴۰۴", ("1404",)),
    ("جمع‌آوری پسماند", ("جمع آوري پسماند", "جمعآوری پسماند")),
)


def comment_search_figures() -> list[Figure]:
    """Voice's full-text search (FTS5 / PostgreSQL GIN over the analyzer's terms) over every published comment:
    p95 of a first page of results, and whether each spelling variant finds what the canonical spelling finds."""
    from hamafza.voice.models import SearchEntry
    from hamafza.voice.services.search import search

    total = SearchEntry.objects.filter(comment__isnull=False).count()
    if not total:
        return []
    latencies = []
    for _ in range(10):
        for canonical, variants in COMMENT_QUERIES:
            for query in (canonical, *variants):
                started = time.perf_counter()
                search(query)
                latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    # A variant recalls when it finds the same comments as the canonical spelling (the same count, and the
    # canonical's first page among its own matches); the order of equally good hits may differ.
    found = checked = 0
    for canonical, variants in COMMENT_QUERIES:
        expected = search(canonical, per_page=10)
        for variant in variants:
            checked += 1
            got = search(variant, per_page=1000)
            ids = {hit.entry.pk for hit in got.hits}
            found += (
                bool(expected.total) and got.total == expected.total and {hit.entry.pk for hit in expected.hits} <= ids
            )
    recall = found / checked if checked else 0.0
    return [
        figure(f"comment search p95 over {total:,} comments", p95, "ms", "≤ 50", p95 <= 50),
        figure("comment search: spelling-variant recall", recall, "share", "= 1", recall == 1.0),
    ]


def import_figures(items: int = 2000) -> list[Figure]:
    from hamafza.demo.scale import Profile, _framework_axes

    per_indicator = 4
    indicators = 10
    axes = max(1, items // (per_indicator * indicators))
    spec = _framework_axes(Profile(None, 0, 0, axes, indicators, per_indicator, 0))
    hq = Organization.objects.filter(code__startswith=PREFIX + "m-").first()
    with rolled_back():
        version = framework_version_create(by=None, owner=hq, code="bench-import-src", title="سنجش", axes=spec)
        sheet = framework_to_xlsx(version)
        count = version.items.count()
        started = time.perf_counter()
        parsed = parse_framework_xlsx(io.BytesIO(sheet))
        framework_version_create(by=None, owner=hq, code="bench-import", title="سنجش", axes=parsed)
        elapsed = time.perf_counter() - started
    rate = count / elapsed if elapsed else 0.0
    return [figure(f"framework import ({count:,} rows)", rate, "rows/s", "≥ 2,000", rate >= 2000)]


EXISTING_NGO = "جمعیت یاری‌گران خانواده شیراز"


def stakeholder_sheet(rows: int = 5000, *, province: str = "", county: str = "") -> bytes:
    """Issue 8's acceptance sheet: ``rows`` stakeholders, 3 broken rows and 2 duplicates — one repeats
    ``EXISTING_NGO`` written with Arabic ي and without its ZWNJ, one repeats a registration number in the file."""
    from openpyxl import Workbook

    from hamafza.engagement.services.sheets import COLUMNS

    domains = list(DomainTag.objects.order_by("id").values_list("name", flat=True)[:5]) or [""]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([label for _, label in COLUMNS])
    for i in range(rows):
        row = {
            "name": f"انجمن سنجش خدمات اجتماعی شماره {i}",
            "kind": "سمن",
            "registration_number": str(700000 + i),
            "domains": "، ".join(dict.fromkeys([domains[i % len(domains)], domains[(i + 1) % len(domains)]])),
            "province": province,
            "county": county if i % 2 else "",
            "description": "فعالیت در پیشگیری از آسیب‌های اجتماعی و توانمندسازی خانواده‌ها.",
            "volunteers": "۱۲",
            "contact_name": "رابط انجمن",
            "contact_mobile": "۰۹۱۷۱" + f"{i:06d}",
        }
        if i == 10:
            row["name"] = ""  # broken: no name
        elif i == 20:
            row["province"] = "استان ناموجود"  # broken: unknown province
        elif i == 30:
            row["contact_mobile"] = "۱۲۳"  # broken: not a mobile
        elif i == 40:
            row["name"], row["registration_number"] = "جمعيت ياريگران خانواده شيراز", ""
        elif i == 50:
            row["registration_number"] = str(700000 + 49)
        sheet.append([row.get(key, "") for key, _ in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def stakeholder_import_figures(rows: int = 5000) -> list[Figure]:
    """Preview and confirm of issue 8's 5,000-row sheet, wall-clock, inside a rolled-back transaction."""
    from hamafza.engagement.services.importing import analyze, import_commit
    from hamafza.engagement.services.stakeholders import StakeholderData, stakeholder_create

    county = County.objects.select_related("province").order_by("id").first()
    content = stakeholder_sheet(
        rows, province=county.province.name if county else "", county=county.name if county else ""
    )
    with rolled_back():
        if not Stakeholder.objects.filter(name=EXISTING_NGO).exists():
            stakeholder_create(data=StakeholderData(name=EXISTING_NGO), by=None)
        started = time.perf_counter()
        preview = analyze(content, "bench.xlsx")
        previewed = time.perf_counter() - started
        started = time.perf_counter()
        result = import_commit(content=content, filename="bench.xlsx", by=None)
        committed = time.perf_counter() - started
    created = len(result.good)
    shape_ok = len(preview.errors) == 3 and len(preview.duplicates) == 2 and created == rows - 5
    preview_rate = rows / previewed if previewed else 0.0
    rate = created / committed if committed else 0.0
    return [
        figure(f"stakeholder import preview ({rows:,} rows)", preview_rate, "rows/s", "≥ 2,000", preview_rate >= 2000),
        figure(
            f"stakeholder import confirm ({created:,} created, 3 errors, 2 duplicates)",
            rate,
            "rows/s",
            "≥ 2,000",
            rate >= 2000 and shape_ok,
        ),
    ]


def triage_figures(comments: int = 5000) -> list[Figure]:
    """Moderation's triage of a new comment (every rule, the page's text as the subject), in comments per second of
    one core's CPU time, over the newest seeded comments; each text is made distinct so that the per-word caches
    help as they would in production but do not do all the work."""
    from hamafza.moderation import triage
    from hamafza.voice.models import Comment

    rows = list(Comment.objects.order_by("-pk").values_list("text", "page__title", "page__text")[:comments])
    if not rows:
        return []
    texts = [(f"{text} {n}", f"{title}\n{body}") for n, (text, title, body) in enumerate(rows)]
    started = time.process_time()
    for text, page in texts:
        triage(text, page)
    elapsed = time.process_time() - started
    rate = len(texts) / elapsed if elapsed else 0.0
    return [figure(f"comment triage ({len(texts):,} comments, one core)", rate, "comments/s", "≥ 5,000", rate >= 5000)]


def alignment_figures() -> list[Figure]:
    """Which stakeholders are aligned with an agency (engagement.alignment) over the whole registry: the first view
    (the registry's term weights read, nothing cached) and the next ones. The agency is given the words and the
    domains the registry's stakeholders use most, inside a transaction that is rolled back."""
    from hamafza.engagement import alignment
    from hamafza.engagement.models import Verification

    registry = Stakeholder.objects.exclude(verification=Verification.REJECTED)
    total = registry.count()
    agency = Organization.objects.filter(code__startswith=PREFIX, kind="agency").order_by("id").first()
    description = registry.order_by("id").values_list("description", flat=True).first()
    if not total or agency is None or not description:
        return []
    through = Stakeholder.domains.through
    common = through.objects.values("domaintag_id").annotate(n=models.Count("id")).order_by("-n", "domaintag_id")
    with rolled_back():
        agency.mission = description
        agency.save()
        agency.tags.set(DomainTag.objects.filter(pk__in=[row["domaintag_id"] for row in common[:2]]))
        cache.delete(f"engagement:alignment-corpus:{alignment._registry_state(registry)}")
        first = _timed(lambda: alignment.aligned_stakeholders(agency))
        after = sorted(_timed(lambda: alignment.aligned_stakeholders(agency)) for _ in range(20))[18]
    return [
        figure(f"stakeholders aligned with an agency over {total:,} (first view)", first, "s", "reference", None),
        figure("stakeholders aligned with an agency, next views (p95)", after * 1000, "ms", "reference", None),
    ]


def in_process_figures(profile: str, out: Output, *, measure: bool = True) -> list[Figure]:
    seed_scale(profile, out)
    if not measure:
        return []
    figures = scoring_figures()
    out.write("scoring measured")
    figures += search_figures()
    figures += comment_search_figures()
    out.write("search measured")
    figures += triage_figures()
    out.write("triage measured")
    figures += import_figures()
    out.write("import measured")
    figures += stakeholder_import_figures()
    out.write("stakeholder import measured")
    figures += alignment_figures()
    out.write("alignment measured")
    return figures


def markdown(figures: list[Figure], *, vendor: str) -> str:
    lines = [f"\nHamafza benchmark — {vendor}\n", "| figure | value | unit | target | met |", "|---|---:|---|---|---|"]
    for f in figures:
        met = "—" if f["met"] is None else ("yes" if f["met"] else "NO")
        value = f"{f['value']:,.1f}" if isinstance(f["value"], float) else str(f["value"])
        lines.append(f"| {f['figure']} | {value} | {f['unit']} | {f['target']} | {met} |")
    return "\n".join(lines) + "\n"
