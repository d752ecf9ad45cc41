"""Writes of public pages: news and announcements, and the registry other modules put their pages in."""

from __future__ import annotations

from typing import Any

import nh3
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError, VersionConflict
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


def public_page_ensure(
    *,
    target: models.Model,
    organization: Organization,
    kind: str,
    title: str,
    url: str,
    text: str = "",
    is_public: bool = True,
    published_at: Any = None,
) -> PublicPage:
    """Register (or refresh) the public page of ``target`` — a news item, a published program, an evaluation
    result — so it can take comments and ratings and be found by search. Called by the module that owns
    ``target`` inside its own audited service; the page row itself is bookkeeping, not a decision."""
    content_type = ContentType.objects.get_for_model(target)
    was_public = (
        PublicPage.objects.filter(content_type=content_type, object_id=str(target.pk))
        .values_list("is_public", flat=True)
        .first()
    )
    page, _ = PublicPage.objects.update_or_create(
        content_type=content_type,
        object_id=str(target.pk),
        defaults={
            "organization": organization,
            "kind": kind,
            "title": normalize(title)[:300],
            "url": url,
            "text": normalize(text, multiline=True),
            "is_public": is_public,
            "published_at": published_at or (timezone.now() if is_public else None),
        },
    )
    if page.is_public:
        search.index_page(page)
        if was_public is False:
            # Hiding the page took its comments out of search too; back in public, they are found again.
            for comment in page.comments.filter(status=CommentStatus.PUBLISHED).select_related("page"):
                search.index_comment(comment)
    else:
        search.unindex_page(page)
    return page


def news_record_view(item: NewsItem) -> None:
    """One more view. A counter, not a decision: no audit entry, one UPDATE with no read."""
    NewsItem.objects.filter(pk=item.pk).update(view_count=F("view_count") + 1)
