"""The platform part of the demo world: the holiday calendar, the Fars welfare office's programs, reminders.

Seed 000 asks every Fars agency for joint operational programs with the NGOs aligned with its mission; the
welfare office (the demo manager's) has one published and under way — one milestone late — and one in draft.
Dates are relative to today, so the demo always shows a program in progress.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from hamafza.accounts.models import User
from hamafza.evaluation.notices import overdue_actions_notify
from hamafza.holidays.services import holidays_load_official
from hamafza.notifications.services import notify_once
from hamafza.organizations.models import Organization
from hamafza.programs.models import Milestone, Program
from hamafza.programs.services import milestone_add, milestone_update_progress, program_create, program_publish

if TYPE_CHECKING:
    from hamafza.demo.world import Output


@dataclass(frozen=True)
class MilestoneSpec:
    title: str
    weight: str
    progress: int
    due_in_days: int


@dataclass(frozen=True)
class ProgramSpec:
    code: str
    title: str
    kind: str
    status: str
    goals: str
    challenge: str
    publish: bool
    starts_days_ago: int
    lasts_days: int
    milestones: tuple[MilestoneSpec, ...]


WELFARE_PROGRAMS = (
    ProgramSpec(
        code="fars-behzisti-social-harms-1404",
        title="برنامه عملیاتی مشترک پیشگیری از آسیب‌های اجتماعی با سمن‌های فارس",
        kind="joint_program",
        status="active",
        goals=(
            "شناسایی سمن‌های همسو با مأموریت بهزیستی در حوزه آسیب‌های اجتماعی\n"
            "نشست‌های منظم و دوسویه با سمن‌ها و بهره‌گیری از مشورت تخصصی آنان\n"
            "آموزش داوطلبان برای پیشگیری و مداخله در محله‌های کم‌برخوردار"
        ),
        challenge="آسیب‌های اجتماعی",
        publish=True,
        starts_days_ago=120,
        lasts_days=300,
        milestones=(
            MilestoneSpec("شناسایی و ثبت سمن‌های همسو در شهرستان‌های استان", "1", 100, -90),
            MilestoneSpec("نشست‌های فصلی مشترک با سمن‌ها", "2", 60, 60),
            MilestoneSpec("دوره آموزشی توانمندسازی داوطلبان", "3", 30, -10),
            MilestoneSpec("گزارش پایانی و ارزیابی اثر برنامه", "1", 0, 180),
        ),
    ),
    ProgramSpec(
        code="fars-behzisti-women-headed-households",
        title="توانمندسازی زنان سرپرست خانوار با همکاری سمن‌ها و خیران",
        kind="joint_program",
        status="draft",
        goals="آموزش مهارت‌های شغلی\nایجاد کسب‌وکارهای خانگی با پشتیبانی سمن‌ها",
        challenge="اشتغال",
        publish=False,
        starts_days_ago=-30,
        lasts_days=240,
        milestones=(
            MilestoneSpec("نیازسنجی مهارتی با مشارکت سمن‌ها", "1", 0, 20),
            MilestoneSpec("برگزاری دوره‌های مهارت‌آموزی", "2", 0, 120),
        ),
    ),
)


def _ensure_program(spec: ProgramSpec, owner: Organization, today: dt.date) -> bool:
    if Program.objects.filter(code=spec.code).exists():
        return False
    start = today - dt.timedelta(days=spec.starts_days_ago)
    program = program_create(
        owner=owner,
        code=spec.code,
        title=spec.title,
        kind=spec.kind,
        status=spec.status,
        goals=spec.goals,
        challenge=spec.challenge,
        start_date=start,
        end_date=start + dt.timedelta(days=spec.lasts_days),
        by=None,
    )
    for item in spec.milestones:
        milestone = milestone_add(
            program=program,
            title=item.title,
            weight=item.weight,
            due_date=today + dt.timedelta(days=item.due_in_days),
            by=None,
        )
        if item.progress:
            milestone_update_progress(milestone=milestone, progress=item.progress, by=None)
    if spec.publish:
        program_publish(program=program, by=None)
    return True


def _remind_late_milestones(manager: User, today: dt.date) -> None:
    """The demo manager finds the late training course in the bell (a system message; once per milestone)."""
    late = Milestone.objects.filter(
        program__owner__code="fars-behzisti", program__status="active", due_date__lt=today, progress__lt=100
    ).select_related("program")
    for milestone in late:
        notify_once(
            recipients=[manager],
            kind="system",
            title=f"مهلت «{milestone.title}» گذشته است",
            body=f"در برنامه «{milestone.program.title}» پیشرفت این گام را ثبت کنید یا مهلت تازه بگذارید.",
            url=f"/programs/{milestone.program_id}/",
            target=milestone,
        )


def build(out: Output) -> None:
    holidays = holidays_load_official()
    today = timezone.localdate()
    welfare = Organization.objects.get(code="fars-behzisti")
    manager = User.objects.get(username="manager")
    # Written by the system, like the rest of the demo world (the audit trail names nobody who did not act).
    created = sum(_ensure_program(spec, welfare, today) for spec in WELFARE_PROGRAMS)
    _remind_late_milestones(manager, today)
    # Overdue corrective actions of the evaluation demo reach their owners' bells (once; a rerun adds nothing).
    reminded = overdue_actions_notify(today=today)
    out.write(f"holidays {holidays} new, programs {created} new, overdue reminders {reminded} new\n")
