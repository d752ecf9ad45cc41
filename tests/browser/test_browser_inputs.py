"""A Persian user at the forms: a date picked from a Jalali calendar, digits shown Persian whatever the keyboard,
an error summary that leads to the field, and a question before what cannot be undone."""

from __future__ import annotations

import re

from tests.browser.support import login, screenshot

PERSIAN_DATE = re.compile(r"^[۰-۹]{4}/[۰-۹]{2}/[۰-۹]{2}$")


def test_a_date_is_picked_from_a_jalali_calendar_and_shown_in_persian_digits(page):
    login(page, "evaluator")
    page.goto("/evaluation/rounds/new/")
    due = page.get_by_label("مهلت خوداظهاری")
    assert due.get_attribute("placeholder") is None
    assert "مثال: ۱۴۰۵/۰۳/۱۵" in page.locator("#id_self_assessment_due_helptext").inner_text()
    due.click()
    calendar = page.locator("jdp-container")
    calendar.wait_for(state="visible")
    assert "فروردین" in calendar.inner_text() or "اسفند" in calendar.inner_text()
    screenshot(page, "date-picker-open")
    calendar.locator(".jdp-day:not(.not-in-month):not(.disabled-day)", has_text="۱۵").first.click()
    page.get_by_label("عنوان").click()
    assert PERSIAN_DATE.match(due.input_value()), due.input_value()


def test_latin_digits_typed_into_a_number_box_show_as_persian_and_a_bad_form_leads_to_its_fields(page):
    login(page, "evaluator")
    page.goto("/evaluation/rounds/new/")
    inspection_starts = page.get_by_label("آغاز بازدید میدانی")
    inspection_starts.fill("")
    inspection_starts.press_sequentially("1405/02/10")
    page.get_by_label("پایان بازدید میدانی").press_sequentially("1405/01/10")
    page.get_by_label("عنوان").click()
    assert inspection_starts.input_value() == "۱۴۰۵/۰۲/۱۰"
    page.get_by_role("button", name="ساخت دوره").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()  # the refused form comes back as a new page
    assert summary.is_visible()
    assert summary.evaluate("(node) => node === document.activeElement")
    screenshot(page, "form-with-errors")
    summary.get_by_role("link").filter(has_text="پایان بازدید میدانی").click()
    assert page.url.endswith("#id_inspection_ends")


def open_members_of_fars_welfare(page) -> None:
    page.goto("/organizations/?q=بهزیستی فارس")
    page.get_by_test_id("org-name").first.click()
    # Wait for the members page itself: the checks that follow count rows, and a count does not wait.
    with page.expect_navigation(url="**/members/"):
        page.get_by_role("link", name="اعضا و نقش‌ها").click()
    page.wait_for_load_state("networkidle")


def test_taking_a_role_asks_first_and_cancelling_keeps_it(page):
    login(page, "admin")
    open_members_of_fars_welfare(page)
    row = page.locator("tbody tr", has_text="زهرا کریمی")
    row.get_by_role("button", name="گرفتن نقش").click()
    dialog = page.get_by_role("dialog")
    assert "گرفته شود؟" in dialog.inner_text()
    screenshot(page, "confirm-dialog")
    dialog.get_by_role("button", name="انصراف").click()
    assert dialog.is_hidden()
    assert "نقش گرفته شد" not in page.locator("main").inner_text()
    assert page.locator("tbody tr", has_text="زهرا کریمی").count() == 1


def test_a_manager_is_offered_no_button_to_take_their_own_role(page):
    login(page, "manager")
    open_members_of_fars_welfare(page)
    own = page.locator("tbody tr", has_text="زهرا کریمی")
    assert own.count() == 1
    assert own.get_by_role("button", name="گرفتن نقش").count() == 0
