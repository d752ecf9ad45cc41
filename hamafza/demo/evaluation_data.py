"""Demo frameworks from the seeds: the ministry's "public space" axes, and a social-cultural checklist for
municipal districts (seed 002: indicators, a field-visit guideline with checklists, diagnosis first)."""

from __future__ import annotations

from hamafza.evaluation.services.frameworks import AxisSpec, IndicatorSpec, ItemSpec

YES_NO, SCALE, NUMBER, PERCENT, TEXT = "yes_no", "scale", "number", "percentage", "text"


def _item(code: str, title: str, kind: str, weight: float = 1, **extra: object) -> ItemSpec:
    return ItemSpec(code=code, title=title, item_type=kind, weight=weight, **extra)  # type: ignore[arg-type]


SOCIAL_DISTRICTS = [
    AxisSpec(
        "participation",
        "مشارکت شهروندان",
        0.35,
        [
            IndicatorSpec(
                "councils",
                "شورایاری‌ها و نهادهای محلی",
                0.5,
                [
                    _item(
                        "council_meetings",
                        "تعداد نشست‌های برگزارشده با شورایاری‌ها در دوره",
                        NUMBER,
                        standard=12,
                        help_text="صورت‌جلسه‌ها را به‌عنوان مستند بارگذاری کنید.",
                        is_evidence_required=True,
                    ),
                    _item("ngo_partners", "تعداد سمن‌های همکار در برنامه‌های منطقه", NUMBER, standard=10),
                ],
            ),
            IndicatorSpec(
                "voice",
                "دریافت نظر مردم",
                0.5,
                [
                    _item("feedback_channel", "آیا سامانه دریافت نظر و شکایت شهروندان فعال است؟", YES_NO),
                    _item("response_rate", "درصد نظرهای پاسخ‌داده‌شده در کمتر از ده روز", PERCENT, standard=90),
                ],
            ),
        ],
    ),
    AxisSpec(
        "culture",
        "برنامه‌های فرهنگی و اجتماعی",
        0.35,
        [
            IndicatorSpec(
                "programs",
                "اجرای برنامه‌ها",
                0.6,
                [
                    _item("program_done", "درصد تحقق برنامه‌های فرهنگی مصوب", PERCENT, 2, standard=100),
                    _item(
                        "program_quality",
                        "کیفیت اجرای برنامه‌ها از نگاه بازدیدکننده",
                        SCALE,
                        scale_min=0,
                        scale_max=4,
                        help_text="۰ بسیار ضعیف تا ۴ بسیار خوب",
                    ),
                ],
            ),
            IndicatorSpec(
                "spaces",
                "فضاهای فرهنگی",
                0.4,
                [
                    _item("spaces_open", "آیا فرهنگسراها و سراهای محله در ساعات اعلام‌شده باز بودند؟", YES_NO),
                ],
            ),
        ],
    ),
    AxisSpec(
        "social_harm",
        "کاهش آسیب‌های اجتماعی",
        0.30,
        [
            IndicatorSpec(
                "harm",
                "پیشگیری و کاهش آسیب",
                1,
                [
                    _item(
                        "homeless_cases", "تعداد موارد رهاشده گزارش‌شده بی‌پیگیری", NUMBER, direction="lower", standard=5
                    ),
                    _item("harm_plan", "آیا برنامه عملیاتی کاهش آسیب با حضور سمن‌ها تدوین شده است؟", YES_NO),
                    _item("harm_notes", "شرح اقدام‌های شاخص منطقه", TEXT, is_required=False),
                ],
            ),
        ],
    ),
]

PUBLIC_SPACE = [
    AxisSpec(
        "admin_health",
        "سلامت اداری",
        0.25,
        [
            IndicatorSpec(
                "integrity",
                "پیشگیری از فساد",
                1,
                [
                    _item("conflict_register", "آیا ثبت تعارض منافع مدیران انجام شده است؟", YES_NO),
                    _item("complaint_days", "میانگین روزهای رسیدگی به شکایت", NUMBER, direction="lower", standard=10),
                ],
            ),
        ],
    ),
    AxisSpec(
        "citizen_rights",
        "حقوق شهروندی",
        0.20,
        [
            IndicatorSpec(
                "rights",
                "رعایت حقوق ارباب رجوع",
                1,
                [
                    _item("charter_visible", "آیا منشور حقوق شهروندی در محل خدمت نصب است؟", YES_NO),
                    _item("satisfaction", "درصد رضایت ارباب رجوع در نظرسنجی", PERCENT, standard=85),
                ],
            ),
        ],
    ),
    AxisSpec(
        "coordination",
        "شورای هماهنگی",
        0.15,
        [
            IndicatorSpec(
                "council",
                "جلسات شورای هماهنگی",
                1,
                [
                    _item("council_sessions", "تعداد جلسات شورای هماهنگی در دوره", NUMBER, standard=6),
                ],
            ),
        ],
    ),
    AxisSpec(
        "communications",
        "ارتباطات درونی و بیرونی",
        0.20,
        [
            IndicatorSpec(
                "media",
                "رسانه و شفافیت",
                1,
                [
                    _item("media_relations", "کیفیت تعامل با رسانه‌ها و نقدپذیری", SCALE, scale_min=0, scale_max=4),
                    _item("evidence_on_time", "آیا مستندات ارزیابی به‌موقع ارسال شد؟", YES_NO),
                ],
            ),
        ],
    ),
    AxisSpec(
        "managerial",
        "شایستگی‌های مدیریتی",
        0.20,
        [
            IndicatorSpec(
                "competency",
                "شایستگی مدیران",
                1,
                [
                    _item("trained_managers", "درصد مدیرانی که دوره شایستگی را گذرانده‌اند", PERCENT, standard=80),
                ],
            ),
        ],
    ),
]
