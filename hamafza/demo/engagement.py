"""The engagement part of the demo world (seeds 000 and 001).

Fars: NGOs aligned with the welfare, environment and sport offices; the welfare office's confirmed partners,
a meeting with minutes and action items, a consultation answered, requests (one answered, one overdue), a hall
and its booking, partners of the joint program. Amol: the county's middle rings, one of them not contacted.
Idempotent like every builder: each object is looked up by a stable key (name, title, subject) first.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from hamafza.accounts.models import User
from hamafza.engagement.models import (
    ActionItem,
    Activity,
    Booking,
    EngagementRequest,
    Participant,
    Room,
    Stakeholder,
    StakeholderKind,
    Verification,
    name_keys,
)
from hamafza.engagement.services.activities import Decision, activity_create, minutes_save, participant_add
from hamafza.engagement.services.facilities import booking_decide, booking_request, room_create
from hamafza.engagement.services.programs import program_partner_add
from hamafza.engagement.services.relations import relationship_create
from hamafza.engagement.services.requests import request_create, request_reply, requests_escalate_overdue
from hamafza.engagement.services.stakeholders import (
    StakeholderData,
    domains_by_name,
    representative_link,
    stakeholder_create,
    stakeholder_verify,
)
from hamafza.organizations.models import Organization
from hamafza.persian import search_key
from hamafza.places.models import County, Province
from hamafza.programs.models import Program

if TYPE_CHECKING:
    from hamafza.demo.world import Output

FARS, MAZANDARAN = "فارس", "مازندران"

# (name, kind, registration number, domains, province, county, description)
STAKEHOLDERS: tuple[tuple[str, str, str, tuple[str, ...], str, str, str], ...] = (
    (
        "جمعیت امداد و پیشگیری از آسیب‌های اجتماعی شیراز",
        StakeholderKind.NGO,
        "۱۳۸۵۰",
        ("آسیب‌های اجتماعی", "زنان و خانواده"),
        FARS,
        "شیراز",
        "پیشگیری از آسیب‌های اجتماعی، مددکاری و حمایت از خانواده‌های آسیب‌دیده در محله‌های کم‌برخوردار شیراز؛ "
        "همکاری با بهزیستی در توانبخشی و خدمات‌رسانی به جامعه هدف.",
    ),
    (
        "انجمن حمایت از زنان سرپرست خانوار فارس",
        StakeholderKind.NGO,
        "۲۲۷۱۴",
        ("زنان و خانواده", "اشتغال", "آسیب‌های اجتماعی"),
        FARS,
        "",
        "توانمندسازی زنان سرپرست خانوار، آموزش مهارت و پیشگیری از آسیب‌های اجتماعی خانواده در شهرستان‌های فارس.",
    ),
    (
        "کانون توانبخشی معلولان مرودشت",
        StakeholderKind.NGO,
        "۳۱۰۹۲",
        ("معلولان و توانبخشی", "رفاه اجتماعی"),
        FARS,
        "مرودشت",
        "توانبخشی معلولان، خدمات‌رسانی باکیفیت به خانواده‌ها و همکاری با بهزیستی در طرح‌های حمایتی.",
    ),
    (
        "جمعیت داوطلبان محیط زیست شیراز",
        StakeholderKind.NGO,
        "۴۴۵۲۰",
        ("محیط زیست", "پسماند"),
        FARS,
        "شیراز",
        "پاکسازی طبیعت، کاهش پسماند و آموزش شهروندان برای حفاظت از محیط زیست استان با مشارکت داوطلبان.",
    ),
    (
        "شبکه تشکل‌های جوانان فارس",
        StakeholderKind.NGO,
        "۵۰۷۸۳",
        ("جوانان",),
        FARS,
        "",
        "توانمندسازی جوانان، ورزش همگانی و برنامه‌های فرهنگی با تشکل‌های جوانان استان.",
    ),
    (
        "انجمن پیشگیری از اعتیاد تهران",
        StakeholderKind.NGO,
        "۶۱۲۳۰",
        ("آسیب‌های اجتماعی",),
        "تهران",
        "",
        "پیشگیری از اعتیاد و آسیب‌های اجتماعی در محله‌های تهران.",
    ),
    # Seed 001: Amol's middle rings.
    ("شورای معتمدان محله‌های آمل", StakeholderKind.LOCAL_TRUSTEE, "", ("مشارکت اجتماعی",), MAZANDARAN, "آمل", ""),
    ("هفته‌نامه محلی صدای آمل", StakeholderKind.MEDIA, "", ("فرهنگ و هنر",), MAZANDARAN, "آمل", ""),
    ("هیئت‌های مذهبی و گروه‌های مرجع آمل", StakeholderKind.REFERENCE_GROUP, "", (), MAZANDARAN, "آمل", ""),
    ("دفتر شهرستانی حزب اعتدال آمل", StakeholderKind.PARTY, "", (), MAZANDARAN, "آمل", ""),
    ("استاد پیشکسوت دانشگاه آمل", StakeholderKind.PROMINENT_FIGURE, "", ("آموزش",), MAZANDARAN, "آمل", ""),
    ("کارآفرینان صنایع غذایی آمل", StakeholderKind.ENTREPRENEUR, "", ("اشتغال",), MAZANDARAN, "آمل", ""),
)


def _ensure_stakeholder(spec: tuple[Any, ...]) -> tuple[Stakeholder, bool]:
    name, kind, number, domains, province_name, county_name, description = spec
    existing = Stakeholder.objects.filter(compact_key=name_keys(name)[1]).first()
    if existing is not None:
        return existing, False
    province = Province.objects.get(name_key=search_key(province_name))
    counties = [County.objects.get(province=province, name_key=search_key(county_name))] if county_name else []
    stakeholder = stakeholder_create(
        data=StakeholderData(
            name=name,
            kind=kind,
            registration_number=number,
            description=description,
            domains=domains_by_name(domains),
            provinces=[province],
            counties=counties,
            volunteers=40 if kind == StakeholderKind.NGO else 0,
        ),
        by=None,
    )
    stakeholder_verify(stakeholder=stakeholder, verification=Verification.VERIFIED, by=None)
    return stakeholder, True


def _named(name: str) -> Stakeholder:
    return Stakeholder.objects.get(compact_key=name_keys(name)[1])


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def _ensure_meeting(welfare: Organization, manager: User, today: dt.date) -> int:
    title = "نشست فصلی بهزیستی فارس با سمن‌های حوزه آسیب‌های اجتماعی"
    if Activity.objects.filter(organization=welfare, title=title).exists():
        return 0
    hall = Room.objects.get(organization=welfare, name="سالن همایش‌های بهزیستی فارس")
    day = today - dt.timedelta(days=6)
    meeting = activity_create(
        organization=welfare,
        kind="meeting",
        title=title,
        starts_at=_at(day, 10),
        ends_at=_at(day, 12),
        room=hall,
        agenda="۱. گزارش سمن‌ها از محله‌های کم‌برخوردار\n۲. برنامه دوره آموزشی داوطلبان\n۳. درخواست‌های رسیده",
        by=None,
    )
    for name in ("جمعیت امداد و پیشگیری از آسیب‌های اجتماعی شیراز", "انجمن حمایت از زنان سرپرست خانوار فارس"):
        participant_add(activity=meeting, stakeholder=_named(name), by=None)
    participant_add(activity=meeting, user=manager, by=None)
    Participant.objects.filter(activity=meeting).update(attended=True)
    minutes_save(
        activity=meeting,
        minutes="سمن‌ها گزارش کار سه ماه گذشته را ارائه کردند. مقرر شد دوره آموزشی داوطلبان در ماه آینده برگزار شود.",
        decisions=[
            Decision("تهیه برنامه دوره آموزشی داوطلبان با همکاری سمن‌ها", manager, today + dt.timedelta(days=20)),
            Decision("گزارش محله‌های در اولویت برای مداخله", manager, today - dt.timedelta(days=2)),
        ],
        version=meeting.version,
        by=None,
    )
    consultation = activity_create(
        organization=welfare,
        kind="consultation",
        title="مشورت تخصصی درباره طرح مددکاری محله‌محور",
        starts_at=_at(today + dt.timedelta(days=3), 9),
        ends_at=_at(today + dt.timedelta(days=3), 10),
        place="دفتر معاونت اجتماعی",
        question="طرح مددکاری محله‌محور در حاشیه شیراز با چه اولویت‌هایی اجرا شود؟",
        by=None,
    )
    participant = participant_add(
        activity=consultation, stakeholder=_named("جمعیت امداد و پیشگیری از آسیب‌های اجتماعی شیراز"), by=None
    )
    participant.opinion = "اولویت با محله‌های سعدی و فرهنگ‌شهر است؛ مددکاران داوطلب از همان محله‌ها جذب شوند."
    participant.answered_at = timezone.now()
    participant.save(update_fields=["opinion", "answered_at"])
    return 2


def _ensure_requests(
    welfare: Organization, environment: Organization, manager: User, ngo_user: User, today: dt.date
) -> int:
    made = 0
    env_ngo = _named("جمعیت داوطلبان محیط زیست شیراز")
    if not EngagementRequest.objects.filter(subject="درخواست همکاری در پاکسازی دامنه کوه دراک").exists():
        answered = request_create(
            organization=environment,
            stakeholder=env_ngo,
            kind="support",
            subject="درخواست همکاری در پاکسازی دامنه کوه دراک",
            body="جمعیت داوطلبان برای پاکسازی دامنه کوه دراک در جمعه آینده به پشتیبانی و کیسه زباله نیاز دارد.",
            by=ngo_user,
        )
        request_reply(request=answered, body="اداره کل آماده همکاری است؛ هماهنگی با کارشناس پسماند انجام شد.", by=None)
        made += 1
    subject = "پیشنهاد برگزاری کارگاه پیشگیری از آسیب‌های اجتماعی در مدارس"
    if not EngagementRequest.objects.filter(subject=subject).exists():
        request_create(
            organization=welfare,
            stakeholder=_named("جمعیت امداد و پیشگیری از آسیب‌های اجتماعی شیراز"),
            kind="proposal",
            subject=subject,
            body="پیشنهاد می‌کنیم کارگاه‌های پیشگیری با همکاری مشاوران مدارس در نواحی چهارگانه شیراز برگزار شود.",
            by=None,
            today=today - dt.timedelta(days=30),  # left unanswered: past its deadline
        )
        made += 1
    return made


def _ensure_booking(welfare: Organization, today: dt.date) -> int:
    hall = Room.objects.filter(organization=welfare, name="سالن همایش‌های بهزیستی فارس").first()
    if hall is None:
        hall = room_create(
            organization=welfare,
            name="سالن همایش‌های بهزیستی فارس",
            capacity=120,
            description="شیراز، خیابان زند؛ ویدئوپروژکتور و سامانه صوتی.",
            by=None,
        )
    purpose = "دوره آموزشی داوطلبان انجمن حمایت از زنان سرپرست خانوار"
    if Booking.objects.filter(room=hall, purpose=purpose).exists():
        return 0
    day = today + dt.timedelta(days=12)
    manager = User.objects.get(username="manager")
    booking = booking_request(
        room=hall,
        stakeholder=_named("انجمن حمایت از زنان سرپرست خانوار فارس"),
        purpose=purpose,
        starts_at=_at(day, 9),
        ends_at=_at(day, 13),
        by=manager,
    )
    booking_decide(booking=booking, approve=True, by=manager)
    return 1


def _ensure_amol(today: dt.date) -> None:
    amol = Organization.objects.get(code="amol-governorate")
    trustees = _named("شورای معتمدان محله‌های آمل")
    title = "دیدار فرماندار آمل با معتمدان محله‌ها"
    if not Activity.objects.filter(organization=amol, title=title).exists():
        meeting = activity_create(
            organization=amol,
            kind="joint_session",
            title=title,
            starts_at=_at(today - dt.timedelta(days=20), 17),
            ends_at=_at(today - dt.timedelta(days=20), 19),
            place="فرمانداری آمل",
            by=None,
        )
        participant_add(activity=meeting, stakeholder=trustees, by=None)


def build(out: Output) -> None:
    today = timezone.localdate()
    created = sum(_ensure_stakeholder(spec)[1] for spec in STAKEHOLDERS)
    welfare = Organization.objects.get(code="fars-behzisti")
    environment = Organization.objects.get(code="fars-environment")
    manager = User.objects.get(username="manager")
    ngo_user = User.objects.get(username="ngo")
    representative_link(user=ngo_user, stakeholder=_named("جمعیت داوطلبان محیط زیست شیراز"), by=None)
    start = today - dt.timedelta(days=100)
    for name, kind in (
        ("جمعیت امداد و پیشگیری از آسیب‌های اجتماعی شیراز", "partner"),
        ("انجمن حمایت از زنان سرپرست خانوار فارس", "consultant"),
    ):
        relationship_create(organization=welfare, stakeholder=_named(name), kind=kind, starts_on=start, by=None)
    relationship_create(
        organization=environment,
        stakeholder=_named("جمعیت داوطلبان محیط زیست شیراز"),
        kind="partner",
        starts_on=start,
        by=None,
    )
    booked = _ensure_booking(welfare, today)
    activities = _ensure_meeting(welfare, manager, today)
    requests = _ensure_requests(welfare, environment, manager, ngo_user, today)
    escalated = requests_escalate_overdue(today=today)
    program = Program.objects.filter(code="fars-behzisti-social-harms-1404").first()
    if program is not None:
        program_partner_add(
            program=program,
            stakeholder=_named("جمعیت امداد و پیشگیری از آسیب‌های اجتماعی شیراز"),
            role="partner",
            contribution="بیست مددکار داوطلب و برگزاری کارگاه‌های محله‌ای",
            by=None,
        )
    _ensure_amol(today)
    items = ActionItem.objects.filter(activity__organization=welfare).count()
    out.write(
        f"engagement: stakeholders {created} new, activities {activities} new, requests {requests} new, "
        f"bookings {booked} new, overdue escalated {escalated}, action items {items}\n"
    )
