"""The development part of the demo world (seeds 001 and 004): Amol's talent core ranked with AHP weights and
TOPSIS, the development indicators of Mazandaran's counties (the most deprived first), the Amol governor's key
works with milestones, people's pledges to them, and two successful experiences.

Idempotent: capacities and indicators by (owner, title), key works by their program's code, pledges by
(program, name, kind), experiences by (owner, title).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import jdatetime
from django.utils import timezone

from hamafza.accounts.models import User
from hamafza.development.models import Capacity, Experience, Indicator, IndicatorValue, Pledge
from hamafza.development.services import (
    capacity_create,
    experience_adopt,
    experience_create,
    indicator_create,
    indicator_values_set,
    key_work_create,
    pledge_advance,
    pledge_create,
    weights_set,
)
from hamafza.engagement.models import Stakeholder
from hamafza.organizations.models import Organization
from hamafza.persian import normalize
from hamafza.places.models import County
from hamafza.programs.models import Program
from hamafza.programs.services import milestone_add, milestone_update_progress, program_publish

if TYPE_CHECKING:
    from hamafza.demo.world import Output

# Seed 004: «اولویت با مهم‌ترین، پایدارترین و بلندمدت‌ترین کاربری». Importance matters three times sustainability
# and five times long-term use; sustainability three times long-term use (CR 0.033).
AMOL_JUDGEMENTS = [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]

# (title, kind, importance, sustainability, long-term use, description)
AMOL_CAPACITIES = (
    (
        "کوه دماوند و مسیرهای کوهنوردی لاریجان",
        "natural",
        9,
        9,
        9,
        "بام ایران در بخش لاریجان آمل؛ گردشگری کوهستان در همه فصل‌ها.",
    ),
    ("چشمه‌های آب‌گرم لاریجان", "natural", 8, 7, 8, "آب‌درمانی و گردشگری سلامت در روستاهای لاریجان."),
    (
        "نخبگان دانشگاهی و دانشگاه‌های شهرستان",
        "people",
        8,
        7,
        9,
        "استادان و دانش‌آموختگان آماده حضور در میزهای تخصصی و هسته‌های کلیدی.",
    ),
    ("شالیزارها و کشاورزان برنج آمل", "natural", 8, 6, 7, "برنج مرغوب آمل و زنجیره فرآوری و بسته‌بندی آن."),
    ("آرامگاه میربزرگ و بافت تاریخی آمل", "cultural", 7, 9, 8, "بنای تاریخی و گردشگری فرهنگی مرکز شهر."),
    ("گروه‌های صنایع دستی و زنان سرپرست خانوار", "skilled_group", 6, 6, 7, "حصیربافی و دست‌بافته‌ها با پشتیبانی سمن‌ها."),
    ("بازار سنتی آمل", "place", 6, 7, 6, "راسته‌های قدیمی بازار با ظرفیت گردشگری و کسب‌وکار محلی."),
    (
        "ساختمان‌های بلااستفاده دستگاه‌های دولتی",
        "building",
        5,
        4,
        5,
        "فضاهای خالی قابل واگذاری برای کارگاه و مرکز نوآوری.",
    ),
)

# Mazandaran's counties: literacy %, unemployment % (a cost), doctors per 10,000, urban population %, rural
# households with natural gas %. Rounded figures in the range of the provincial statistical yearbook.
INDICATORS = (
    ("نرخ باسوادی", "درصد", True),
    ("نرخ بیکاری", "درصد", False),
    ("پزشک به ازای ده هزار نفر", "نفر", True),
    ("سهم جمعیت شهری", "درصد", True),
    ("خانوارهای روستایی دارای گاز طبیعی", "درصد", True),
)
COUNTY_VALUES = {
    "ساری": (91.5, 8.9, 14.2, 68, 97),
    "بابل": (91.0, 9.4, 12.8, 55, 96),
    "آمل": (90.2, 9.8, 10.5, 54, 95),
    "قایم شهر": (90.5, 10.6, 9.8, 70, 96),
    "بابلسر": (91.2, 9.0, 9.1, 57, 98),
    "بهشهر": (89.6, 10.1, 7.9, 58, 94),
    "نوشهر": (90.8, 8.7, 8.6, 62, 93),
    "چالوس": (90.1, 9.2, 8.4, 60, 92),
    "تنکابن": (89.9, 9.6, 8.0, 57, 91),
    "رامسر": (90.4, 9.1, 8.8, 64, 90),
    "محمودآباد": (88.9, 11.2, 5.2, 33, 93),
    "نور": (89.1, 10.4, 5.6, 42, 90),
    "فریدونکنار": (89.0, 11.0, 5.9, 62, 95),
    "جویبار": (88.5, 11.5, 5.0, 38, 94),
    "نکا": (88.7, 11.3, 5.4, 43, 92),
    "عباس آباد": (89.3, 10.2, 4.9, 48, 89),
    "سوادکوه": (87.9, 12.1, 4.6, 45, 82),
    "کلاردشت": (87.2, 11.8, 3.6, 40, 78),
    "میاندورود": (86.9, 12.6, 2.9, 25, 85),
    "گلوگاه": (86.5, 13.4, 3.1, 36, 84),
    "سیمرغ": (86.8, 13.0, 2.7, 30, 88),
    "سوادکوه شمالی": (85.4, 14.2, 2.2, 22, 70),
}
MOST_DEPRIVED = "سوادکوه شمالی"

# (code, title, challenge, goals, publish, milestones: (title, weight, progress, due in days))
KEY_WORKS = (
    (
        "amol-key-work-marginal-settlements",
        "ساماندهی سکونتگاه‌های غیررسمی حاشیه شهر آمل",
        "marginal_settlements",
        "بهسازی معابر و خدمات پایه محله‌های حاشیه شهر با مشارکت معتمدان محلی\nتوانمندسازی خانوارهای کم‌برخوردار",
        True,
        (
            ("شناسایی و نقشه‌برداری محله‌های حاشیه‌ای با شورای معتمدان", "1", 100, -60),
            ("بهسازی معابر و روشنایی محله‌ها", "3", 40, -5),
            ("راه‌اندازی دفتر تسهیلگری محله", "2", 10, 90),
        ),
    ),
    (
        "amol-key-work-waste",
        "کاهش دفن پسماند و راه‌اندازی تفکیک از مبدأ در آمل",
        "waste",
        "تفکیک از مبدأ در همه محله‌های شهر\nکاهش یک‌سوم پسماند دفنی تا پایان سال",
        True,
        (
            ("طراحی سامانه تفکیک با مشارکت سمن‌های محیط زیستی", "1", 100, -40),
            ("آموزش خانوارها و مدارس", "2", 55, 45),
        ),
    ),
    (
        "amol-key-work-employment",
        "اشتغال جوانان روستایی با تکیه بر گردشگری لاریجان",
        "employment",
        "ایجاد کسب‌وکارهای خرد گردشگری کوهستان با سرمایه‌گذاران و کارآفرینان شهرستان",
        False,
        (("نیازسنجی و شناسایی سرمایه‌گذاران", "1", 0, 60),),
    ),
)

# (program code, username, pledger kind, kind, amount, description, public name, status to reach)
PLEDGES = (
    ("amol-key-work-marginal-settlements", "citizen", "citizen", "money", 150_000_000, "", True, "delivered"),
    (
        "amol-key-work-marginal-settlements",
        "citizen",
        "citizen",
        "execution",
        None,
        "داوطلب نظارت مردمی بر بهسازی معابر محله",
        False,
        "confirmed",
    ),
    (
        "amol-key-work-waste",
        "ngo",
        "ngo",
        "design",
        None,
        "طراحی بسته آموزشی تفکیک پسماند برای مدارس",
        True,
        "confirmed",
    ),
    (
        "amol-key-work-waste",
        "citizen",
        "investor",
        "logistics",
        None,
        "در اختیار گذاشتن دو خودروی جمع‌آوری پسماند خشک",
        True,
        "pledged",
    ),
)

EXPERIENCES = (
    {
        "owner": "amol-governorate",
        "title": "میزهای تخصصی شهرستان با رئیس منتخب نخبگان",
        "problem": "نبود سازوکار مناسب و چارچوب ساختاری در حکمرانی مردم‌پایه در سطح شهرستان.",
        "action": (
            "راه‌اندازی میزهای تخصصی با مشارکت مدیران و کارشناسان خبره دستگاه‌های اجرایی، صاحب‌نظران، بازیگران "
            "میدانی، نخبگان دانشگاهی و فعالان اجتماعی و سیاسی؛ ریاست هر میز به انتخاب نخبگان عضو."
        ),
        "result": (
            "در برخی حوزه‌ها مدیر دستگاه مرتبط خود داوطلب و پیگیر تدوین برنامه‌های اجرایی در قالب میزهای تخصصی "
            "شد؛ مشارکت مردم در حوزه‌های مالی، لجستیک، طراحی و اجرا افزایش یافت."
        ),
        "evidence": "گزارش پایگاه خبری پیام مازند، خرداد ۱۴۰۲: «آمل پایلوت طرح حکمرانی اشتراکی و مردم‌پایه در کشور شد».",
        "contacts": "دبیرخانه میزهای تخصصی فرمانداری آمل",
        "tags": "حکمرانی مردم‌پایه، میز تخصصی، مشارکت اجتماعی",
        "programs": ("amol-key-work-waste",),
        "adopted_by": ("shiraz-governorate",),
    },
    {
        "owner": "amol-governorate",
        "title": "هسته‌های کلیدی استعدادمحور برای باروری ظرفیت‌های مغفول",
        "problem": "ظرفیت‌های بومی شهرستان (طبیعی، فرهنگی، انسانی) بی‌برنامه مانده و به کار توسعه نمی‌آمد.",
        "action": (
            "تشکیل هسته‌های کلیدی در سطح ادارات، نهادها و جامعه؛ ظرفیت‌ها با سه معیار مهم‌ترین، پایدارترین و "
            "بلندمدت‌ترین کاربری اولویت‌بندی شد."
        ),
        "result": "فهرست اولویت‌دار ظرفیت‌ها پایه تعریف کار شاخص اشتغال روستایی در لاریجان شد.",
        "evidence": "صورت‌جلسه هسته استعدادمحور فرمانداری آمل",
        "contacts": "معاونت توسعه فرمانداری آمل",
        "tags": "استعدادمحور، ظرفیت‌های بومی، اشتغال",
        "programs": ("amol-key-work-employment",),
        "adopted_by": (),
    },
)


def _capacities(owner: Organization) -> int:
    if not hasattr(owner, "capacity_weights"):
        weights_set(owner=owner, matrix=AMOL_JUDGEMENTS, by=None)
    county = County.objects.filter(pk=owner.county_id).first()
    created = 0
    for title, kind, importance, sustainability, long_term, description in AMOL_CAPACITIES:
        if Capacity.objects.filter(owner=owner, title=normalize(title)).exists():
            continue
        capacity_create(
            owner=owner,
            by=None,
            title=title,
            kind=kind,
            importance=importance,
            sustainability=sustainability,
            long_term=long_term,
            description=description,
            county=county,
        )
        created += 1
    return created


def _indicators(owner: Organization) -> int:
    counties = {c.name: c.pk for c in County.objects.filter(province_id=owner.province_id)}
    created = 0
    for index, (title, unit, benefit) in enumerate(INDICATORS):
        indicator = Indicator.objects.filter(owner=owner, title=title).first()
        if indicator is None:
            indicator = indicator_create(owner=owner, title=title, unit=unit, is_benefit=benefit, by=None)
            created += 1
        if IndicatorValue.objects.filter(indicator=indicator).exists():
            continue
        values = {counties[name]: float(row[index]) for name, row in COUNTY_VALUES.items() if name in counties}
        indicator_values_set(indicator=indicator, values=values, by=None)
    return created


def _key_works(owner: Organization, governor: User, today: dt.date) -> int:
    year = jdatetime.date.fromgregorian(date=today).year
    created = 0
    for code, title, challenge, goals, publish, milestones in KEY_WORKS:
        if Program.objects.filter(code=code).exists():
            continue
        key_work = key_work_create(
            owner=owner,
            title=title,
            goals=goals,
            challenge=challenge,
            jalali_year=year,
            county=owner.county,
            governor=governor,
            start_date=today - dt.timedelta(days=90),
            end_date=today + dt.timedelta(days=180),
            code=code,
            by=None,
        )
        program = key_work.program
        for m_title, weight, progress, due in milestones:
            milestone = milestone_add(
                program=program, title=m_title, weight=weight, due_date=today + dt.timedelta(days=due), by=None
            )
            if progress:
                milestone_update_progress(milestone=milestone, progress=progress, by=None)
        if publish:
            program_publish(program=program, by=None)
        created += 1
    return created


def _pledges() -> int:
    created = 0
    for code, username, pledger_kind, kind, amount, description, public, status in PLEDGES:
        program = Program.objects.get(code=code)
        user = User.objects.get(username=username)
        stakeholder = None
        if pledger_kind == "ngo":
            stakeholder = Stakeholder.objects.filter(name=normalize("جمعیت داوطلبان محیط زیست شیراز")).first()
            if stakeholder is None:
                continue
        name = stakeholder.name if stakeholder else user.get_full_name()
        if Pledge.objects.filter(program=program, name=name, kind=kind).exists():
            continue
        pledge = pledge_create(
            program=program,
            by=user,
            pledger_kind=pledger_kind,
            kind=kind,
            amount=amount,
            description=description,
            name=name,
            public_name=public,
            stakeholder=stakeholder,
        )
        for step in ("confirmed", "delivered"):
            if pledge.status == status:
                break
            pledge = pledge_advance(pledge=pledge, to=step, by=None)
        created += 1
    return created


def _experiences() -> int:
    created = 0
    for spec in EXPERIENCES:
        owner = Organization.objects.get(code=spec["owner"])
        if Experience.objects.filter(owner=owner, title=normalize(spec["title"])).exists():
            continue
        experience = experience_create(
            owner=owner,
            by=None,
            is_published=True,
            programs=list(Program.objects.filter(code__in=spec["programs"])),
            **{k: spec[k] for k in ("title", "problem", "action", "result", "evidence", "contacts", "tags")},
        )
        for code in spec["adopted_by"]:
            experience_adopt(experience=experience, organization=Organization.objects.get(code=code), by=None)
        created += 1
    return created


def build(out: Output) -> None:
    today = timezone.localdate()
    amol = Organization.objects.get(code="amol-governorate")
    mazandaran = Organization.objects.get(code="mazandaran-governorate")
    governor = User.objects.get(username="governor")
    capacities = _capacities(amol)
    indicators = _indicators(mazandaran)
    key_works = _key_works(amol, governor, today)
    pledges = _pledges()
    experiences = _experiences()
    out.write(
        f"development: capacities {capacities}, indicators {indicators}, key works {key_works}, "
        f"pledges {pledges}, experiences {experiences} new\n"
    )
