"""What development adds to the shared registries: menu entries, role-home work, a portal section, describers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Min, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone


def register_all() -> None:
    from hamafza.core.navigation import NavEntry, register
    from hamafza.core.portal import PortalSection, register_section
    from hamafza.core.work import register_work
    from hamafza.development import permissions

    register(NavEntry("ظرفیت‌ها و توسعه متوازن", "development:home", "graph-up", permissions.views_anywhere, order=47))
    register(NavEntry("کارهای شاخص", "development:key_work_public", "flag", lambda user: True, order=91))
    register(NavEntry("تجربه‌های موفق", "development:experience_list", "lightbulb", lambda user: True, order=92))
    from hamafza.core.related import register_related

    register_related("programs.program", program_related)
    register_work(key_works_work, order=62)
    register_work(pledges_work, order=63)
    register_section(
        PortalSection("کارهای شاخص فرمانداران", "development/portal_key_works.html", portal_key_works, order=35)
    )
    _register_describers()


def key_works_work(user: Any) -> Iterable[Any]:
    """For a governor: key works with milestones past their due date."""
    from hamafza.core.work import WorkItem
    from hamafza.development.models import KeyWork
    from hamafza.organizations import permissions as org_permissions
    from hamafza.programs.models import Milestone
    from hamafza.programs.permissions import EDIT

    if not org_permissions.has_role(user, "governor") and not org_permissions.is_system_admin(user):
        return []
    scope = org_permissions.scope_q(user, EDIT, prefix="program__owner")
    if scope is None:
        return []
    programs = KeyWork.objects.filter(scope).values("program_id")
    late = Milestone.objects.filter(
        program_id__in=programs, due_date__lt=timezone.localdate(), progress__lt=100
    ).aggregate(count=Count("program_id", distinct=True), first_due=Min("due_date"))
    return [
        WorkItem(
            label="کار شاخص با نقطه عطف عقب‌افتاده",
            count=late["count"],
            url=reverse("development:key_work_list"),
            due_at=late["first_due"],
            is_overdue=True,
            icon="flag",
            group="کارهای شاخص",
        )
    ]


def pledges_work(user: Any) -> Iterable[Any]:
    """For the program owner's staff: pledges waiting for confirmation."""
    from hamafza.core.work import WorkItem
    from hamafza.development import permissions
    from hamafza.development.models import PledgeStatus

    waiting = (
        permissions.pledges_handled_by(user)
        .filter(status=PledgeStatus.PLEDGED)
        .aggregate(count=Count("id"), first=Min("created_at"))
    )
    return [
        WorkItem(
            label="تعهد مشارکت در انتظار تأیید",
            count=waiting["count"],
            url=reverse("development:pledge_queue"),
            due_at=waiting["first"],
            icon="hand-thumbs-up",
            group="مشارکت مردم",
        )
    ]


def portal_key_works(request: HttpRequest) -> dict[str, Any] | None:
    from hamafza.development.models import KeyWork
    from hamafza.programs import selectors as program_selectors

    key_works = list(
        KeyWork.objects.filter(program__in=program_selectors.published_programs().values("id"))
        .select_related("program", "county")
        .order_by("-jalali_year", "-id")[:6]
    )
    return {"key_works": key_works} if key_works else None


def _register_describers() -> None:
    from hamafza.core.describe import EventKind, register_describer
    from hamafza.development.models import PledgeStatus

    def status(value: Any) -> str:
        return PledgeStatus(value).label if value in PledgeStatus.values else "—"

    kinds = {
        "development.weights.set": EventKind(
            label="تعیین وزن معیارهای ظرفیت",
            sentence=lambda e, p: f"{e.who} وزن معیارهای رتبه‌بندی ظرفیت‌های {e.target} را با مقایسه زوجی تعیین کرد.",
            fields={"cr": "نرخ ناسازگاری"},
        ),
        "development.capacity.created": EventKind(
            label="ثبت ظرفیت", sentence=lambda e, p: f"{e.who} ظرفیت «{e.target}» را ثبت کرد."
        ),
        "development.capacity.updated": EventKind(
            label="ویرایش ظرفیت", sentence=lambda e, p: f"{e.who} ظرفیت «{e.target}» را ویرایش کرد."
        ),
        "development.indicator.created": EventKind(
            label="ثبت شاخص توسعه", sentence=lambda e, p: f"{e.who} شاخص توسعه «{e.target}» را تعریف کرد."
        ),
        "development.indicator.values_set": EventKind(
            label="ثبت مقدار شاخص",
            sentence=lambda e, p: f"{e.who} مقدار شاخص «{e.target}» را برای شهرستان‌ها ثبت کرد.",
            fields={"count": "تعداد مقدار"},
        ),
        "development.indicators.imported": EventKind(
            label="ورود شاخص‌ها از Excel",
            sentence=lambda e, p: f"{e.who} شاخص‌های توسعه {e.target} را از پرونده Excel وارد کرد.",
            fields={"rows": "شهرستان", "values": "مقدار", "created": "شاخص تازه"},
        ),
        "development.key_work.created": EventKind(
            label="تعریف کار شاخص",
            sentence=lambda e, p: f"{e.who} کار شاخص «{e.target}» را تعریف کرد.",
            fields={"year": "سال"},
        ),
        "development.pledge.created": EventKind(
            label="اعلام مشارکت",
            sentence=lambda e, p: f"{e.who} مشارکت «{e.target}» را اعلام کرد.",
            fields={"amount": "مبلغ (ریال)"},
        ),
        "development.pledge.advanced": EventKind(
            label="رسیدگی به تعهد مشارکت",
            sentence=lambda e, p: (
                f"{e.who} تعهد «{e.target}» را از «{status(e.data.get('from'))}» به «{status(e.data.get('to'))}» برد."
            ),
        ),
        "development.experience.created": EventKind(
            label="ثبت تجربه موفق", sentence=lambda e, p: f"{e.who} تجربه موفق «{e.target}» را ثبت کرد."
        ),
        "development.experience.updated": EventKind(
            label="ویرایش تجربه موفق", sentence=lambda e, p: f"{e.who} تجربه موفق «{e.target}» را ویرایش کرد."
        ),
        "development.experience.adopted": EventKind(
            label="به‌کارگیری تجربه موفق",
            sentence=lambda e, p: f"{e.who} به‌کارگیری تجربه «{e.target}» را ثبت کرد.",
        ),
    }
    for action, kind in kinds.items():
        register_describer(action, kind)


def program_related(program: Any, user: Any) -> Iterable[Any]:
    """On a program's page: its pledges (with the confirmed count) and the published successful experiences linked to it.
    The pledges page opens for whoever may open the program; experiences are public. Two queries."""
    from hamafza.core.related import RelatedLink
    from hamafza.development.models import Experience, Pledge, PledgeStatus
    from hamafza.persian import to_persian_digits

    counts = (
        Pledge.objects.filter(program=program)
        .exclude(status=PledgeStatus.CANCELLED)
        .aggregate(all=Count("id"), confirmed=Count("id", filter=~Q(status=PledgeStatus.PLEDGED)))
    )
    note = (
        f"{to_persian_digits(counts['all'])} تعهد، {to_persian_digits(counts['confirmed'])} تأییدشده"
        if counts["all"]
        else "هنوز تعهدی ثبت نشده"
    )
    links = [
        RelatedLink(
            "تعهدهای مردم، سمن‌ها و سرمایه‌گذاران",
            reverse("development:program_pledges", args=[program.pk]),
            note,
            "hand-thumbs-up",
        )
    ]
    for experience in Experience.objects.filter(programs=program, is_published=True).order_by("-id")[:10]:
        links.append(
            RelatedLink(
                f"تجربه موفق: {experience.title}",
                reverse("development:experience_detail", args=[experience.pk]),
                icon="lightbulb",
            )
        )
    return links
