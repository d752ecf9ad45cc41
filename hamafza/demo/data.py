"""The demo world's data: organizations and people from the seeds' stories, in Persian.

Plain values that touch no database (their shapes are in ``specs.py``); the builders in ``foundation.py``
turn them into rows. Codes and usernames are the stable keys a rerun looks things up by: never change them.
"""

from __future__ import annotations

from hamafza.demo.specs import AccountSpec, GrantSpec, OrgSpec, Person, persian_number
from hamafza.organizations.models import OrganizationKind as Kind
from hamafza.organizations.roles import Role

# Shared by every demo account and printed by ``hamafza demo``; passes Django's password validators.
DEMO_PASSWORD = "hamafza-demo-1403"  # noqa: S105 — a published demo password, not a secret

# --- Organizations -----------------------------------------------------------------------------------------

FARS = "فارس"
MAZANDARAN = "مازندران"
TEHRAN = "تهران"
MARKAZI = "مرکزی"

# Seed 000: the Fars governor's directive to the province's agencies about NGOs.
FARS_ORGANIZATIONS = (
    OrgSpec(
        code="fars-governorate",
        name="استانداری فارس",
        kind=Kind.GOVERNORATE,
        province=FARS,
        mission=(
            "تقویت سرمایه اجتماعی استان با تعامل هدفمند و مستمر دستگاه‌های اجرایی با سازمان‌های مردم‌نهاد: "
            "شناسایی سمن‌های همسو با مأموریت هر دستگاه، ارتباط دوسویه و منظم، بهره‌گیری از مشورت‌های "
            "تخصصی، نشست‌ها و برنامه‌های عملیاتی مشترک، و فراهم کردن امکانات برای جلسات، همایش‌ها و "
            "دوره‌های آموزشی آنان."
        ),
        tags=("مشارکت اجتماعی", "سرمایه اجتماعی", "سازمان‌های مردم‌نهاد"),
    ),
    OrgSpec(
        code="fars-behzisti",
        name="اداره کل بهزیستی فارس",
        kind=Kind.PROVINCIAL_OFFICE,
        parent="fars-governorate",
        province=FARS,
        mission=(
            "خدمات‌رسانی باکیفیت و اثربخش به جامعه هدف بهزیستی با همکاری سازمان‌های مردم‌نهاد فعال در "
            "توانبخشی، پیشگیری از آسیب‌های اجتماعی و حمایت از خانواده."
        ),
        tags=("رفاه اجتماعی", "آسیب‌های اجتماعی", "مشارکت اجتماعی"),
    ),
    OrgSpec(
        code="fars-environment",
        name="اداره کل حفاظت محیط زیست فارس",
        kind=Kind.PROVINCIAL_OFFICE,
        parent="fars-governorate",
        province=FARS,
        mission=("حفاظت از محیط زیست استان و کاهش آلودگی و پسماند با مشارکت سمن‌های محیط‌زیستی، داوطلبان و رسانه‌ها."),
        tags=("محیط زیست", "پسماند"),
    ),
    OrgSpec(
        code="fars-sport",
        name="اداره کل ورزش و جوانان فارس",
        kind=Kind.PROVINCIAL_OFFICE,
        parent="fars-governorate",
        province=FARS,
        mission="گسترش ورزش همگانی و توانمندسازی جوانان با بهره‌گیری از ظرفیت تشکل‌های جوانان و سمن‌ها.",
        tags=("ورزش", "جوانان", "مشارکت اجتماعی"),
    ),
    # Seed 001: a county governor's key works and goal-oriented programs for the county's challenges.
    OrgSpec(
        code="shiraz-governorate",
        name="فرمانداری شیراز",
        kind=Kind.COUNTY_GOVERNORATE,
        parent="fars-governorate",
        province=FARS,
        county="شیراز",
        mission=(
            "راهبری جلب و ارتقای مشارکت عمومی در شهرستان: تعریف کار شاخص و راهبردی در هر دوره، برنامه "
            "عملیاتی هدف‌محور برای حاشیه‌نشینی، پسماند و اشتغال، و اولویت دادن به پیشرفت مناطق محروم و "
            "حاشیه شهر."
        ),
        tags=("حاشیه‌نشینی", "پسماند", "اشتغال", "توسعه متوازن"),
    ),
)

# Seed 004 (and 001): Amol, the country's pilot of shared, people-based governance.
MAZANDARAN_ORGANIZATIONS = (
    OrgSpec(
        code="mazandaran-governorate",
        name="استانداری مازندران",
        kind=Kind.GOVERNORATE,
        province=MAZANDARAN,
        mission=("نظارت بر اجرای طرح حکمرانی اشتراکی و مردم‌پایه در شهرستان‌های استان و تعمیم تجربه‌های موفق آن."),
        tags=("حکمرانی مردم‌پایه", "مشارکت اجتماعی"),
    ),
    OrgSpec(
        code="amol-governorate",
        name="فرمانداری آمل",
        kind=Kind.COUNTY_GOVERNORATE,
        parent="mazandaran-governorate",
        province=MAZANDARAN,
        county="آمل",
        mission=(
            "پایلوت حکمرانی اشتراکی و مردم‌پایه در کشور: میزهای تخصصی با حضور مدیران و کارشناسان خبره، "
            "صاحب‌نظران، بازیگران میدانی، نخبگان دانشگاهی و فعالان اجتماعی؛ هسته‌های کلیدی مسئله‌محور و "
            "استعدادمحور؛ و مشارکت مردم در حوزه‌های مالی، لجستیک، طراحی و اجرا."
        ),
        tags=("حکمرانی مردم‌پایه", "مشارکت اجتماعی", "اشتغال", "پسماند", "حاشیه‌نشینی", "توسعه متوازن"),
    ),
    # The county's own agencies sit at the governor's tables; none has a manager in the platform yet, which is
    # the governor's first piece of work in the demo.
    OrgSpec(
        code="amol-municipality",
        name="شهرداری آمل",
        kind=Kind.MUNICIPALITY,
        parent="amol-governorate",
        province=MAZANDARAN,
        county="آمل",
        mission="خدمات شهری و مدیریت پسماند شهر آمل؛ عضو میز تخصصی پسماند شهرستان.",
        tags=("پسماند", "مدیریت شهری"),
    ),
    OrgSpec(
        code="amol-mcls",
        name="اداره تعاون، کار و رفاه اجتماعی شهرستان آمل",
        kind=Kind.COUNTY_OFFICE,
        parent="amol-governorate",
        province=MAZANDARAN,
        county="آمل",
        mission="اشتغال و کارآفرینی در شهرستان؛ عضو میز تخصصی اشتغال.",
        tags=("اشتغال",),
    ),
)

# Seed 002: Tehran municipality's periodic evaluation of its 22 districts.
TEHRAN_DISTRICT_COUNT = 22
TEHRAN_MUNICIPALITY = OrgSpec(
    code="tehran-municipality",
    name="شهرداری تهران",
    kind=Kind.MUNICIPALITY,
    province=TEHRAN,
    county=TEHRAN,
    city=TEHRAN,
    mission=(
        "تحقق شهروند مشارکت‌پذیر با برنامه‌ریزی مشارکتی و عملیاتی ستاد و مناطق؛ ارزیابی دوره‌ای مناطق ۲۲‌گانه "
        "در حوزه اجتماعی و فرهنگی با شاخص‌های به‌روز، شیوه‌نامه بازدید میدانی و چک‌لیست‌ها، عارضه‌یابی و "
        "بهبود مستمر فرایندها."
    ),
    tags=("مشارکت اجتماعی", "امور اجتماعی و فرهنگی", "مدیریت شهری"),
)


def tehran_district_code(number: int) -> str:
    return f"tehran-d{number:02d}"


def tehran_district(number: int) -> OrgSpec:
    persian = persian_number(number)
    return OrgSpec(
        code=tehran_district_code(number),
        name=f"منطقه {persian} شهرداری تهران",
        kind=Kind.MUNICIPAL_DISTRICT,
        parent=TEHRAN_MUNICIPALITY.code,
        province=TEHRAN,
        county=TEHRAN,
        city=TEHRAN,
        mission=(
            f"ارائه خدمات اجتماعی و فرهنگی و بسترسازی مشارکت شهروندان در منطقه {persian}؛ اجرای برنامه‌های "
            "ابلاغی ستاد و پاسخ‌گویی در ارزیابی دوره‌ای مناطق."
        ),
        tags=("مشارکت اجتماعی", "امور اجتماعی و فرهنگی"),
    )


TEHRAN_ORGANIZATIONS = (
    TEHRAN_MUNICIPALITY,
    *(tehran_district(number) for number in range(1, TEHRAN_DISTRICT_COUNT + 1)),
)

# The "public space" story: a ministry evaluates its provincial offices in rounds.
MINISTRY_CODE = "mcls"
_MCLS_TAGS = ("اشتغال", "رفاه اجتماعی", "تعاون")


def mcls_office(code: str, province: str) -> OrgSpec:
    return OrgSpec(
        code=code,
        name=f"اداره کل تعاون، کار و رفاه اجتماعی استان {province}",
        kind=Kind.PROVINCIAL_OFFICE,
        parent=MINISTRY_CODE,
        province=province,
        mission=(
            f"اجرای سیاست‌های تعاون، کار و رفاه اجتماعی در استان {province}؛ ارائه به‌موقع مستندات ارزیابی، "
            "شفافیت و تعامل با رسانه‌ها، ترویج فرهنگ نقدپذیری و فراهم کردن راهی آسان برای دریافت نظر مردم."
        ),
        tags=_MCLS_TAGS,
    )


MINISTRY_ORGANIZATIONS = (
    OrgSpec(
        code=MINISTRY_CODE,
        name="وزارت تعاون، کار و رفاه اجتماعی",
        kind=Kind.MINISTRY,
        mission=(
            "سیاست‌گذاری و راهبری تعاون، کار و رفاه اجتماعی؛ ارزیابی دوره‌ای «فضای عمومی» ادارات کل استانی در "
            "محورهای سلامت اداری، حقوق شهروندی، شورای هماهنگی، ارتباطات درونی و بیرونی و شایستگی‌های مدیریتی، "
            "و گردآوری چالش‌های اصلی استان‌ها برای ارجاع به حوزه‌های تخصصی ستاد."
        ),
        tags=_MCLS_TAGS,
    ),
    mcls_office("mcls-markazi", MARKAZI),
    mcls_office("mcls-fars", FARS),
    mcls_office("mcls-mazandaran", MAZANDARAN),
)

# Parents come before their children.
ORGANIZATIONS: tuple[OrgSpec, ...] = (
    *FARS_ORGANIZATIONS,
    *MAZANDARAN_ORGANIZATIONS,
    *TEHRAN_ORGANIZATIONS,
    *MINISTRY_ORGANIZATIONS,
)

# --- People: one per role, plus a second manager in another province ----------------------------------------

# The national IDs are made up, with check digits computed by the official algorithm.
ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec(
        "admin",
        Person("سارا", "عباسی", mobile="09121000010", national_id="4700529385"),
        grants=(GrantSpec(Role.SYSTEM_ADMIN, title="مدیر سامانه"),),
        is_admin=True,
    ),
    AccountSpec(
        "citizen",
        Person("مریم", "احمدی", mobile="09171000001", national_id="2280547317"),
        grants=(GrantSpec(Role.CITIZEN),),
    ),
    AccountSpec(
        "ngo",
        Person("علی", "رضایی", mobile="09171000002", national_id="2280618427"),
        grants=(GrantSpec(Role.NGO_REPRESENTATIVE, title="نماینده جمعیت داوطلبان محیط زیست شیراز", province=FARS),),
    ),
    AccountSpec(
        "staff",
        Person("حسین", "کاظمی", mobile="09121000003", national_id="4701293563"),
        grants=(
            GrantSpec(
                Role.AGENCY_STAFF,
                title="کارشناس امور اجتماعی و فرهنگی منطقه ۱۲",
                organization=tehran_district_code(12),
            ),
        ),
    ),
    AccountSpec(
        "manager",
        Person("زهرا", "کریمی", mobile="09171000004", national_id="2280934175"),
        grants=(GrantSpec(Role.AGENCY_MANAGER, title="مدیرکل بهزیستی فارس", organization="fars-behzisti"),),
    ),
    AccountSpec(
        "manager2",
        Person("رضا", "موسوی", mobile="09181000005", national_id="0520741285"),
        grants=(
            GrantSpec(
                Role.AGENCY_MANAGER,
                title="مدیرکل تعاون، کار و رفاه اجتماعی استان مرکزی",
                organization="mcls-markazi",
            ),
        ),
    ),
    # Seed 002: the HQ's inspectors visit every district, so the grant covers the municipality and below;
    # the same person inspects the ministry's provincial offices.
    AccountSpec(
        "inspector",
        Person("فاطمه", "محمدی", mobile="09121000006", national_id="4702165836"),
        grants=(
            GrantSpec(
                Role.INSPECTOR,
                title="بازرس ارزیابی ستادی مناطق",
                organization=TEHRAN_MUNICIPALITY.code,
            ),
            # The ministry's "public space" story: the 5-day field inspection of its provincial offices.
            GrantSpec(Role.INSPECTOR, title="بازرس فضای عمومی", organization=MINISTRY_CODE),
        ),
    ),
    AccountSpec(
        "evaluator",
        Person("سعید", "نوروزی", mobile="09121000007", national_id="4701489255"),
        grants=(
            GrantSpec(
                Role.EVALUATION_OFFICE,
                title="کارشناس ارزیابی عملکرد معاونت امور اجتماعی و فرهنگی",
                organization=TEHRAN_MUNICIPALITY.code,
            ),
            GrantSpec(Role.EVALUATION_OFFICE, title="کارشناس دفتر ارزیابی عملکرد وزارت", organization=MINISTRY_CODE),
        ),
    ),
    AccountSpec(
        "governor",
        Person("مهدی", "جعفری", mobile="09111000008", national_id="2060317746"),
        grants=(GrantSpec(Role.GOVERNOR, title="فرماندار آمل و دبیر میزهای تخصصی", organization="amol-governorate"),),
    ),
    AccountSpec(
        "member",
        Person("نرگس", "صادقی", mobile="09111000009", national_id="2060473519"),
        grants=(
            GrantSpec(
                Role.TABLE_MEMBER,
                title="عضو میز تخصصی اشتغال (نخبه دانشگاهی)",
                organization="amol-governorate",
            ),
        ),
    ),
    # Seed 000: comments on the province's news pages are published only by the rules; someone applies them.
    AccountSpec(
        "moderator",
        Person("امیر", "قاسمی", mobile="09171000011", national_id="2281156923"),
        grants=(
            GrantSpec(Role.MODERATOR, title="ناظر نظرات پایگاه اطلاع‌رسانی استان", organization="fars-governorate"),
        ),
    ),
)
