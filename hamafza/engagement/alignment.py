"""Which stakeholders are aligned with an agency's mission, and why.

The score weighs three things the seed asks for: shared domains (the agency's tags), text similarity of the
agency's mission with the stakeholder's description (TF-IDF over normalized Persian terms), and place (the same
county first, then the same province). Each match keeps its reasons so the page can show them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from hamafza.analytics.similarity import tfidf_similarity
from hamafza.engagement.models import Stakeholder, Verification
from hamafza.organizations.models import Organization

DOMAIN_WEIGHT = 0.5
TEXT_WEIGHT = 0.35
PLACE_WEIGHT = 0.15
SAME_COUNTY = 1.0
SAME_PROVINCE = 0.6


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


def _links(through: type, column: str, ids: list[int]) -> dict[int, set[int]]:
    result: dict[int, set[int]] = defaultdict(set)
    for stakeholder_id, other in through.objects.filter(stakeholder_id__in=ids).values_list("stakeholder_id", column):
        result[stakeholder_id].add(other)
    return result


def aligned_stakeholders(agency: Organization, *, limit: int = 20, kinds: tuple[str, ...] = ()) -> list[Match]:
    """The registry ranked for ``agency``; stakeholders with nothing in common are left out. Five queries."""
    tags = {tag.pk: tag.name for tag in agency.tags.all()}
    candidates = Stakeholder.objects.exclude(verification=Verification.REJECTED)
    if kinds:
        candidates = candidates.filter(kind__in=kinds)
    stakeholders = list(candidates.only("pk", "name", "kind", "description", "expertise", "verification"))
    if not stakeholders:
        return []
    ids = [s.pk for s in stakeholders]
    domains = _links(Stakeholder.domains.through, "domaintag_id", ids)
    counties = _links(Stakeholder.counties.through, "county_id", ids)
    provinces = _links(Stakeholder.provinces.through, "province_id", ids)
    texts = tfidf_similarity(agency.mission, [f"{s.description} {s.expertise}" for s in stakeholders])
    province_name = agency.province.name if agency.province_id else ""
    county_name = agency.county.name if agency.county_id else ""
    matches = []
    for stakeholder, text in zip(stakeholders, texts, strict=True):
        shared = sorted(tags[t] for t in domains[stakeholder.pk] & tags.keys())
        domain_share = len(shared) / len(tags) if tags else 0.0
        place, place_name, place_score = "", "", 0.0
        if agency.county_id and agency.county_id in counties[stakeholder.pk]:
            place, place_name, place_score = "county", county_name, SAME_COUNTY
        elif agency.province_id and agency.province_id in provinces[stakeholder.pk]:
            place, place_name, place_score = "province", province_name, SAME_PROVINCE
        if not shared and text.score == 0:
            continue  # a neighbour with nothing else in common is not aligned
        score = DOMAIN_WEIGHT * domain_share + TEXT_WEIGHT * text.score + PLACE_WEIGHT * place_score
        matches.append(Match(stakeholder, score, tuple(shared), text.terms, place, place_name))
    matches.sort(key=lambda m: (-m.score, m.stakeholder.name))
    return matches[:limit]
