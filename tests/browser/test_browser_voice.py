"""A citizen's critique from the comment box to the agency's answer, as the people involved click it:

the citizen writes (the counter counts down live in Persian digits), the comment waits for the moderator,
the moderator publishes it, the welfare office's manager answers, and the citizen sees the answer, its status
and a notification. The print view renders; every page is looked at on a desktop and a 390 px phone."""

from __future__ import annotations

import pytest

from tests.browser.support import has_horizontal_overflow, login, screenshot

TITLE = "اطلاعیه: نوبت‌دهی خدمات توانبخشی با همکاری سازمان‌های مردم‌نهاد"
# A critique with a link to the NGO's report: held as a link (spam rule) until a moderator publishes it.
CRITIQUE = (
    "نوبت‌دهی توانبخشی بهزیستی فارس برای اعضای سمن ما دو ماه طول کشیده، نه دو هفته؛ "
    "گزارش کامل نوبت‌ها در shiraz-ngo.ir منتشر شده است."
)
ANSWER = "نوبت‌های معوق اعضای این سمن تا پایان هفته آینده داده می‌شود و روند نوبت‌دهی بازبینی شد."


def _open_announcement(page) -> None:
    page.goto("/voice/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_load_state("networkidle")


# Setting up the server (migrations, Iran's places, the demo world) shares this test's time on a busy machine.
@pytest.mark.timeout(900)
def test_a_citizens_critique_is_published_answered_and_followed_to_the_end(page, phone):
    login(page, "citizen")
    _open_announcement(page)
    counter = page.get_by_test_id("comment-counter")
    assert counter.inner_text() == "۵۰۰ نویسه باقی مانده"
    page.get_by_label("نوع").select_option(label="انتقاد")
    box = page.get_by_label("متن نظر")
    box.click()
    page.keyboard.type("نوبت‌دهی")
    assert counter.inner_text() == "۴۹۲ نویسه باقی مانده"  # counted live, in Persian digits
    box.fill(CRITIQUE)
    remaining = 500 - len(CRITIQUE)
    assert counter.inner_text() == f"{remaining} نویسه باقی مانده".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    screenshot(page, "voice-comment-form")
    page.get_by_role("button", name="ارسال نظر").click()
    page.wait_for_load_state("networkidle")
    assert "پس از بررسی ناظر منتشر می‌شود" in page.locator("main").inner_text()
    assert page.get_by_test_id("comment-held").is_visible()  # the author sees it is waiting

    login(page, "moderator")
    # The moderator's home («کارهای من») lists the comments waiting, per organization they moderate.
    page.goto("/")
    page.get_by_test_id("my-work").get_by_role("link", name="نظرهای در انتظار بررسی").first.click()
    page.wait_for_load_state("networkidle")
    row = page.get_by_test_id("moderation-queue").locator("tr", has_text="shiraz-ngo.ir")
    assert "تبلیغ، پیوند یا تکرار" in row.inner_text()
    screenshot(page, "voice-moderation-queue")
    row.get_by_role("checkbox").check()
    page.get_by_label("تصمیم").select_option("approve")
    page.get_by_role("button", name="اعمال بر نظرهای انتخاب‌شده").click()
    page.wait_for_load_state("networkidle")
    assert (
        "تصمیم درباره 1 نظر ثبت شد" in page.locator("main").inner_text()
        or "ثبت شد" in page.locator("main").inner_text()
    )

    login(page, "manager")
    # The manager's home lists the critiques and suggestions waiting for the agency's answer.
    page.goto("/")
    page.get_by_test_id("my-work").get_by_role("link", name="انتقادها و پیشنهادهای بی‌پاسخ").click()
    page.wait_for_load_state("networkidle")
    page.get_by_test_id("responses").locator("tr", has_text="shiraz-ngo.ir").get_by_role("link", name="پاسخ").click()
    page.get_by_label("وضعیت").select_option(label="پاسخ داده شد")
    page.get_by_label("پاسخ عمومی دستگاه (زیر نظر نمایش داده می‌شود)").fill(ANSWER)
    page.get_by_role("button", name="ثبت و اطلاع به نویسنده").click()
    page.wait_for_load_state("networkidle")
    assert "پاسخ دستگاه ثبت" in page.locator("main").inner_text()

    login(page, "citizen")
    _open_announcement(page)
    answer = page.get_by_test_id("agency-answer").filter(has_text=ANSWER)
    assert answer.get_by_test_id("response-status").inner_text() == "پاسخ داده شد"
    screenshot(page, "voice-answered")
    page.goto("/notifications/")
    assert "پاسخ داده شد" in page.locator("main").inner_text()
    screenshot(page, "voice-notification")

    page.goto("/voice/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="نسخه چاپی").click()
    page.wait_for_load_state("networkidle")
    assert TITLE in page.locator("h1").inner_text()
    screenshot(page, "voice-print")
    page.emulate_media(media="print")
    assert page.locator(".no-print").is_hidden()

    for view, name in ((page, "desktop"), (phone, "phone")):
        for path, shot in (
            ("/voice/", "news-list"),
            ("/voice/search/?q=سازمانهای+مردمنهاد", "search"),
            ("/voice/transparency/", "transparency"),
        ):
            view.goto(path)
            view.wait_for_load_state("networkidle")
            assert not has_horizontal_overflow(view), f"{shot} overflows on {name}"
            screenshot(view, f"voice-{shot}-{name}")
    phone.goto("/voice/")
    phone.get_by_role("link", name=TITLE).click()
    phone.wait_for_load_state("networkidle")
    assert not has_horizontal_overflow(phone)
    screenshot(phone, "voice-news-phone")
