"""A person at a browser gets a notification: the bell counts it, the page lists it, opening it leads to its
page and marks it read; the channel choices live on «حساب من»; programs show their weighted progress."""

from __future__ import annotations

import re

from tests.browser.support import has_horizontal_overflow, login, screenshot


def bell_count(page) -> str:
    page.wait_for_selector('[data-testid="bell"]')
    count = page.locator('[data-testid="bell-count"]')
    return count.inner_text() if count.count() else ""


def test_the_manager_sees_the_bell_opens_the_notification_and_reads_everything(page):
    login(page, "manager")
    # The demo reminded the welfare office's manager of the late training course.
    assert re.fullmatch(r"[۱-۹][۰-۹]*", bell_count(page)), bell_count(page)
    before = bell_count(page)
    screenshot(page, "notifications-bell")

    page.locator('[data-testid="bell"]').click()
    page.wait_for_url("**/notifications/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    item = page.locator('[data-testid="notification"]', has_text="دوره آموزشی توانمندسازی داوطلبان").first
    assert item.locator('[data-testid="unread-badge"]').count() == 1
    screenshot(page, "notifications-list")

    item.get_by_role("link").click()
    page.wait_for_url(re.compile(r".*/programs/\d+/$"))
    assert page.get_by_role(
        "heading", name="برنامه عملیاتی مشترک پیشگیری از آسیب‌های اجتماعی با سمن‌های فارس"
    ).is_visible()
    assert "عقب‌افتاده" in page.locator("main").inner_text()
    # Progress typed in Persian digits on the late milestone; the rolled-up bar moves.
    late = page.locator('[data-testid="milestone"]', has_text="دوره آموزشی توانمندسازی داوطلبان")
    late.get_by_label("پیشرفت (درصد)").fill("۹۰")
    late.get_by_role("button", name="ثبت پیشرفت").click()
    page.wait_for_load_state("networkidle")
    assert "ثبت شد" in page.locator("main").inner_text()
    assert not has_horizontal_overflow(page)
    screenshot(page, "program-detail")
    after_open = bell_count(page)
    assert after_open != before

    page.goto("/notifications/")
    if page.get_by_role("button", name="همه را خواندم").count():
        page.get_by_role("button", name="همه را خواندم").click()
        page.wait_for_load_state("networkidle")
    assert bell_count(page) == ""
    assert page.locator('[data-testid="unread-badge"]').count() == 0


def test_a_person_chooses_email_on_the_profile_page(page):
    login(page, "manager")
    page.goto("/accounts/profile/")
    form = page.locator('[data-testid="notification-preferences"]')
    form.wait_for()
    form.get_by_label("اعلان‌ها با پیامک هم فرستاده شود").check()
    form.get_by_role("button", name="ذخیره مسیرهای اعلان").click()
    page.wait_for_url("**/accounts/profile/")
    assert "مسیرهای اعلان شما ذخیره شد" in page.locator("main").inner_text()
    page.locator('[data-testid="notification-preferences"]').wait_for()
    assert page.get_by_label("اعلان‌ها با پیامک هم فرستاده شود").is_checked()
    screenshot(page, "notification-preferences")


def test_a_visitor_opens_the_published_program(page):
    page.goto("/programs/public/")
    page.get_by_role("link", name="برنامه عملیاتی مشترک پیشگیری از آسیب‌های اجتماعی با سمن‌های فارس").first.click()
    page.wait_for_url(re.compile(r".*/programs/\d+/$"))
    assert page.locator('[data-testid="progress"]').first.inner_text().endswith("٪")
    assert page.get_by_role("button", name="ثبت پیشرفت").count() == 0
    screenshot(page, "program-public")
