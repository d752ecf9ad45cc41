"""Figures of engagement per agency, and for a governor the province's agencies ranked and the middle rings
left without contact. Each figure is one grouped query over all the agencies asked about, never one per agency."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import jdatetime
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from hamafza.engagement.models import (
    MIDDLE_RINGS,
    Activity,
    ActivityKind,
    EngagementRequest,
    Participant,
    Relationship,
    Stakeholder,
)
from hamafza.organizations.models import Organization
from hamafza.programs.models import Program, ProgramKind, ProgramStatus

QUARTERS = ("بهار", "تابستان", "پاییز", "زمستان")
NO_CONTACT_DAYS = 90


@dataclass
class AgencyFigures:
    organization: Organization
    partners: int = 0
    activities: int = 0
    consultations: int = 0
    requests: int = 0
    on_time: int = 0
    active_programs: int = 0
    per_quarter: list[int] = field(default_factory=lambda: [0, 0, 0, 0])

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.requests if self.requests else None

    @property
    def on_time_percent(self) -> int | None:
        share = self.on_time_share
        return None if share is None else round(share * 100)

    @property
    def score(self) -> float:
        # A plain sum of what the seed asks of every agency; on-time answers weigh as much as a partner.
        return self.partners + self.activities + self.consultations + self.active_programs + self.on_time


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = jdatetime.date(year, 1, 1).togregorian()
    end = jdatetime.date(year + 1, 1, 1).togregorian()
    return dt.datetime.combine(start, dt.time.min, tzinfo=tz), dt.datetime.combine(end, dt.time.min, tzinfo=tz)


def figures_for(
    organizations: QuerySet[Organization] | list[Organization], year: int | None = None
) -> list[AgencyFigures]:
    orgs = list(organizations)
    ids = [o.pk for o in orgs]
    year = year or jdatetime.date.fromgregorian(date=timezone.localdate()).year
    start, end = _year_bounds(year)
    today = timezone.localdate()
    result = {o.pk: AgencyFigures(o) for o in orgs}
    for row in (
        Relationship.objects.filter(organization_id__in=ids)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values("organization_id")
        .annotate(n=Count("stakeholder_id", distinct=True))
    ):
        result[row["organization_id"]].partners = row["n"]
    activities = Activity.objects.filter(organization_id__in=ids, starts_at__gte=start, starts_at__lt=end)
    for row in activities.values("organization_id", "kind", "starts_at"):
        figures = result[row["organization_id"]]
        figures.activities += 1
        if row["kind"] == ActivityKind.CONSULTATION:
            figures.consultations += 1
        month = jdatetime.date.fromgregorian(date=timezone.localtime(row["starts_at"]).date()).month
        figures.per_quarter[(month - 1) // 3] += 1
    for row in (
        EngagementRequest.objects.filter(organization_id__in=ids, is_to_agency=True, created_at__gte=start)
        .values("organization_id")
        .annotate(n=Count("id"), on_time=Count("id", filter=Q(answered_at__date__lte=F("due_on"))))
    ):
        result[row["organization_id"]].requests = row["n"]
        result[row["organization_id"]].on_time = row["on_time"]
    for row in (
        Program.objects.filter(owner_id__in=ids, kind=ProgramKind.JOINT_PROGRAM, status=ProgramStatus.ACTIVE)
        .values("owner_id")
        .annotate(n=Count("id"))
    ):
        result[row["owner_id"]].active_programs = row["n"]
    return list(result.values())


def province_agencies(governorate: Organization) -> QuerySet[Organization]:
    if governorate.county_id:
        scope = Q(county_id=governorate.county_id)
    elif governorate.province_id:
        scope = Q(province_id=governorate.province_id)
    else:
        scope = Q(path__startswith=governorate.path)
    return Organization.objects.filter(scope, is_active=True).order_by("sort_key")


def quiet_middle_rings(governorate: Organization, *, days: int = NO_CONTACT_DAYS) -> list[Stakeholder]:
    """Middle-ring stakeholders of the governor's county (or province) with no activity, request or new
    relationship with any agency in ``days`` days."""
    since = timezone.now() - dt.timedelta(days=days)
    rings = Stakeholder.objects.filter(kind__in=MIDDLE_RINGS)
    if governorate.county_id:
        rings = rings.filter(counties__id=governorate.county_id)
    elif governorate.province_id:
        rings = rings.filter(provinces__id=governorate.province_id)
    contacted = (
        set(
            Participant.objects.filter(activity__starts_at__gte=since, stakeholder__isnull=False).values_list(
                "stakeholder_id", flat=True
            )
        )
        | set(EngagementRequest.objects.filter(created_at__gte=since).values_list("stakeholder_id", flat=True))
        | set(Relationship.objects.filter(created_at__gte=since).values_list("stakeholder_id", flat=True))
    )
    return list(rings.exclude(pk__in=contacted).distinct().order_by("sort_key"))


def chart_data(figures: AgencyFigures) -> dict[str, Any]:
    return {"quarters": list(QUARTERS), "activities": figures.per_quarter}
