from __future__ import annotations

from typing import Any

import pytest

from hamafza.voice.services.pages import news_create

ARTICLE = (
    "<p>استاندار فارس در ابلاغیه‌ای رسمی بر تعامل هدفمند مدیران دستگاه‌های اجرایی با سازمان‌های مردم‌نهاد تأکید کرد.</p>"
    "<p>مشارکت داوطلبانه شهروندان سرمایه اجتماعی استان را تقویت می‌کند و مدیران باید با سمن‌ها جلسه منظم داشته باشند.</p>"
)


@pytest.fixture
def voice_world(db: Any, make_org: Any, make_user: Any, grant: Any) -> Any:
    """Fars governorate with one office under it, Tehran municipality, their staff, two moderators, a citizen."""

    class World:
        fars = make_org("استانداری فارس", kind="governorate")
        welfare = make_org("اداره کل بهزیستی فارس", kind="provincial_office", parent=fars)
        tehran = make_org("شهرداری تهران", kind="municipality")
        fars_staff = make_user("fars_staff", first_name="کارشناس", last_name="استانداری")
        tehran_staff = make_user("tehran_staff")
        fars_moderator = make_user("fars_moderator")
        tehran_moderator = make_user("tehran_moderator")
        citizen = make_user("citizen", first_name="مریم", last_name="احمدی")

    world = World()
    grant(world.fars_staff, "agency_manager", organization=world.fars)
    grant(world.tehran_staff, "agency_manager", organization=world.tehran)
    grant(world.fars_moderator, "moderator", organization=world.fars)
    grant(world.tehran_moderator, "moderator", organization=world.tehran)
    world.news = news_create(
        organization=world.fars,
        title="تعامل هدفمند مدیران فارس با سازمان‌های مردم‌نهاد",
        lead="استاندار فارس بر تعامل مدیران با سمن‌ها تأکید کرد.",
        body=ARTICLE,
        by=world.fars_staff,
    )
    world.page = world.news.page
    world.tehran_news = news_create(
        organization=world.tehran,
        title="ارزیابی مناطق شهرداری تهران",
        body="<p>نخستین جلسه هماهنگی ارزیابی مناطق ۲۲ گانه شهرداری تهران با حضور مدیران برگزار شد.</p>",
        by=world.tehran_staff,
    )
    return world
