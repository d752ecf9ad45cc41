"""Reads beyond a ``get``: each declares its joins so a page costs the same number of queries at any size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from hamafza.engagement import permissions
from hamafza.engagement.models import Stakeholder, name_keys
from hamafza.organizations.models import DomainTag
from hamafza.places.models import Province


@dataclass(frozen=True)
class StakeholderFilters:
    q: str = ""
    kind: str = ""
    domain: int | None = None
    province: int | None = None
    verification: str = ""

    @classmethod
    def from_query(cls, params: Any) -> StakeholderFilters:
        def number(name: str) -> int | None:
            value = str(params.get(name, "") or "")
            return int(value) if value.isdigit() else None

        return cls(
            q=str(params.get("q", "") or "")[:100],
            kind=str(params.get("kind", "") or ""),
            domain=number("domain"),
            province=number("province"),
            verification=str(params.get("verification", "") or ""),
        )


def stakeholder_search_q(text: str) -> Q:
    """Every word must appear; the whole query may also match a name written without its spaces or ZWNJ."""
    key, compact = name_keys(text)
    words = [word for word in key.split(" ") if word]
    if not words:
        return Q()
    each = Q()
    for word in words:
        each &= Q(text_key__contains=word)
    return each | Q(compact_key__contains=compact)


def stakeholder_list(user: Any, filters: StakeholderFilters) -> QuerySet[Stakeholder]:
    stakeholders = permissions.stakeholders_visible_to(user)
    if filters.q:
        stakeholders = stakeholders.filter(stakeholder_search_q(filters.q))
    if filters.kind:
        stakeholders = stakeholders.filter(kind=filters.kind)
    if filters.verification:
        stakeholders = stakeholders.filter(verification=filters.verification)
    # The many-to-many filters are semi-joins (IN a subquery), not joins: no row repeats, so no DISTINCT, and the
    # page is read down the sort_key index with LIMIT instead of sorting every match (the registry's list).
    if filters.domain:
        stakeholders = stakeholders.filter(
            pk__in=Stakeholder.domains.through.objects.filter(domaintag_id=filters.domain).values("stakeholder_id")
        )
    if filters.province:
        stakeholders = stakeholders.filter(
            pk__in=Stakeholder.provinces.through.objects.filter(province_id=filters.province).values("stakeholder_id")
        )
    return stakeholders.order_by("sort_key", "id").prefetch_related(
        Prefetch("domains", queryset=DomainTag.objects.order_by("sort_key")),
        Prefetch("provinces", queryset=Province.objects.order_by("name")),
    )


def stakeholder_detail(stakeholder: Stakeholder) -> Stakeholder:
    return (
        Stakeholder.objects.filter(pk=stakeholder.pk)
        .prefetch_related("domains", "provinces", "counties", "contacts", "documents", "relationships__organization")
        .get()
    )
