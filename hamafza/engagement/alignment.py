"""Which stakeholders are aligned with an agency's mission, and why.

The score weighs three things the seed asks for: shared domains (the agency's tags), text similarity of the
agency's mission with the stakeholder's description (TF-IDF over normalized Persian terms), and place (the same
county first, then the same province). Each match keeps its reasons so the page can show them.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet

from hamafza.analytics.similarity import terms, tfidf_weights
from hamafza.engagement.models import Stakeholder, Verification
from hamafza.organizations.models import Organization

DOMAIN_WEIGHT = 0.5
TEXT_WEIGHT = 0.35
PLACE_WEIGHT = 0.15
SAME_COUNTY = 1.0
SAME_PROVINCE = 0.6
# The registry's term weights and each agency's ranking are kept ten minutes at most: a change to the registry or
# to the agency moves their keys before that; the limit covers what moves neither (a domain renamed).
CACHE_TTL = 10 * 60


@dataclass(frozen=True)
class Match:
    stakeholder: Stakeholder
    score: float
    shared_domains: tuple[str, ...]
    terms: tuple[str, ...]
    place: str  # "county", "province" or ""
    place_name: str

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def _links(through: type, column: str, values: Iterable[int]) -> dict[int, set[int]]:
    """For each stakeholder, which of ``values`` (the agency's domains, its province, its county) it is linked to.

    Asked by those few values, not by the candidates (thousands of ids in an ``IN`` list: seconds of building and
    sending the statement at national scale)."""
    result: dict[int, set[int]] = defaultdict(set)
    wanted = [value for value in values if value]
    if wanted:
        rows = through.objects.filter(**{f"{column}__in": wanted}).values_list("stakeholder_id", column)
        for stakeholder_id, other in rows:
            result[stakeholder_id].add(other)
    return result


def _text(description: str, expertise: str) -> str:
    return f"{description} {expertise}"


def _registry_state(registry: QuerySet[Stakeholder]) -> str:
    """A fingerprint that moves with any stakeholder created, edited or deleted: one aggregate over the registry."""
    state = registry.aggregate(n=Count("id"), changed=Max("updated_at"), last=Max("id"))
    return hashlib.sha256(f"{registry.query}|{state}".encode()).hexdigest()


def _corpus(registry: QuerySet[Stakeholder], state: str) -> tuple[int, dict[str, int]]:
    """The registry's size and how many stakeholders' texts hold each term: the weights of the TF-IDF.

    They change only when the registry does, and reading them costs every stakeholder's text (60,000 at national
    scale, seconds), so they are kept under the registry's fingerprint.
    """
    key = f"engagement:alignment-corpus:{state}"
    cached = cache.get(key)
    if cached is None:
        df: dict[str, int] = {}
        size = 0
        for description, expertise in registry.values_list("description", "expertise").iterator(chunk_size=5000):
            size += 1
            for word in set(terms(_text(description, expertise))):
                df[word] = df.get(word, 0) + 1
        cached = (size, df)
        cache.set(key, cached, CACHE_TTL)
    return cached


def aligned_stakeholders(agency: Organization, *, limit: int = 20, kinds: tuple[str, ...] = ()) -> list[Match]:
    """The registry ranked for ``agency``; stakeholders with nothing in common are left out.

    Only stakeholders that can match are read: those sharing a domain with the agency or whose text holds a term
    of its mission (``text_key LIKE '%term%'``, served by its trigram index on PostgreSQL; the exact terms are
    checked here). Each is scored with the weights of the whole registry (``_corpus``), so the ranking is the one
    scoring every stakeholder would give. Scoring the whole registry on every view took 3.3 s at national scale
    (60,000 stakeholders) even for an agency with neither domains nor a mission.
    """
    tags = {tag.pk: tag.name for tag in agency.tags.all()}
    query_terms = terms(agency.mission)
    if not tags and not query_terms:
        return []  # nothing to share: no stakeholder can be aligned
    registry = Stakeholder.objects.exclude(verification=Verification.REJECTED)
    if kinds:
        registry = registry.filter(kind__in=kinds)
    state = _registry_state(registry)
    place = (agency.province.name if agency.province_id else "", agency.county.name if agency.county_id else "")
    asked = (
        f"{state}|{agency.pk}|{agency.mission}|{sorted(tags.items())}|{agency.province_id}|{agency.county_id}|{place}"
    )
    key = f"engagement:alignment:{hashlib.sha256(f'{asked}|{limit}'.encode()).hexdigest()}"
    cached = cache.get(key)
    if cached is None:
        cached = _ranked(agency, registry, state, tags, query_terms, limit)
        cache.set(key, cached, CACHE_TTL)
    return cached


def _ranked(
    agency: Organization,
    registry: QuerySet[Stakeholder],
    state: str,
    tags: dict[int, str],
    query_terms: list[str],
    limit: int,
) -> list[Match]:
    can_match = Q()
    if tags:
        sharing = Stakeholder.domains.through.objects.filter(domaintag_id__in=tags).values("stakeholder_id")
        can_match |= Q(pk__in=sharing)
    for term in dict.fromkeys(query_terms):
        can_match |= Q(text_key__contains=term)
    rows = list(registry.filter(can_match).values_list("pk", "name", "description", "expertise"))
    if not rows:
        return []
    corpus_size, df = _corpus(registry, state)
    domains = _links(Stakeholder.domains.through, "domaintag_id", tags)
    counties = _links(Stakeholder.counties.through, "county_id", [agency.county_id])
    provinces = _links(Stakeholder.provinces.through, "province_id", [agency.province_id])
    text = tfidf_weights(query_terms, [terms(_text(row[2], row[3])) for row in rows], df=df, corpus_size=corpus_size)
    province_name = agency.province.name if agency.province_id else ""
    county_name = agency.county.name if agency.county_id else ""
    scored = []
    for index, (pk, name, _, _) in enumerate(rows):
        shared = sorted(tags[t] for t in domains[pk] & tags.keys())
        text_score = float(text.scores[index])
        if not shared and text_score == 0:
            continue  # a neighbour with nothing else in common is not aligned
        place, place_name, place_score = "", "", 0.0
        if agency.county_id and agency.county_id in counties[pk]:
            place, place_name, place_score = "county", county_name, SAME_COUNTY
        elif agency.province_id and agency.province_id in provinces[pk]:
            place, place_name, place_score = "province", province_name, SAME_PROVINCE
        domain_share = len(shared) / len(tags) if tags else 0.0
        score = DOMAIN_WEIGHT * domain_share + TEXT_WEIGHT * text_score + PLACE_WEIGHT * place_score
        scored.append((score, name, pk, index, tuple(shared), place, place_name))
    scored.sort(key=lambda match: (-match[0], match[1]))
    top = scored[:limit]
    # Whole stakeholders only for the matches shown, and their shared terms likewise.
    stakeholders = Stakeholder.objects.only("pk", "name", "kind", "description", "expertise", "verification")
    loaded = stakeholders.in_bulk([match[2] for match in top])
    return [
        Match(loaded[pk], score, shared, text.terms_of(index), place, place_name)
        for score, _, pk, index, shared, place, place_name in top
    ]
