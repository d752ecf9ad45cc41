"""What roundtables add to the shared registries: menu entries, notification kinds, work items, a portal section
and the audit trail's sentences."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.urls import reverse

PORTAL_SIZE = 6


def register_all() -> None:
    from hamafza.core.navigation import NavEntry, register
    from hamafza.core.portal import PortalSection, register_section
    from hamafza.core.work import register_work
    from hamafza.notifications.kinds import register_kind
    from hamafza.roundtables import permissions

    register(NavEntry("میزهای تخصصی", "roundtables:list", "people-fill", permissions.uses_roundtables, order=47))
    register(NavEntry("میزهای تخصصی منتشرشده", "roundtables:public", "easel", lambda user: True, order=57))
    register_kind("roundtables.invitation", "دعوت به عضویت در میز تخصصی")
    register_kind("roundtables.invitation_answered", "پاسخ دعوت میز تخصصی")
    register_kind("roundtables.meeting", "نشست تازه میز تخصصی")
    register_kind("roundtables.election", "انتخابات رئیس میز تخصصی")
    register_kind("roundtables.removed", "پایان عضویت در میز تخصصی")
    register_kind("roundtables.secretary", "سپرده شدن دبیری میز تخصصی")
    register_kind("roundtables.statement_decided", "تصمیم درباره گزاره پیشنهادی شما")
    register_work(invitations_work, order=70)
    register_work(elections_work, order=71)
    register_work(scoring_work, order=72)
    register_work(secretary_work, order=73)
    register_work(proposals_work, order=74)
    register_section(
        PortalSection("میزهای تخصصی و مسئله‌هایشان", "roundtables/portal_tables.html", portal_tables, order=40)
    )
    _register_describers()
    from hamafza.core.public_pages import register_source
    from hamafza.roundtables.services import problem_pages

    register_source("roundtables.problems", problem_pages)


def invitations_work(user: Any) -> Iterable[Any]:
    from hamafza.core.work import WorkItem
    from hamafza.roundtables.models import Membership, MembershipStatus

    count = Membership.objects.filter(user=user, status=MembershipStatus.INVITED).count()
    yield WorkItem(
        label="دعوت‌های عضویت در میز تخصصی",
        count=count,
        url=reverse("roundtables:list"),
        icon="envelope-open",
        group="میزهای تخصصی",
    )


def elections_work(user: Any) -> Iterable[Any]:
    from hamafza.core.work import WorkItem
    from hamafza.roundtables.models import ElectionStatus, Voter

    pending = list(
        Voter.objects.filter(user=user, has_voted=False, election__status=ElectionStatus.VOTING).values_list(
            "election_id", flat=True
        )[:2]
    )
    yield WorkItem(
        label="انتخابات رئیس میز که رأی شما را می‌خواهد",
        count=len(pending),
        url=reverse("roundtables:election", args=[pending[0]]) if len(pending) == 1 else reverse("roundtables:list"),
        icon="check2-square",
        group="میزهای تخصصی",
    )


def scoring_work(user: Any) -> Iterable[Any]:
    """Open problems of the person's tables with a solution they have not scored yet."""
    from hamafza.core.work import WorkItem
    from hamafza.roundtables.models import MembershipStatus, Problem, Solution, SolutionScore

    unscored = Solution.objects.filter(problem=OuterRef("pk")).exclude(
        Exists(SolutionScore.objects.filter(solution=OuterRef("pk"), user=user))
    )
    problems = list(
        Problem.objects.filter(
            table__memberships__user=user,
            table__memberships__status=MembershipStatus.ACCEPTED,
            program__isnull=True,
        )
        .filter(Exists(unscored))
        .values_list("pk", flat=True)[:50]
    )
    yield WorkItem(
        label="راهکارهایی که امتیاز شما را می‌خواهند",
        count=len(problems),
        url=reverse("roundtables:problem", args=[problems[0]]) if len(problems) == 1 else reverse("roundtables:list"),
        icon="star-half",
        group="میزهای تخصصی",
    )


def secretary_work(user: Any) -> Iterable[Any]:
    """For the secretariat: votes in progress at the tables they run (to close and count when the time comes)."""
    from django.db.models import Q

    from hamafza.core.work import WorkItem
    from hamafza.organizations import permissions as org_permissions
    from hamafza.roundtables.models import Election, ElectionStatus
    from hamafza.roundtables.permissions import MANAGE

    query = Q(table__secretary=user)
    scope = org_permissions.scope_q(user, MANAGE, prefix="table__organization")
    if scope is not None:
        query |= scope
    open_ids = list(
        Election.objects.filter(query, status=ElectionStatus.VOTING).values_list("pk", flat=True).distinct()[:50]
    )
    yield WorkItem(
        label="رأی‌گیری‌های باز میزهای شما (برای پایان و شمارش)",
        count=len(open_ids),
        url=reverse("roundtables:election", args=[open_ids[0]]) if len(open_ids) == 1 else reverse("roundtables:list"),
        icon="hourglass-split",
        group="میزهای تخصصی",
    )


def proposals_work(user: Any) -> Iterable[Any]:
    """For the secretariat: citizens' proposed statements waiting at the tables they run."""
    from django.db.models import Q

    from hamafza.core.work import WorkItem
    from hamafza.organizations import permissions as org_permissions
    from hamafza.roundtables.models import Statement, StatementStatus
    from hamafza.roundtables.permissions import MANAGE

    query = Q(problem__table__secretary=user)
    scope = org_permissions.scope_q(user, MANAGE, prefix="problem__table__organization")
    if scope is not None:
        query |= scope
    waiting = list(
        Statement.objects.filter(query, status=StatementStatus.PENDING)
        .values_list("problem_id", flat=True)
        .order_by("problem_id")
        .distinct()[:50]
    )
    count = Statement.objects.filter(query, status=StatementStatus.PENDING).count() if waiting else 0
    yield WorkItem(
        label="گزاره‌های پیشنهادی شهروندان در انتظار تأیید",
        count=count,
        url=reverse("roundtables:problem", args=[waiting[0]]) if len(waiting) == 1 else reverse("roundtables:list"),
        icon="chat-square-quote",
        group="میزهای تخصصی",
    )


def portal_tables(request: HttpRequest) -> dict[str, Any] | None:
    from hamafza.roundtables import selectors
    from hamafza.roundtables.models import Problem

    tables = list(selectors.published_tables()[:PORTAL_SIZE])
    if not tables:
        return None
    problems = list(
        Problem.objects.filter(
            is_public=True, published_at__isnull=False, table__is_public=True, table__published_at__isnull=False
        )
        .select_related("table", "program")
        .order_by("-published_at")[:PORTAL_SIZE]
    )
    return {"tables": tables, "problems": problems}


def _register_describers() -> None:
    from hamafza.core.describe import EventKind, register_describer

    def simple(action: str, label: str, verb: str, fields: dict[str, str] | None = None) -> None:
        register_describer(
            action,
            EventKind(
                label=label, sentence=lambda e, _ctx, verb=verb: f"{e.who} {verb} «{e.target}».", fields=fields or {}
            ),
        )

    simple("roundtables.table.created", "تشکیل میز تخصصی", "میز تخصصی را تشکیل داد:", {"domain": "حوزه"})
    simple(
        "roundtables.table.updated",
        "ویرایش میز تخصصی",
        "مشخصات میز را ویرایش کرد:",
        {
            "changed": "موارد تغییرکرده",
            "old_title": "عنوان پیشین",
            "organization": "فرمانداری یا استانداری تازه",
            "secretary": "دبیر تازه",
        },
    )
    simple(
        "roundtables.table.published",
        "انتشار میز تخصصی",
        "صفحه عمومی این میز را منتشر کرد:",
        {"problem_pages": "صفحه‌های عمومی مسئله‌ها"},
    )
    simple(
        "roundtables.table.unpublished",
        "برداشتن میز از دید عموم",
        "این میز را از دید عموم برداشت:",
        {"problem_pages": "صفحه‌های عمومی مسئله‌ها (پنهان شد)"},
    )
    simple(
        "roundtables.member.invited",
        "دعوت عضو میز",
        "عضوی را به این میز دعوت کرد:",
        {"member": "عضو", "category": "دسته", "elite": "نخبه"},
    )
    simple(
        "roundtables.member.removed",
        "کنار گذاشتن عضو میز",
        "عضوی را از این میز کنار گذاشت:",
        {
            "member": "عضو",
            "reason": "دلیل",
            "was": "وضعیت پیشین",
            "elite": "نخبه",
            "withdrawn": "نامزدی پس‌گرفته در",
            "was_chair": "رئیس میز بود",
            "still_voting": "در فهرست رأی‌دهندگان می‌ماند",
        },
    )
    simple("roundtables.member.responded", "پاسخ به دعوت میز", "به دعوت این میز پاسخ داد:", {"accepted": "پذیرفت"})
    simple("roundtables.meeting.added", "نشست میز", "نشستی برای این میز گذاشت:", {"title": "نشست"})
    simple("roundtables.election.created", "تعریف انتخابات رئیس میز", "انتخابات را تعریف کرد:")
    simple("roundtables.election.nominated", "نامزدی", "نامزدی را ثبت کرد در", {"candidate": "نامزد"})
    simple("roundtables.election.opened", "آغاز رأی‌گیری", "رأی‌گیری را آغاز کرد:", {"voters": "رأی‌دهندگان"})
    simple("roundtables.election.voted", "رأی مخفی", "رأی مخفی خود را داد در")
    simple(
        "roundtables.election.closed",
        "پایان انتخابات",
        "انتخابات را بست و شمرد:",
        {"winner": "برنده", "ballots": "شمار رأی‌ها", "tie_broken": "تساوی با قاعده شکسته شد"},
    )
    simple(
        "roundtables.election.failed",
        "انتخابات بدون حد نصاب",
        "انتخابات را بدون حد نصاب و بدون برنده بست:",
        {"ballots": "شمار رأی‌ها", "needed": "رأی لازم"},
    )
    simple("roundtables.problem.created", "طرح مسئله", "مسئله‌ای طرح کرد:")
    simple("roundtables.problem.diagnosed", "آسیب‌شناسی مسئله", "آسیب‌شناسی را ثبت کرد برای", {"cause": "ریشه تازه"})
    simple("roundtables.problem.published", "انتشار مسئله", "مسئله را منتشر کرد:")
    simple("roundtables.problem.unpublished", "برداشتن مسئله از دید عموم", "مسئله را از دید عموم برداشت:")
    simple("roundtables.solution.added", "پیشنهاد راهکار", "راهکاری پیشنهاد داد برای", {"title": "راهکار"})
    simple(
        "roundtables.solution.scored",
        "امتیاز راهکار",
        "به راهکاری امتیاز داد در",
        {"solution": "راهکار", "score": "امتیاز"},
    )
    simple(
        "roundtables.solution.chosen",
        "گزینش راهکار",
        "راهکار برگزیده را به برنامه اجرایی تبدیل کرد:",
        {"solution": "راهکار"},
    )
    simple("roundtables.statement.added", "گزاره تازه", "گزاره‌ای افزود به", {"text": "گزاره"})
    simple("roundtables.statement.proposed", "پیشنهاد گزاره", "گزاره‌ای پیشنهاد داد برای", {"text": "گزاره"})
    simple("roundtables.statement.approved", "تأیید گزاره", "گزاره پیشنهادی را تأیید کرد در", {"text": "گزاره"})
    simple(
        "roundtables.statement.rejected",
        "رد گزاره",
        "گزاره پیشنهادی را رد کرد در",
        {"text": "گزاره", "note": "توضیح"},
    )
    simple("roundtables.statement.voted", "موضع درباره گزاره", "درباره گزاره‌ای موضع گرفت در")
