"""Reads of voice that are more than a get: comment threads, queues, and the transparency figures."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.utils import timezone

from hamafza.core.public_cache import generation
from hamafza.moderation import RULE_LABELS, RULES
from hamafza.organizations.models import Organization
from hamafza.voice.models import AgencyResponse, Comment, CommentStatus, PublicPage, Rating, ResponseStatus

THREAD_PAGE_SIZE = 30
TRANSPARENCY_TTL = 60


def thread(page: PublicPage, user: Any, number: Any = 1) -> DjangoPage:
    """One page of the top-level comments (newest first) with their published replies and the agency's answer:
    four queries (count, comments, replies, answers' organizations) however long the thread is — a news item with
    thousands of comments renders thirty of them, never all."""
    visible = Q(status=CommentStatus.PUBLISHED)
    if getattr(user, "is_authenticated", False):
        visible |= Q(author=user)
    replies = Comment.objects.filter(visible).select_related("author").order_by("created_at", "id")
    top = (
        Comment.objects.filter(visible, page=page, parent__isnull=True)
        .select_related("author", "response__organization")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="visible_replies"))
        .order_by("-created_at", "-id")
    )
    return Paginator(top, THREAD_PAGE_SIZE).get_page(number)


def rating_summary(page: PublicPage) -> dict[str, Any]:
    summary = Rating.objects.filter(page=page).aggregate(average=Avg("stars"), count=Count("id"))
    return {"average": summary["average"], "count": summary["count"]}


def queue(comments: QuerySet[Comment], *, status: str = "", rule: str = "", kind: str = "") -> QuerySet[Comment]:
    if status:
        comments = comments.filter(status=status)
    if rule:
        comments = comments.filter(held_rules__contains=rule)
    if kind:
        comments = comments.filter(kind=kind)
    return comments.select_related("page", "author").order_by("-appealed_at", "created_at", "id")


@dataclass
class AgencyFigures:
    organization: Organization
    received: int = 0
    held: int = 0
    held_by_rule: Counter[str] = field(default_factory=Counter)
    cases: int = 0
    answered: int = 0
    answered_on_time: int = 0
    overdue: int = 0
    response_days: list[float] = field(default_factory=list)
    rating_average: float | None = None
    rating_count: int = 0

    @property
    def held_reasons(self) -> list[tuple[str, int]]:
        """Why comments were held, in the rules' order, with Persian labels (a Counter would read as a dict
        in a template, where ``.items`` is a missing key worth 0)."""
        return [(RULE_LABELS[rule], self.held_by_rule[rule]) for rule in RULES if self.held_by_rule.get(rule)]

    @property
    def response_rate(self) -> float | None:
        return self.answered / self.cases if self.cases else None

    @property
    def on_time_rate(self) -> float | None:
        return self.answered_on_time / self.answered if self.answered else None

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.response_days) if self.response_days else None


def transparency(*, province_id: int | None = None) -> list[AgencyFigures]:
    """Per agency: comments received, held and why, cases answered and on time, response times, ratings.

    Nationally the figures group a million comments (about a second), for a public page and a public API: they
    are kept under the newest audit entry's number (any service's change moves it, as for the pages cached for
    visitors), today's date (what is overdue) and at most ``TRANSPARENCY_TTL`` seconds (a rating is not audited).
    """
    key = f"voice:transparency:{generation()}:{timezone.localdate().isoformat()}:{province_id or ''}"
    figures = cache.get(key)
    if figures is None:
        figures = _transparency(province_id)
        cache.set(key, figures, TRANSPARENCY_TTL)
    return figures


def _transparency(province_id: int | None) -> list[AgencyFigures]:
    """A fixed number of grouped queries whatever the number of agencies."""
    pages = PublicPage.objects.filter(is_public=True)
    if province_id:
        pages = pages.filter(organization__province_id=province_id)
    org_ids = set(pages.values_list("organization_id", flat=True))
    figures = {org.pk: AgencyFigures(org) for org in Organization.objects.filter(pk__in=org_ids)}
    for row in (
        Comment.objects.filter(page__in=pages).values("page__organization_id", "held_rules").annotate(n=Count("id"))
    ):
        agency = figures[row["page__organization_id"]]
        agency.received += row["n"]
        if row["held_rules"]:
            agency.held += row["n"]
            for rule in row["held_rules"].split(","):
                agency.held_by_rule[rule] += row["n"]
    today = timezone.localdate()
    for case in AgencyResponse.objects.filter(organization_id__in=figures).values(
        "organization_id", "received_at", "answered_at", "due_on", "status"
    ):
        agency = figures[case["organization_id"]]
        agency.cases += 1
        if case["answered_at"]:
            agency.answered += 1
            agency.answered_on_time += timezone.localdate(case["answered_at"]) <= case["due_on"]
            agency.response_days.append((case["answered_at"] - case["received_at"]).total_seconds() / 86400)
        elif case["due_on"] < today and case["status"] != ResponseStatus.ACTED:
            agency.overdue += 1
    for row in (
        Rating.objects.filter(page__in=pages)
        .values("page__organization_id")
        .annotate(average=Avg("stars"), n=Count("id"))
    ):
        agency = figures[row["page__organization_id"]]
        agency.rating_average, agency.rating_count = row["average"], row["n"]
    return sorted(figures.values(), key=lambda f: (-f.received, f.organization.sort_key))
