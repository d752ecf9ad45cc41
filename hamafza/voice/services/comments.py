"""Writing comments and ratings: the server-side checks, the automatic triage, and the flood guard."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from hamafza.core.audit import audit
from hamafza.core.errors import DomainError
from hamafza.moderation import triage
from hamafza.persian import normalize, to_latin_digits
from hamafza.voice.errors import CommentTooLong, TooManyComments
from hamafza.voice.models import COMMENT_LIMIT, Comment, CommentKind, CommentStatus, PublicPage, Rating
from hamafza.voice.services import search
from hamafza.voice.services.responses import response_open

# Visitors who are not signed in may send this many comments from one address in the window; beyond it the
# comment is refused. From this many on (signed in or not) a comment is held as a flood for a moderator.
ANONYMOUS_LIMIT = 3
FLOOD_HOLD = 6
WINDOW = timedelta(minutes=10)
NAME_LIMIT = 80


def address_hash(address: str) -> str:
    """A keyed hash of an address: enough to count a flood from it, without storing who sent what."""
    if not address:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def comment_length(text: str) -> int:
    """The length the 500-character limit counts: after normalization, as the text will be stored."""
    return len(normalize(text, multiline=True))


@transaction.atomic
def comment_create(
    *,
    page: PublicPage,
    text: str,
    kind: str = CommentKind.OPINION,
    author_name: str = "",
    parent: Comment | None = None,
    address: str = "",
    by: Any = None,
) -> Comment:
    if not page.is_public or not page.comments_open:
        raise DomainError("این صفحه نظر نمی‌پذیرد.")
    text = normalize(text, multiline=True)
    if not text:
        raise DomainError("متن نظر را بنویسید.")
    if len(text) > COMMENT_LIMIT:
        raise CommentTooLong(len(text), COMMENT_LIMIT)
    if kind not in CommentKind.values:
        raise DomainError("نوع نظر را از فهرست انتخاب کنید.")
    if parent is not None:
        if parent.page_id != page.pk or parent.status != CommentStatus.PUBLISHED:
            raise DomainError("نظری که به آن پاسخ می‌دهید پیدا نشد.")
        # Replies are one level deep: a reply to a reply joins the thread of the first comment.
        if parent.parent_id:
            parent = parent.parent
    signed_in = bool(getattr(by, "is_authenticated", False))
    hashed = address_hash(address)
    recent = 0
    if hashed:
        recent = Comment.objects.filter(address_hash=hashed, created_at__gte=timezone.now() - WINDOW).count()
        if not signed_in and recent >= ANONYMOUS_LIMIT:
            raise TooManyComments()
    # A reply is on the subject when it answers the comment above it, whatever the page says.
    context = f"{page.title}\n{page.text}\n{parent.text}" if parent is not None else f"{page.title}\n{page.text}"
    result = triage(text, context)
    rules = list(result.rules)
    if recent >= FLOOD_HOLD and "spam" not in rules:
        rules.append("spam")  # flooding from one address: a moderator looks before it is published
    comment = Comment.objects.create(
        page=page,
        parent=parent,
        author=by if signed_in else None,
        author_name=normalize(to_latin_digits(author_name))[:NAME_LIMIT] if author_name else "",
        kind=kind,
        text=text,
        status=CommentStatus.PENDING if rules else CommentStatus.PUBLISHED,
        held_rules=",".join(rules),
        address_hash=hashed,
    )
    audit(
        actor=by if signed_in else None,
        action="voice.comment.create",
        target=comment,
        data={"page": page.pk, "status": comment.status, "rules": rules},
    )
    if comment.status == CommentStatus.PUBLISHED:
        comment_published(comment)
    return comment


def comment_published(comment: Comment) -> None:
    """What follows publication: the search index, and for critique and suggestions the agency's case."""
    search.index_comment(comment)
    if comment.parent_id is None and comment.kind in (CommentKind.CRITIQUE, CommentKind.SUGGESTION):
        response_open(comment)


@transaction.atomic
def rating_set(*, page: PublicPage, stars: int, browser_key: str = "", by: Any = None) -> Rating:
    """One rating per person (or per browser for visitors); rating again changes it."""
    if not page.is_public:
        raise DomainError("این صفحه امتیاز نمی‌پذیرد.")
    try:
        stars = int(to_latin_digits(str(stars)))
    except ValueError:
        raise DomainError("امتیاز باید عددی از ۱ تا ۵ باشد.") from None
    if not 1 <= stars <= 5:
        raise DomainError("امتیاز باید عددی از ۱ تا ۵ باشد.")
    signed_in = bool(getattr(by, "is_authenticated", False))
    if not signed_in and not browser_key:
        raise DomainError("برای امتیاز دادن، مرورگر شما باید کوکی بپذیرد.")
    lookup = {"page": page, "user": by} if signed_in else {"page": page, "browser_key": browser_key}
    try:
        with transaction.atomic():
            rating, _ = Rating.objects.update_or_create(**lookup, defaults={"stars": stars})
    except IntegrityError:  # two clicks at once: the second one updates the first one's row
        rating = Rating.objects.get(**lookup)
        rating.stars = stars
        rating.save(update_fields=["stars", "updated_at"])
    audit(actor=by if signed_in else None, action="voice.rating.set", target=page, data={"stars": stars})
    return rating
