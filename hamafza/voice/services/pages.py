"""Writes of public pages: news and announcements, and the registry other modules put their pages in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import nh3
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from hamafza.core.audit import audit
from hamafza.core.db.bulk import update_rows
from hamafza.core.errors import DomainError, VersionConflict
from hamafza.core.public_pages import PageSpec
from hamafza.organizations.models import Organization
from hamafza.persian import normalize
from hamafza.voice import permissions
from hamafza.voice.models import CommentStatus, NewsItem, PageKind, PublicPage
from hamafza.voice.services import search

# What a news body may keep: paragraphs, headings, lists, emphasis, quotes and links. Everything else —
# scripts, styles, event handlers, iframes — is removed by nh3 before the body is stored.
ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
FIRST_NEWS_CODE = 1001


def sanitize_body(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener noreferrer nofollow")


def plain_text(html: str) -> str:
    # Block ends become line breaks first, so paragraphs stay apart in the plain text.
    spaced = html.replace("</p>", "</p>\n").replace("<br>", "\n").replace("</li>", "</li>\n")
    return normalize(strip_tags(spaced), multiline=True)


def _check_publisher(organization: Organization, by: Any) -> None:
    if not permissions.can_publish(by, organization):
        raise DomainError("شما اجازه انتشار خبر برای این دستگاه را ندارید.")


@transaction.atomic
def news_create(
    *,
    organization: Organization,
    title: str,
    body: str,
    lead: str = "",
    kind: str = PageKind.NEWS,
    publish: bool = True,
    published_at: Any = None,
    by: Any,
) -> NewsItem:
    _check_publisher(organization, by)
    title = normalize(title)
    if not title:
        raise DomainError("عنوان خبر را بنویسید.")
    clean = sanitize_body(body)
    text = plain_text(clean)
    if not text:
        raise DomainError("متن خبر خالی است.")
    if kind not in (PageKind.NEWS, PageKind.ANNOUNCEMENT):
        raise DomainError("نوع خبر نامعتبر است.")
    # Codes are handed out in order under a lock on the table's rows (select_for_update on the max is not
    # portable); a unique constraint backs it, so a race fails loudly instead of duplicating a code.
    last = NewsItem.objects.select_for_update().aggregate(top=Max("code"))["top"]
    item = NewsItem.objects.create(
        organization=organization,
        kind=kind,
        code=(last or FIRST_NEWS_CODE - 1) + 1,
        title=title,
        lead=normalize(lead, multiline=True),
        body=clean,
        body_text=text,
        created_by=by if getattr(by, "pk", None) else None,
    )
    audit(actor=by, action="voice.news.create", target=item, data={"organization": organization.pk})
    if publish:
        news_publish(item=item, published_at=published_at, by=by)
    return item


@transaction.atomic
def news_update(*, item: NewsItem, title: str, body: str, lead: str = "", version: int, by: Any) -> NewsItem:
    _check_publisher(item.organization, by)
    updated = NewsItem.objects.filter(pk=item.pk, version=version).update(version=F("version") + 1)
    if not updated:
        raise VersionConflict()
    item.refresh_from_db()
    item.title = normalize(title) or item.title
    item.lead = normalize(lead, multiline=True)
    item.body = sanitize_body(body)
    item.body_text = plain_text(item.body)
    item.save()
    audit(actor=by, action="voice.news.update", target=item)
    if item.page_id:
        _sync_news_page(item)
    return item


def _sync_news_page(item: NewsItem) -> PublicPage:
    page = public_page_ensure(
        target=item,
        organization=item.organization,
        kind=item.kind,
        title=item.title,
        url=reverse("voice:news_detail", args=[item.code]),
        text=f"{item.lead}\n{item.body_text}".strip(),
        is_public=item.published_at is not None,
        published_at=item.published_at,
    )
    if item.page_id != page.pk:
        NewsItem.objects.filter(pk=item.pk).update(page=page)
        item.page = page
    return page


@transaction.atomic
def news_publish(*, item: NewsItem, published_at: Any = None, by: Any) -> NewsItem:
    _check_publisher(item.organization, by)
    item.published_at = published_at or timezone.now()
    NewsItem.objects.filter(pk=item.pk).update(published_at=item.published_at)
    _sync_news_page(item)
    audit(actor=by, action="voice.news.publish", target=item)
    return item


def public_page_ensure(**fields: Any) -> PublicPage:
    """Register (or refresh) the public page of ``target`` — a news item, a published program, an evaluation
    result — so it can take comments and ratings and be found by search. Called by the module that owns
    ``target`` inside its own audited service; the page row itself is bookkeeping, not a decision. Takes the
    fields of ``PageSpec`` by name."""
    return public_pages_ensure([PageSpec(**fields)])[0]


PAGE_BATCH = 500
_PAGE_FIELDS = ["organization", "kind", "title", "url", "text", "is_public", "published_at"]


def public_pages_ensure(specs: Sequence[PageSpec]) -> list[PublicPage]:
    """``public_page_ensure`` for many targets at once, one page per spec in order.

    A national round's publication announces 3,101 pages (its ranking and every unit's result): a page at a
    time that was 40,000 statements and 40 s inside the publishing request. Here each batch of ``PAGE_BATCH``
    costs a fixed handful: read the existing pages, one bulk insert, one bulk update, and the same for their
    search entries.
    """
    pages: list[PublicPage] = []
    for start in range(0, len(specs), PAGE_BATCH):
        pages += _ensure_batch(specs[start : start + PAGE_BATCH])
    return pages


def _values(page: PublicPage) -> tuple[Any, ...]:
    return tuple(getattr(page, field if field != "organization" else "organization_id") for field in _PAGE_FIELDS)


def _ensure_batch(specs: Sequence[PageSpec]) -> list[PublicPage]:
    now = timezone.now()
    keys = [(ContentType.objects.get_for_model(spec.target).pk, str(spec.target.pk)) for spec in specs]
    ids_by_type: dict[int, list[str]] = {}
    for type_id, object_id in keys:
        ids_by_type.setdefault(type_id, []).append(object_id)
    query = Q(pk__in=[])
    for type_id, object_ids in ids_by_type.items():
        query |= Q(content_type_id=type_id, object_id__in=object_ids)
    existing = {(page.content_type_id, page.object_id): page for page in PublicPage.objects.filter(query)}
    was_public = {key: page.is_public for key, page in existing.items()}
    before = {key: _values(page) for key, page in existing.items()}
    chosen: dict[tuple[int, str], PublicPage] = {}
    for key, spec in zip(keys, specs, strict=True):
        page = chosen.get(key) or existing.get(key) or PublicPage(content_type_id=key[0], object_id=key[1])
        page.organization = spec.organization
        page.kind = spec.kind
        page.title = normalize(spec.title)[:300]
        page.url = spec.url
        page.text = normalize(spec.text, multiline=True)
        if spec.published_at or not spec.is_public:
            page.published_at = spec.published_at
        elif not (page.is_public and page.published_at):
            page.published_at = now  # a page already public keeps the moment it went public
        page.is_public = spec.is_public
        chosen[key] = page
    fresh = [page for page in chosen.values() if page.pk is None]
    PublicPage.objects.bulk_create(fresh)
    # Only the pages that differ are written (announcing a round again rewrites nothing), in one statement.
    changed = [page for key, page in chosen.items() if key in existing and _values(page) != before[key]]
    update_rows(PublicPage, changed, _PAGE_FIELDS)
    search.index_pages([page for page in chosen.values() if page.is_public])
    search.unindex_pages([page for key, page in chosen.items() if key in existing and not page.is_public])
    for key, page in chosen.items():
        if page.is_public and was_public.get(key) is False:
            # Hiding the page took its comments out of search too; back in public, they are found again.
            for comment in page.comments.filter(status=CommentStatus.PUBLISHED).select_related("page"):
                search.index_comment(comment)
    return [chosen[key] for key in keys]


VIEW_FLUSH = 20


def _views_key(code: int) -> str:
    return f"voice:news-views:{code}"


def news_record_view(code: int) -> None:
    """One more view of a published news item. A counter, not a decision: no audit entry.

    Without Redis, one UPDATE with no read. With Redis (``HAMAFZA_BUFFER_VIEWS``), views are counted there and
    written to the row ``VIEW_FLUSH`` at a time: every view of a busy page was an UPDATE of one hot row, its
    lock and its commit, which took a third of the time of serving that page from the cache (docs/benchmarks.md).
    Redis's INCR gives each caller its own number, so exactly one caller sees ``VIEW_FLUSH`` and writes it;
    at most ``VIEW_FLUSH - 1`` views an item wait in Redis, and ``with_pending_views`` adds them to what is shown.
    """
    published = NewsItem.objects.filter(code=code, published_at__isnull=False)
    if not settings.HAMAFZA_BUFFER_VIEWS:
        published.update(view_count=F("view_count") + 1)
        return
    key = _views_key(code)
    try:
        count = cache.incr(key)
    except ValueError:  # the first view since the last restart of Redis: one more round trip, once
        cache.add(key, 0, timeout=None)
        count = cache.incr(key)
    if count == VIEW_FLUSH:
        cache.decr(key, VIEW_FLUSH)
        published.update(view_count=F("view_count") + VIEW_FLUSH)


def with_pending_views(items: Sequence[NewsItem]) -> Sequence[NewsItem]:
    """Add to each item's ``view_count`` (in memory) the views still waiting in Redis: one read for them all."""
    if settings.HAMAFZA_BUFFER_VIEWS and items:
        pending = cache.get_many([_views_key(item.code) for item in items])
        for item in items:
            item.view_count += max(int(pending.get(_views_key(item.code)) or 0), 0)
    return items
