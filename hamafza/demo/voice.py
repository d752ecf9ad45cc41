"""Demo: the seed articles as agencies' news, with comments that exercise every rule, moderators' decisions,
an appeal, the agencies' answers in each status, and ratings. Idempotent: an article already published by its
agency (same title) is left as it is."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from hamafza.accounts.models import User
from hamafza.demo.voice_data import ARTICLES
from hamafza.organizations.models import Organization
from hamafza.persian import to_persian_digits
from hamafza.voice.models import AgencyResponse, Comment, CommentStatus, NewsItem
from hamafza.voice.services.comments import comment_create, rating_set
from hamafza.voice.services.moderation import comment_appeal, comments_decide
from hamafza.voice.services.pages import news_create
from hamafza.voice.services.responses import response_update

# (kind, text, account username or "", display name, days ago). Triage decides what is held; see DECISIONS.
COMMENTS: dict[str, tuple[tuple[str, str, str, str, int], ...]] = {
    "000": (
        (
            "critique",
            "مدیران دستگاه‌های اجرایی فارس سال‌هاست به نامه‌های سمن‌ها پاسخ نمی‌دهند؛ این ابلاغیه هم تا امروز اجرا نشده است.",
            "citizen",
            "",
            40,
        ),
        (
            "suggestion",
            "پیشنهاد می‌کنم برای هر دستگاه اجرایی یک رابط ثابت با سازمان‌های مردم‌نهاد تعیین و نامش اعلام شود.",
            "ngo",
            "",
            35,
        ),
        ("question", "فهرست سازمان‌های مردم‌نهاد طرف تعامل با استانداری کجا منتشر می‌شود؟", "", "نگار", 30),
        (
            "opinion",
            "سرمایه اجتماعی استان با همین مشارکت داوطلبانه شهروندان ساخته می‌شود؛ امیدوارم ابلاغیه اجرا شود.",
            "",
            "",
            28,
        ),
        (
            "critique",
            "مدیرکل بهزیستی استان حتی یک جلسه با سمن‌های حوزه معلولان نگذاشته؛ این بی‌توجهی جای پاسخ دارد.",
            "",
            "حمید",
            25,
        ),
        ("opinion", "این استاندار ا ح م ق فقط ابلاغیه صادر می‌کند.", "citizen", "", 20),
        ("opinion", "Great news for NGOs in Fars province, thank you.", "", "", 18),
        ("opinion", "کسی می‌داند قیمت دلار فردا چقدر می‌شود؟ برای خرید خودرو لازم دارم.", "", "", 15),
        ("opinion", "کسب درآمد روزانه در خانه! تماس: 09121234567", "", "", 12),
    ),
    "001": (
        (
            "critique",
            "فرمانداری شیراز منتقدان را به جلسه دعوت نمی‌کند؛ هنر فرماندار که معاون وزیر می‌گوید را ما ندیده‌ایم.",
            "citizen",
            "",
            33,
        ),
        (
            "suggestion",
            "فرمانداران کار شاخص خود را روی سایت فرمانداری منتشر کنند تا مردم پیشرفتش را ببینند.",
            "",
            "کاوه",
            27,
        ),
        ("opinion", "منتقدان دلسوزترین افراد شهرستان هستند، نه دشمن آن.", "", "", 22),
        ("opinion", "هذه خطوة جيدة ولكن يجب أن يستمع المسؤولون إلى الناس.", "", "", 10),
        ("opinion", "farmandar bayad az montaghedan estefade kone", "", "", 9),
    ),
    "002": (
        (
            "critique",
            "ارزیابی ستادی مناطق همیشه با هماهنگی قبلی انجام می‌شود و مناطق فقط برای همان روز ظاهرسازی می‌کنند.",
            "",
            "شهروند منطقه ۱۲",
            45,
        ),
        ("question", "شیوه‌نامه بازدیدهای میدانی مناطق کجا منتشر شده است؟", "", "", 38),
        ("opinion", "مدیران شهرداری همه‌شان اختلاسگر و رشوه‌خوار هستند.", "", "", 14),
    ),
    "004": (
        (
            "suggestion",
            "زمان جلسات میزهای تخصصی شهرستان آمل را از پیش اطلاع‌رسانی کنید تا فعالان اجتماعی هم بیایند.",
            "member",
            "",
            50,
        ),
        (
            "critique",
            "سه سال از پایلوت حکمرانی مردم‌پایه گذشته و هنوز گزارش عمومی از نتیجه‌اش منتشر نشده است.",
            "",
            "رضا",
            32,
        ),
        ("opinion", "آمل شهر ما است و از این طرح حکمرانی مشارکتی خوشحالیم؛ فقط نتیجه را ببینیم.", "", "", 21),
        ("opinion", "بلیط ارزان کیش و مشهد، تماس ۰۹۱۵ ۱۱۱ ۲۲ ۳۳", "", "", 6),
    ),
}
# Which held comments the moderator rejects (with the rule) or publishes; the rest wait in the queue.
DECISIONS = {
    "این استاندار ا ح م ق": ("reject", "insult"),
    "کسب درآمد روزانه": ("reject", "spam"),
    "مدیران شهرداری همه‌شان": ("reject", "insult"),
}
APPEAL = ("این استاندار ا ح م ق", "منظورم توهین نبود؛ می‌خواستم بگویم ابلاغیه کافی نیست.")
# The agency's answer per critique or suggestion (by its first words): status, answer, days after receipt.
ANSWERS = {
    "مدیران دستگاه‌های اجرایی فارس": (
        "answered",
        "دبیرخانه تعامل با سمن‌ها در استانداری فعال شد و گزارش اجرای ابلاغیه هر فصل منتشر می‌شود.",
        6,
    ),
    "پیشنهاد می‌کنم برای هر دستگاه": (
        "acted",
        "رابطان سمن در ۲۴ دستگاه اجرایی تعیین و فهرستشان روی پایگاه استانداری منتشر شد.",
        12,
    ),
    "مدیرکل بهزیستی استان": ("under_review", "", 0),
    "فرمانداری شیراز منتقدان": (
        "answered",
        "نشست ماهانه فرماندار با منتقدان و فعالان مدنی از ماه آینده برگزار می‌شود.",
        16,
    ),
    "ارزیابی ستادی مناطق": ("answered", "از این دوره بخشی از بازدیدهای میدانی بدون اطلاع قبلی انجام می‌شود.", 9),
    "زمان جلسات میزهای تخصصی": ("acted", "برنامه جلسات میزهای تخصصی هر ماه در کانال رسمی فرمانداری اعلام می‌شود.", 4),
}


# An announcement of the Fars welfare office (not from a seed): its own manager answers the critique under it.
ANNOUNCEMENT = (
    "fars-behzisti",
    "manager",
    "اطلاعیه: نوبت‌دهی خدمات توانبخشی با همکاری سازمان‌های مردم‌نهاد",
    "اداره کل بهزیستی فارس نوبت‌دهی خدمات توانبخشی را با همکاری سازمان‌های مردم‌نهاد فعال در حوزه معلولان انجام می‌دهد.",
    (
        "خانواده‌های دارای فرد معلول می‌توانند از طریق سمن‌های طرف قرارداد در شیراز و شهرستان‌ها برای خدمات "
        "توانبخشی، گفتاردرمانی و کاردرمانی نوبت بگیرند.",
        "سازمان‌های مردم‌نهاد حوزه معلولان فهرست متقاضیان را هر هفته به اداره کل بهزیستی فارس می‌فرستند و "
        "نوبت‌ها حداکثر ظرف دو هفته اعلام می‌شود.",
    ),
)


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first() if username else None


def build(out: Any) -> None:
    admin = User.objects.filter(username="admin").first()
    moderator = User.objects.filter(username="moderator").first()
    created = 0
    for key, org_code, title, raw_paragraphs in ARTICLES:
        # The seed articles write some numbers in Latin digits; the site shows Persian ones («۲۲ گانه»).
        paragraphs = [to_persian_digits(paragraph) for paragraph in raw_paragraphs]
        title = to_persian_digits(title)
        organization = Organization.objects.filter(code=org_code).first()
        if organization is None or NewsItem.objects.filter(organization=organization, title=title).exists():
            continue
        published = timezone.now() - timedelta(days=60 - created * 3)
        item = news_create(
            organization=organization,
            title=title,
            lead=paragraphs[0],
            body="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs[1:]),
            published_at=published,
            by=admin,
        )
        NewsItem.objects.filter(pk=item.pk).update(view_count=120 + 37 * created)
        created += 1
        _comment_on(item, key, moderator, admin)
        for index, stars in enumerate((5, 4, 4, 3, 5, 2)):
            rating_set(page=item.page, stars=stars, browser_key=f"demo-{key}-{index}", by=None)
    created += _announce()
    out.write(f"voice: {created} news items with comments, decisions and answers\n")


def _comment_on(item: NewsItem, key: str, moderator: User | None, admin: User | None) -> None:
    now = timezone.now()
    first_reply_done = False
    for index, (kind, text, username, name, days_ago) in enumerate(COMMENTS.get(key, ())):
        comment = comment_create(
            page=item.page, text=text, kind=kind, author_name=name, by=_user(username), address=f"demo-{key}-{index}"
        )
        when = now - timedelta(days=days_ago)
        Comment.objects.filter(pk=comment.pk).update(created_at=when)
        AgencyResponse.objects.filter(comment=comment).update(received_at=when, due_on=_due(when))
        if comment.status == CommentStatus.PUBLISHED and not first_reply_done and kind == "opinion":
            comment_create(
                page=item.page, text="موافقم؛ امیدوارم این بار جدی گرفته شود.", parent=comment, address=f"demo-{key}-r"
            )
            first_reply_done = True
        for prefix, (action, rule) in DECISIONS.items():
            if text.startswith(prefix) and moderator is not None:
                comments_decide(
                    organization=item.organization, comment_ids=[comment.pk], action=action, rule=rule,
                    by=moderator if _moderates(moderator, item) else admin,
                )  # fmt: skip
                if text.startswith(APPEAL[0]) and comment.author_id:
                    comment.refresh_from_db()
                    comment_appeal(comment=comment, text=APPEAL[1], by=comment.author)
        for prefix, (status, answer, after_days) in ANSWERS.items():
            case = AgencyResponse.objects.filter(comment=comment).first()
            if case is None or not text.startswith(prefix):
                continue
            response_update(response=case, status="under_review", version=case.version, by=admin)
            if status != "under_review":
                case.refresh_from_db()
                response_update(response=case, status=status, answer=answer, version=case.version, by=admin)
                AgencyResponse.objects.filter(pk=case.pk).update(answered_at=when + timedelta(days=after_days))


def _announce() -> int:
    org_code, username, title, lead, paragraphs = ANNOUNCEMENT
    organization = Organization.objects.filter(code=org_code).first()
    author = _user(username)
    if (
        organization is None
        or author is None
        or NewsItem.objects.filter(organization=organization, title=title).exists()
    ):
        return 0
    news_create(
        organization=organization,
        kind="announcement",
        title=title,
        lead=lead,
        body="".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
        published_at=timezone.now() - timedelta(days=2),
        by=author,
    )
    return 1


def _due(when: Any) -> Any:
    from hamafza.holidays.services import working_days_add
    from hamafza.voice.models import RESPONSE_WORKING_DAYS

    return working_days_add(timezone.localdate(when), RESPONSE_WORKING_DAYS)


def _moderates(user: User, item: NewsItem) -> bool:
    from hamafza.voice import permissions

    return permissions.can_moderate_organization(user, item.organization)
