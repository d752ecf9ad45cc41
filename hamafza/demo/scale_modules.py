"""The engagement and voice parts of ``hamafza seed-scale``: stakeholders, activities, news pages and comments.

The national profile holds 60,000 stakeholders, 500,000 activities and 1,000,000 comments. Texts are realistic
Persian sentences typed the way people type them — Arabic ي and ك, a space or nothing where a ZWNJ belongs, Latin
digits — and then stored the way the services store them (normalized; the search terms from the one analyzer).
Distinct texts are few thousand, so each is normalized and analyzed once and reused. Rows go in with the bulk
writer of ``scale`` (COPY on PostgreSQL); the full-text index is built once after the load, not row by row.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.db.models import Max
from django.utils import timezone

from hamafza.accounts.models import User
from hamafza.engagement.models import Activity, ActivityKind, Stakeholder, StakeholderKind
from hamafza.persian import index_terms, normalize
from hamafza.places.models import County, Province
from hamafza.voice.models import Comment, CommentKind, CommentStatus, NewsItem, PageKind, PublicPage, SearchEntry

if TYPE_CHECKING:
    from hamafza.demo.scale import Profile
    from hamafza.demo.world import Output

SEED_USER = "scale_seed"
FTS_TABLE = "voice_search_fts"
GIN_INDEX = "voice_searchentry_tsv_gin"

STAKEHOLDER_FORMS = (
    (StakeholderKind.NGO, "انجمن حمایت از کودکان کار {place}"),
    (StakeholderKind.NGO, "مؤسسه خیریه مهر {place}"),
    (StakeholderKind.NGO, "جمعیت زنان کارآفرین {place}"),
    (StakeholderKind.NGO, "کانون سمن‌های محیط زیستی {place}"),
    (StakeholderKind.NGO, "انجمن پیشگیری از آسیب‌های اجتماعی {place}"),
    (StakeholderKind.NGO, "سازمان مردم‌نهاد توان‌یابان {place}"),
    (StakeholderKind.MEDIA, "هفته‌نامه محلی {place}"),
    (StakeholderKind.REFERENCE_GROUP, "شورای معتمدان محله‌های {place}"),
    (StakeholderKind.INVESTOR, "شرکت سرمایه‌گذاری توسعه {place}"),
    (StakeholderKind.ENTREPRENEUR, "تعاونی تولیدی روستایی {place}"),
    (StakeholderKind.ACADEMIC, "اندیشکده توسعه منطقه‌ای {place}"),
    (StakeholderKind.CRITIC, "گروه داوطلبان پایش خدمات عمومی {place}"),
)

ACTIVITY_TITLES = (
    "نشست هم‌اندیشی با سمن‌های {place}",
    "جلسه مشترک با معتمدان محلی {place}",
    "کارگاه آموزشی مشارکت اجتماعی در {place}",
    "همایش سالانه سازمان‌های مردم‌نهاد {place}",
    "مشورت تخصصی درباره کاهش آسیب‌های اجتماعی {place}",
    "نشست گزارش‌دهی عملکرد به شهروندان {place}",
)
ACTIVITY_KINDS = (
    ActivityKind.MEETING,
    ActivityKind.JOINT_SESSION,
    ActivityKind.TRAINING,
    ActivityKind.CONFERENCE,
    ActivityKind.CONSULTATION,
    ActivityKind.MEETING,
)

NEWS_TITLES = (
    "گزارش عملکرد {days} روزه اداره {place} در پاسخ‌گویی به درخواست‌های مردمی",
    "برگزاری نشست مشترک مدیران {place} با سازمان‌های مردم‌نهاد",
    "اعلام نتایج ارزیابی عملکرد دستگاه‌های اجرایی {place}",
    "آغاز طرح بهسازی سکونتگاه‌های غیررسمی در {place}",
    "فراخوان مشارکت شهروندان {place} در تدوین برنامه توسعه محلی",
)

COMMENT_FORMS = (
    (CommentKind.CRITIQUE, "پاسخ درخواست ما بعد از {days} روز هنوز نیامده است. سازمان های مردم نهاد {place} منتظرند."),
    (CommentKind.SUGGESTION, "پیشنهاد میکنم جلسات با سمنها در {place} ماهانه برگزار شود و صورتجلسه منتشر شود."),
    (CommentKind.OPINION, "از پیگیری بازرسان در {place} سپاسگزاریم؛ وضعیت خدمات در {days} روز گذشته بهتر شده است."),
    (CommentKind.QUESTION, "آیا نتایج ارزیابی سال 1404 برای ادارات {place} هم منتشر می‌شود؟"),
    (CommentKind.CRITIQUE, "مشکل جمع آوری پسماند در محله های حاشیه {place} هنوز حل نشده است."),
    (CommentKind.OPINION, "حضور نمایندگان سازمانهای مردمنهاد در میز تخصصی {place} اتفاق خوبی است."),
    (CommentKind.SUGGESTION, "برای اشتغال جوانان {place} از ظرفیت گردشگری روستایی استفاده شود."),
    (CommentKind.CRITIQUE, "زمان پاسخگویی اداره {place} به شکایتها طولانی است؛ {days} روز منتظر ماندیم."),
)


def _roll(n: int) -> float:
    """A fixed pseudo-random share for row n: the same on every run and on every pass over the rows."""
    return ((n * 2654435761) % 4294967296) / 4294967296


def _typed(text: str, roll: float) -> str:
    """The text as someone would type it: Arabic letters, a missing or spaced ZWNJ (digits stay Latin)."""
    if roll < 0.2:
        text = text.replace("ی", "ي").replace("ک", "ك")
    elif roll < 0.35:
        text = text.replace("\u200c", " ")
    elif roll < 0.45:
        text = text.replace("\u200c", "")
    return text


def bulk_models(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Bulk-insert dicts of field values; a field not given takes its default (or NULL)."""
    from hamafza.demo.scale import _bulk_insert

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return 0
    if "id" in first:
        fields = [model._meta.pk, *fields]
    defaults = {f.attname: f.get_default() for f in fields}

    def values(row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(row[f.attname] if f.attname in row else defaults[f.attname] for f in fields)

    def every() -> Iterator[tuple[Any, ...]]:
        yield values(first)
        for row in iterator:
            yield values(row)

    return _bulk_insert(model, [f.column for f in fields], every())


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1


def _seed_user() -> User:
    user, _ = User.objects.get_or_create(username=SEED_USER, defaults={"first_name": "داده", "last_name": "سنجش"})
    return user


def _places(profile: Profile) -> list[tuple[int, int, str]]:
    provinces = list(Province.objects.order_by("id").values_list("id", flat=True))
    if profile.provinces is not None:
        provinces = provinces[: profile.provinces]
    return list(County.objects.filter(province__in=provinces).order_by("id").values_list("province_id", "id", "name"))


def stakeholders(profile: Profile, out: Output) -> None:
    from hamafza.demo.scale import _reset_sequence

    seed = _seed_user()
    places = _places(profile)
    if not places or Stakeholder.objects.filter(created_by=seed).exists():
        return
    now = timezone.now()
    first = _next_id(Stakeholder)

    def rows() -> Iterator[dict[str, Any]]:
        for n in range(profile.stakeholders):
            _, _, county = places[n % len(places)]
            kind, form = STAKEHOLDER_FORMS[(n // len(places)) % len(STAKEHOLDER_FORMS)]
            # A number keeps two forms in one county apart, as registered names are.
            name = _typed(form.format(place=county), _roll(n)) + f" {n // (len(places) * len(STAKEHOLDER_FORMS)) + 1}"
            item = Stakeholder(kind=kind, name=name, description=f"فعال در {county}", created_by=seed)
            item.fill_keys()
            yield {
                "id": first + n,
                "created_at": now,
                "updated_at": now,
                "kind": kind,
                "name": item.name,
                "registration_number": f"9{n:010d}",
                "description": item.description,
                "volunteers": 5 + n % 200,
                "verification": "verified",
                "name_key": item.name_key,
                "compact_key": item.compact_key,
                "sort_key": item.sort_key,
                "text_key": item.text_key,
                "created_by_id": seed.pk,
            }

    count = bulk_models(Stakeholder, rows())
    _reset_sequence(Stakeholder)
    through = Stakeholder.provinces.through
    bulk_models(
        through,
        ({"stakeholder_id": first + n, "province_id": places[n % len(places)][0]} for n in range(profile.stakeholders)),
    )
    through = Stakeholder.counties.through
    bulk_models(
        through,
        ({"stakeholder_id": first + n, "county_id": places[n % len(places)][1]} for n in range(profile.stakeholders)),
    )
    out.write(f"  stakeholders: {count:,}")


def activities(profile: Profile, organizations: list[tuple[int, str]], out: Output) -> None:
    seed = _seed_user()
    if not organizations or Activity.objects.filter(created_by=seed).exists():
        return
    start = timezone.make_aware(dt.datetime(2023, 3, 21, 9))
    now = timezone.now()

    def rows() -> Iterator[dict[str, Any]]:
        for n in range(profile.activities):
            org_id, place = organizations[n % len(organizations)]
            kind = n % len(ACTIVITY_TITLES)
            begins = start + dt.timedelta(days=(n * 7) % 1400, hours=n % 6)
            yield {
                "organization_id": org_id,
                "kind": ACTIVITY_KINDS[kind],
                "title": ACTIVITY_TITLES[kind].format(place=place),
                "starts_at": begins,
                "ends_at": begins + dt.timedelta(hours=2),
                "place": "سالن جلسات",
                "created_by_id": seed.pk,
                "created_at": now,
            }

    count = bulk_models(Activity, rows())
    out.write(f"  activities: {count:,}")


class _Texts:
    """Each distinct typed text is normalized and analyzed once."""

    def __init__(self) -> None:
        self.cache: dict[str, tuple[str, str]] = {}

    def __call__(self, typed: str) -> tuple[str, str]:
        found = self.cache.get(typed)
        if found is None:
            text = normalize(typed, multiline=True)
            found = self.cache[typed] = (text, " ".join(index_terms(text)))
        return found


def _drop_fulltext() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


def _build_fulltext(first_entry: int) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The rows' deferred foreign-key checks run now: PostgreSQL builds no index over pending ones.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON voice_searchentry USING gin (search_tsv)")
            cursor.execute("ANALYZE voice_searchentry")
        elif connection.vendor == "sqlite":
            table = SearchEntry._meta.db_table
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, terms) SELECT id, terms FROM {table} WHERE id >= %s",  # noqa: S608
                [first_entry],
            )


def news_and_comments(profile: Profile, organizations: list[tuple[int, str]], out: Output) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    from hamafza.demo.scale import _reset_sequence

    seed = _seed_user()
    if not organizations or NewsItem.objects.filter(created_by=seed).exists():
        return
    rng = random.Random(1405)
    texts = _Texts()
    now = timezone.now()
    news_type = ContentType.objects.get_for_model(NewsItem)
    first_news, first_page, first_entry = _next_id(NewsItem), _next_id(PublicPage), _next_id(SearchEntry)
    first_code = max(NewsItem.objects.aggregate(m=Max("code"))["m"] or 0, 100_000) + 1
    published = [now - dt.timedelta(days=profile.news - n) for n in range(profile.news)]
    pages: list[dict[str, Any]] = []
    news: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for n in range(profile.news):
        org_id, place = organizations[(n * 37) % len(organizations)]
        title, terms_title = texts(NEWS_TITLES[n % len(NEWS_TITLES)].format(place=place, days=30 + n % 60))
        body = f"به گزارش روابط عمومی، {title}. شهروندان می‌توانند نظر خود را در همین صفحه بنویسند."
        body, terms = texts(body)
        code = first_code + n
        pages.append(
            {
                "id": first_page + n,
                "kind": PageKind.NEWS,
                "content_type_id": news_type.pk,
                "object_id": str(first_news + n),
                "organization_id": org_id,
                "title": title,
                "url": reverse("voice:news_detail", args=[code]),
                "text": body,
                "is_public": True,
                "comments_open": True,
                "published_at": published[n],
            }
        )
        news.append(
            {
                "id": first_news + n,
                "created_at": published[n],
                "updated_at": published[n],
                "organization_id": org_id,
                "kind": PageKind.NEWS,
                "code": code,
                "title": title,
                "body": f"<p>{body}</p>",
                "body_text": body,
                "published_at": published[n],
                "page_id": first_page + n,
                "created_by_id": seed.pk,
            }
        )
        entries.append(
            {
                "id": first_entry + n,
                "page_id": first_page + n,
                "title": title,
                "body": body,
                "terms": f"{terms_title} {terms}",
                "published_at": published[n],
            }
        )
    bulk_models(PublicPage, pages)
    bulk_models(NewsItem, news)
    _drop_fulltext()
    bulk_models(SearchEntry, entries)
    first_comment = _next_id(Comment)
    entry_start = first_entry + profile.news

    # Threads are uneven, as on a real site: every tenth news item draws ten times the comments.
    weights = [10 if n % 10 == 0 else 1 for n in range(profile.news)]
    pages_of = rng.choices(range(profile.news), weights=weights, k=profile.comments)

    def comment_rows() -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        for n in range(profile.comments):
            page = pages_of[n]
            _, place = organizations[(page * 37) % len(organizations)]
            kind, form = COMMENT_FORMS[(n + page) % len(COMMENT_FORMS)]
            text, terms = texts(_typed(form.format(place=place, days=5 + n % 40), _roll(n)))
            created = published[page] + dt.timedelta(minutes=1 + n % 5000)
            comment = {
                "id": first_comment + n,
                "page_id": first_page + page,
                "author_name": "شهروند",
                "kind": kind,
                "text": text,
                "status": CommentStatus.PUBLISHED,
                "created_at": created,
                "decided_at": created,
            }
            entry = {
                "id": entry_start + n,
                "page_id": first_page + page,
                "comment_id": first_comment + n,
                "title": pages[page]["title"],
                "body": text,
                "terms": terms,
                "published_at": created,
            }
            yield comment, entry

    bulk_models(Comment, (comment for comment, _ in comment_rows()))
    bulk_models(SearchEntry, (entry for _, entry in comment_rows()))
    _build_fulltext(first_entry)
    for model in (PublicPage, NewsItem, Comment, SearchEntry):
        _reset_sequence(model)
    out.write(f"  news pages: {profile.news:,}, comments: {profile.comments:,} ({len(texts.cache):,} distinct texts)")


def seed_modules(profile: Profile, organizations: Callable[[], list[tuple[int, str]]], out: Output) -> None:
    orgs = organizations()
    stakeholders(profile, out)
    activities(profile, orgs, out)
    news_and_comments(profile, orgs, out)
    if connection.vendor == "postgresql":
        # Fresh statistics after a bulk load: the planner's row estimates, and the lists' estimated counts
        # (pg_class.reltuples, see hamafza.core.paging), would otherwise wait for autovacuum.
        with connection.cursor() as cursor:
            for model in (Stakeholder, Stakeholder.domains.through, Stakeholder.provinces.through, Activity):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
