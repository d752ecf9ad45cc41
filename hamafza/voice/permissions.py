"""Who may see and do what in voice. Side by side: a predicate on one object and a queryset of all of them.

* Everyone sees public pages and published comments; an author also sees their own held comment.
* A moderator (role ``moderator``, scoped by RoleGrant) sees the queue of the organizations in their scope.
* An agency's managers and staff publish its news and answer the critique addressed to it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from hamafza.organizations import permissions as org_permissions
from hamafza.organizations.models import Organization
from hamafza.voice.models import AgencyResponse, Comment, CommentStatus, NewsItem, PublicPage


def pages_visible_to(user: Any) -> QuerySet[PublicPage]:
    query = Q(is_public=True)
    scope = org_permissions.scope_q(user, "voice.publish", prefix="organization")
    if scope is not None:
        query |= scope
    return PublicPage.objects.filter(query)


def get_page_or_404(user: Any, pk: Any) -> PublicPage:
    page = pages_visible_to(user).select_related("organization").filter(pk=pk).first()
    if page is None:
        raise Http404
    return page


def news_visible_to(user: Any) -> QuerySet[NewsItem]:
    query = Q(published_at__isnull=False)
    scope = org_permissions.scope_q(user, "voice.publish", prefix="organization")
    if scope is not None:
        query |= scope
    return NewsItem.objects.filter(query)


def get_news_or_404(user: Any, code: int) -> NewsItem:
    item = news_visible_to(user).select_related("organization", "page").filter(code=code).first()
    if item is None:
        raise Http404
    return item


def can_publish(user: Any, organization: Organization) -> bool:
    return org_permissions.can(user, "voice.publish", organization)


def comments_visible_to(user: Any) -> QuerySet[Comment]:
    """Published comments on public pages; an author's own comments whatever their state."""
    query = Q(status=CommentStatus.PUBLISHED, page__is_public=True)
    if getattr(user, "is_authenticated", False):
        query |= Q(author=user)
    return Comment.objects.filter(query)


def moderated_organizations(user: Any) -> QuerySet[Organization]:
    return org_permissions.organizations_where(user, "voice.moderate")


def get_moderated_organization_or_404(user: Any, pk: Any) -> Organization:
    return org_permissions.get_organization_or_404(user, "voice.moderate", pk)


def can_moderate_organization(user: Any, organization: Organization) -> bool:
    return org_permissions.can(user, "voice.moderate", organization)


def can_moderate(user: Any, comment: Comment) -> bool:
    return org_permissions.can(user, "voice.moderate", comment.page.organization)


def comments_moderated_by(user: Any, organization: Organization) -> QuerySet[Comment]:
    """The comments on pages of ``organization`` and below; the caller has checked ``organization``."""
    return Comment.objects.filter(page__organization__path__startswith=organization.path)


def responses_for(user: Any) -> QuerySet[AgencyResponse]:
    query = org_permissions.scope_q(user, "voice.respond", prefix="organization")
    return AgencyResponse.objects.none() if query is None else AgencyResponse.objects.filter(query)


def can_respond(user: Any, response: AgencyResponse) -> bool:
    return org_permissions.can(user, "voice.respond", response.organization)


def get_response_or_404(user: Any, pk: Any) -> AgencyResponse:
    response = AgencyResponse.objects.select_related("comment__page", "organization").filter(pk=pk).first()
    if response is None or not can_respond(user, response):
        raise Http404
    return response


def responding_organizations(user: Any) -> QuerySet[Organization]:
    return org_permissions.organizations_where(user, "voice.respond")


def publishing_organizations(user: Any) -> QuerySet[Organization]:
    return org_permissions.organizations_where(user, "voice.publish")


def moderation_roots(user: Any) -> list[Organization]:
    """The organizations a moderator's grants name (their queues include everything below them)."""
    roots = [
        grant.organization
        for grant in org_permissions.grants_of(user)
        if grant.role == "moderator" and grant.organization_id is not None
    ]
    if roots:
        return roots
    return list(moderated_organizations(user).filter(parent__isnull=True).order_by("sort_key")[:50])
