"""Engagement as the people involved click it: an NGO's representative writes to the welfare office, its manager
answers, the representative reads the answer and the notification; the manager records a meeting's decision,
which waits in their «کارهای من»; the calendar shows the meeting on its Jalali day. Desktop and a 390 px phone."""

from __future__ import annotations

import pytest

from hamafza.persian import to_persian_digits
from tests.browser.support import has_horizontal_overflow, login, screenshot

SUBJECT = "درخواست سالن برای کارگاه آموزش تفکیک پسماند"
ANSWER = "سالن همایش‌های بهزیستی برای روز شنبه در اختیار شماست."
MEETING = "نشست فصلی بهزیستی فارس با سمن‌های حوزه آسیب‌های اجتماعی"
DECISION = "ارسال گزارش نشست به استانداری"


@pytest.mark.timeout(1200)
def test_a_request_is_answered_and_a_meetings_decision_reaches_its_owner(page, phone):
    login(page, "ngo")
    page.goto("/engagement/requests/new/")
    page.get_by_label("دستگاه").select_option(label="اداره کل بهزیستی فارس")
    page.get_by_label("ذی‌نفع").select_option(label="جمعیت داوطلبان محیط زیست شیراز")
    page.get_by_label("نوع درخواست").select_option(label="درخواست امکانات یا مجوز")
    page.get_by_label("موضوع").fill(SUBJECT)
    page.get_by_label("متن").fill("برای کارگاه آموزشی بیست نفره در هفته آینده به یک سالن نیاز داریم.")
    page.get_by_role("button", name="فرستادن").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("request-status").inner_text() == "در انتظار پاسخ"
    screenshot(page, "engagement-request-sent")

    login(page, "manager")
    page.goto("/engagement/requests/")
    page.get_by_role("link", name=SUBJECT).click()
    page.get_by_label("پیام").fill(ANSWER)
    page.get_by_role("button", name="فرستادن پیام").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("request-status").inner_text() == "پاسخ داده شد"

    login(page, "ngo")
    page.goto("/engagement/requests/")
    page.get_by_role("link", name=SUBJECT).click()
    assert ANSWER in page.get_by_test_id("timeline").inner_text()
    screenshot(page, "engagement-request-answered")
    page.goto("/notifications/")
    assert f"پاسخ تازه: {SUBJECT}" in page.content()

    login(page, "manager")
    page.goto("/engagement/activities/")
    page.get_by_role("link", name=MEETING).click()
    page.get_by_label("مصوبه").first.fill(DECISION)
    page.locator("#decision-owner-0").select_option(index=1)
    page.locator("#decision-due-0").fill("۱۴۱۰/۰۱/۱۵")
    page.get_by_role("button", name="ذخیره صورت‌جلسه").click()
    page.wait_for_load_state("networkidle")
    assert DECISION in page.get_by_test_id("action-items").inner_text()
    screenshot(page, "engagement-meeting")
    page.goto("/")
    assert "مصوبه‌های جلسه‌ها" in page.get_by_test_id("my-work").inner_text()
    page.goto("/engagement/my-actions/")
    assert DECISION in page.get_by_test_id("my-actions").inner_text()

    page.goto("/engagement/activities/")
    page.get_by_role("link", name=MEETING).click()
    when = page.get_by_test_id("when").inner_text()
    page.goto("/engagement/calendar/")
    # The demo meeting was six days ago: it may sit in the previous Jalali month.
    cells = page.locator("td[data-day]").filter(has_text=MEETING)
    if cells.count() == 0:
        page.get_by_role("link", name="ماه قبل").click()
        cells = page.locator("td[data-day]").filter(has_text=MEETING)
    day = int(cells.first.get_attribute("data-day"))
    assert when.startswith(to_persian_digits(day) + " "), (day, when)
    screenshot(page, "engagement-calendar")
    assert not has_horizontal_overflow(page)

    login(phone, "manager")
    for path, name in (
        ("/engagement/stakeholders/", "stakeholders"),
        ("/engagement/alignment/", "alignment"),
        ("/engagement/calendar/", "calendar"),
        ("/engagement/requests/", "requests"),
    ):
        phone.goto(path)
        screenshot(phone, f"engagement-{name}-phone")
        assert not has_horizontal_overflow(phone), path
    page.goto("/engagement/alignment/")
    screenshot(page, "engagement-alignment")
