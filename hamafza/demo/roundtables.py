"""Seed 004: Amol, the country's pilot of shared, people-based governance. The governor's specialized tables
(tourism, agriculture, social harms), their elite members, an elected chair, problem cores and an opinion map.

Idempotent: tables are found by title, people by username; elections, scores and stances are written only
when their table or problem is first built, so a second run adds nothing (not even audit entries).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from hamafza.accounts.models import User
from hamafza.demo.data import DEMO_PASSWORD
from hamafza.demo.foundation import ensure_grant, ensure_user
from hamafza.demo.specs import AccountSpec, GrantSpec, Person
from hamafza.engagement.services.activities import Decision, minutes_save
from hamafza.organizations.models import Organization
from hamafza.organizations.roles import Role
from hamafza.roundtables import services
from hamafza.roundtables.models import Membership, MembershipStatus, Problem, Roundtable
from hamafza.voice.models import Comment, CommentKind, CommentStatus

AMOL = "amol-governorate"


def _member_spec(username: str, first: str, last: str, mobile: str, title: str) -> AccountSpec:
    return AccountSpec(
        username,
        Person(first, last, mobile=mobile, national_id=""),
        (GrantSpec(Role.TABLE_MEMBER, title=title, organization=AMOL),),
    )


# The elite of the seed: managers and experts of the agencies, thinkers, field actors, academics, social and
# political activists. ``member`` (نرگس صادقی) is the demo's table member account and sits at every table.
PEOPLE = (
    ("amol_elite1", "حمید", "رحیمی", "09112000001", "manager", "مدیر اداره میراث فرهنگی، گردشگری و صنایع دستی آمل"),
    ("amol_elite2", "لیلا", "نظری", "09112000002", "thinker", "پژوهشگر توسعه محلی"),
    ("amol_elite3", "مسعود", "یوسفی", "09112000003", "field_actor", "فعال بوم‌گردی روستاهای لاریجان"),
    ("amol_elite4", "سمیه", "باقری", "09112000004", "social_activist", "فعال اجتماعی و عضو سمن محیط زیست"),
    ("amol_elite5", "رضا", "حسن‌زاده", "09112000005", "political_activist", "فعال سیاسی و عضو شورای شهر پیشین"),
)
ACTOR = ("amol_actor", "کاوه", "شریفی", "09112000006", "expert", "کارشناس جهاد کشاورزی آمل")

TABLES = (
    (
        "میز تخصصی گردشگری آمل",
        "گردشگری",
        "میزهای تخصصی با مشارکت و محوریت نخبگان شهری و حضور افراد ذی‌صلاح و ذی‌نفوذ در آن حوزه تخصصی با رویکرد "
        "اجرا تشکیل گردید؛ این میز برای باروری ظرفیت‌های گردشگری شهرستان در همه فصل‌ها کار می‌کند.",
    ),
    (
        "میز تخصصی کشاورزی آمل",
        "کشاورزی",
        "استفاده حداکثری از ظرفیت مشارکت مردمی در حوزه‌های مالی، لجستیک، طراحی و اجرا برای حل مسئله‌های بر زمین "
        "مانده کشاورزی شهرستان.",
    ),
    (
        "میز تخصصی آسیب‌های اجتماعی آمل",
        "آسیب‌های اجتماعی",
        "تشخیص دقیق مسئله با مشارکت نخبگان و کارشناسان و ارائه راهکارهای مبتنی بر اجرا و حل مسئله در میدان.",
    ),
)


def _people() -> tuple[User, list[User], User]:
    elite = []
    for username, first, last, mobile, _category, title in PEOPLE:
        spec = _member_spec(username, first, last, mobile, title)
        user, _ = ensure_user(spec, DEMO_PASSWORD)
        ensure_grant(user, spec.grants[0])
        elite.append(user)
    username, first, last, mobile, _category, title = ACTOR
    spec = _member_spec(username, first, last, mobile, title)
    actor, _ = ensure_user(spec, DEMO_PASSWORD)
    ensure_grant(actor, spec.grants[0])
    return User.objects.get(username="member"), elite, actor


def _ensure_members(table: Roundtable, member: User, elite: list[User], actor: User) -> None:
    rows = [(member, "academic", True)]
    rows += [(user, spec[4], True) for user, spec in zip(elite, PEOPLE, strict=True)]
    rows.append((actor, ACTOR[4], False))
    for user, category, is_elite in rows:
        membership = services.member_invite(table=table, user=user, category=category, is_elite=is_elite, by=None)
        if membership.status == MembershipStatus.INVITED:
            services.invitation_respond(membership=membership, accept=True, by=user)


def _ensure_table(title: str, domain: str, description: str, governor: User) -> tuple[Roundtable, bool]:
    amol = Organization.objects.get(code=AMOL)
    table = Roundtable.objects.filter(organization=amol, title=title).first()
    if table is not None:
        return table, False
    table = services.table_create(
        organization=amol, title=title, domain=domain, secretary=governor, description=description, by=None
    )
    return table, True


def _election(table: Roundtable, voters: list[User]) -> None:
    """The tourism table elects its chair: three candidates, six elite voters, Schulze."""
    election = services.election_create(table=table, title="انتخاب رئیس میز تخصصی گردشگری", by=None)
    for user in voters[:3]:
        services.candidate_nominate(election=election, user=user, by=None)
    election = services.election_open(election=election, by=None)
    a, b, c = election.candidates.order_by("order").values_list("pk", flat=True)
    ballots = [[b, a, c], [b, c, a], [a, b, c], [b, a], [c, b, a], [a, b, c]]
    for user, ranking in zip(voters, ballots, strict=True):
        services.ballot_cast(election=election, ranking=ranking, by=user)
    services.election_close(election=election, by=None)


def _meeting(table: Roundtable, governor: User, today: dt.date) -> None:
    start = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=14), dt.time(16)))
    meeting = services.meeting_add(
        table=table,
        title="نشست نخست میز گردشگری: گردشگری چهارفصل",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        place="فرمانداری آمل",
        agenda="تشخیص مسئله فصلی بودن گردشگری؛ معرفی ظرفیت‌های بوم‌گردی لاریجان",
        by=None,
    )
    minutes_save(
        activity=meeting.activity,
        minutes=(
            "اعضا بر تشخیص دقیق مسئله پیش از تجویز راهکار تأکید کردند. مقرر شد آمار اقامت فصلی از اداره میراث "
            "فرهنگی گرفته و در نشست بعد بررسی شود."
        ),
        decisions=[Decision("گردآوری آمار اقامت فصلی اقامتگاه‌ها", governor, today + dt.timedelta(days=10))],
        version=meeting.activity.version,
        by=None,
    )


STATEMENTS = (
    "گردشگری آمل فقط به نوروز و تابستان محدود شده است.",
    "جشنواره‌های زمستانی می‌تواند گردشگر بیاورد.",
    "ساخت هتل تازه مهم‌تر از بوم‌گردی است.",
    "بوم‌گردی روستاهای لاریجان باید در اولویت باشد.",
    "اطلاع‌رسانی جاذبه‌های آمل در فضای مجازی ضعیف است.",
)


def _tourism_problem(table: Roundtable, member: User, elite: list[User], actor: User) -> None:
    title = "فصلی بودن گردشگری و خالی ماندن اقامتگاه‌ها"
    if Problem.objects.filter(table=table, title=title).exists():
        return
    problem = services.problem_create(
        table=table,
        title=title,
        description=(
            "گردشگران بیشتر در تعطیلات نوروز و تابستان به آمل می‌آیند و اقامتگاه‌ها و بوم‌گردی‌ها بیشتر سال خالی‌اند؛ "
            "ظرفیت‌های مغفول مانده گردشگری شهرستان بارور نشده است."
        ),
        by=elite[0],
    )
    problem = services.diagnosis_save(
        problem=problem,
        diagnosis="نبود برنامه گردشگری چهارفصل و ناشناخته ماندن جاذبه‌های غیرتابستانی.",
        cause="نبود رویداد و جاذبه در فصل سرد",
        evidence="اقامتگاه‌های بوم‌گردی لاریجان در پاییز و زمستان کمتر از یک‌سوم ظرفیت پر می‌شوند.",
        version=problem.version,
        by=elite[1],
    )
    problem = services.diagnosis_save(
        problem=problem,
        diagnosis=problem.diagnosis,
        cause="اطلاع‌رسانی پراکنده دستگاه‌ها",
        evidence="جاذبه‌های آمل صفحه و تقویم رویداد مشترکی ندارند.",
        version=problem.version,
        by=elite[3],
    )
    winter = services.solution_add(
        problem=problem,
        title="جشنواره زمستانی آش و غذاهای محلی آمل",
        description="با مشارکت سمن‌ها و بوم‌گردی‌ها",
        by=elite[2],
    )
    calendar = services.solution_add(problem=problem, title="تقویم مشترک رویدادهای گردشگری شهرستان", by=elite[3])
    hotel = services.solution_add(problem=problem, title="جذب سرمایه‌گذار برای هتل تازه", by=elite[4])
    voters = [member, *elite, actor]
    for user, scores in zip(
        voters, ((5, 4, 2), (4, 5, 1), (5, 3, 2), (4, 4, 3), (5, 5, 1), (3, 4, 4), (4, 3, 2)), strict=True
    ):
        for solution, score in zip((winter, calendar, hotel), scores, strict=True):
            services.solution_score(solution=solution, score=score, by=user)
    statements = [services.statement_add(problem=problem, text=text, by=member) for text in STATEMENTS]
    citizen = User.objects.get(username="citizen")
    services.problem_publish(problem=problem, by=None)
    # Two camps: ecotourism first (members who live in the villages) and hotels first; all agree on the first
    # and last statements.
    stances = {
        member: (1, 1, -1, 1, 1),
        elite[0]: (1, 1, 1, -1, 1),
        elite[1]: (1, 1, -1, 1, 1),
        elite[2]: (1, 0, -1, 1, 1),
        elite[3]: (1, 1, -1, 1, 1),
        elite[4]: (1, -1, 1, -1, 1),
        actor: (1, 0, 1, -1, 1),
        citizen: (1, 1, 1, -1, 0),
    }
    for user, values in stances.items():
        for statement, value in zip(statements, values, strict=True):
            services.statement_vote(statement=statement, value=value, by=user)
    # A citizen's proposal waits for the secretary: the review queue of the demo is not empty.
    services.statement_add(
        problem=problem, text="راه دسترسی روستاهای هدف گردشگری پیش از تبلیغ آن‌ها بهسازی شود", by=citizen
    )


def _agriculture_problem(table: Roundtable, governor: User, member: User, elite: list[User]) -> None:
    title = "خام‌فروشی برنج و نبود صنایع تبدیلی"
    if Problem.objects.filter(table=table, title=title).exists():
        return
    problem = services.problem_create(
        table=table,
        title=title,
        description="برنج آمل بیشتر خام و بی‌نام فروخته می‌شود و ارزش افزوده آن به شهرستان بازنمی‌گردد.",
        by=member,
    )
    services.diagnosis_save(
        problem=problem,
        diagnosis="زنجیره ارزش برنج در آمل کوتاه است.",
        cause="نبود برند جمعی و بسته‌بندی",
        evidence="بیشتر شالیکاران محصول را به واسطه‌ها می‌فروشند.",
        version=problem.version,
        by=elite[0],
    )
    brand = services.solution_add(problem=problem, title="برند جمعی برنج آمل با تعاونی شالیکاران", by=elite[1])
    services.solution_add(problem=problem, title="بازارچه دائمی محصولات کشاورزی", by=elite[2])
    for user, score in zip([member, *elite], (5, 4, 5, 3, 4, 5), strict=True):
        services.solution_score(solution=brand, score=score, by=user)
    services.solution_choose(
        solution=brand,
        milestones=["ثبت تعاونی و برند", "طراحی بسته‌بندی", "نخستین عرضه در بازار"],
        by=governor,
    )


def _social_problem(table: Roundtable, member: User, elite: list[User]) -> None:
    """A problem raised from a citizen's critique on the pilot's news page (linked, not copied), with solutions
    the demo's table member has yet to score: their home shows it."""
    title = "مشارکت کم فعالان اجتماعی در نشست‌های میزها"
    if Problem.objects.filter(table=table, title=title).exists():
        return
    critique = (
        Comment.objects.filter(
            kind=CommentKind.CRITIQUE,
            status=CommentStatus.PUBLISHED,
            page__organization__path__startswith=table.organization.path,
        )
        .order_by("id")
        .first()
    )
    problem = services.problem_create(
        table=table,
        title=title,
        description="شهروندان گفته‌اند زمان نشست‌ها دیر اعلام می‌شود و فعالان اجتماعی از آن بی‌خبر می‌مانند.",
        critique=critique,
        by=elite[3],
    )
    services.solution_add(problem=problem, title="اعلام زمان نشست‌ها دست‌کم یک هفته پیش از برگزاری", by=elite[3])
    services.solution_add(problem=problem, title="برگزاری نشست‌ها در عصر و در محله‌ها", by=elite[4])


def build(out: Any) -> None:
    governor = User.objects.get(username="governor")
    member, elite, actor = _people()
    today = timezone.localdate()
    made = 0
    for index, (title, domain, description) in enumerate(TABLES):
        table, created = _ensure_table(title, domain, description, governor)
        made += int(created)
        _ensure_members(table, member, elite, actor)
        if index == 0:
            if not table.is_published:
                table = services.table_publish(table=table, by=None)
            if not table.elections.exists():
                _election(table, [member, *elite])
            if not table.meetings.exists():
                _meeting(table, governor, today)
            _tourism_problem(table, member, elite, actor)
        elif index == 1:
            _agriculture_problem(table, governor, member, elite)
        else:
            _social_problem(table, member, elite)
    members = Membership.objects.filter(table__organization__code=AMOL).count()
    out.write(f"roundtables: tables {made} new, memberships {members}\n")
