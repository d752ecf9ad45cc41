"""A person at a browser: each demo role logs in, sees a Persian right-to-left page with today's Jalali date,
and the page fits the screen. Screenshots land in var/screenshots for a human to look at."""

from __future__ import annotations

import re

import pytest

from tests.browser.support import has_horizontal_overflow, login, screenshot

PERSIAN_DIGIT = re.compile(r"[۰-۹]")
JALALI_MONTHS = "فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند"

# (username, a staff page that role reaches from the menu)
PERSONAS = [
    ("admin", "/organizations/"),
    ("evaluator", "/organizations/"),
    ("inspector", "/organizations/"),
    ("manager", "/organizations/"),
    ("staff", "/organizations/"),
    ("governor", "/organizations/"),
    ("member", "/organizations/"),
    ("moderator", "/organizations/"),
    ("ngo", "/accounts/profile/"),
    ("citizen", "/accounts/profile/"),
]


def assert_persian_page(page) -> None:
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl"
    assert html.get_attribute("lang") == "fa"
    today = page.locator('[data-testid="today"]')
    if today.is_visible():
        text = today.inner_text()
    else:
        text = page.locator("main").inner_text()
    assert PERSIAN_DIGIT.search(text), text
    assert re.search(JALALI_MONTHS, text), text
    assert not has_horizontal_overflow(page)


def test_home_page_is_persian_and_right_to_left_for_a_visitor(page, live_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/")
    page.wait_for_load_state("networkidle")
    # Every file comes from our own server: no CDN, no font service.
    assert requested and all(url.startswith(live_url) for url in requested), requested
    assert_persian_page(page)
    assert page.title().endswith("هم‌افزا")
    screenshot(page, "home-visitor")


@pytest.mark.parametrize(("username", "staff_page"), PERSONAS)
def test_each_demo_role_logs_in_and_sees_persian_pages(page, username, staff_page):
    login(page, username)
    assert_persian_page(page)
    screenshot(page, f"home-{username}")
    page.goto(staff_page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert not has_horizontal_overflow(page)
    screenshot(page, f"staff-{username}")


@pytest.mark.parametrize("username", ["manager", "citizen"])
def test_pages_fit_a_phone_screen(phone, username):
    login(phone, username)
    assert phone.locator("html").get_attribute("dir") == "rtl"
    assert not has_horizontal_overflow(phone)
    screenshot(phone, f"phone-home-{username}")
    phone.goto("/accounts/profile/")
    assert not has_horizontal_overflow(phone)


def test_manager_cannot_open_another_provinces_organization(page):
    login(page, "admin")
    page.goto("/organizations/?q=مرکزی")
    page.locator('[data-testid="org-name"]').first.click()
    foreign_url = page.url
    page.context.clear_cookies()
    login(page, "manager")
    response = page.goto(foreign_url + "edit/")
    assert response is not None and response.status == 404
    assert "پیدا نشد" in page.locator("main").inner_text()


def test_bad_input_gets_persian_messages(page):
    login(page, "citizen")
    page.goto("/accounts/profile/")
    page.get_by_label("کد ملی").fill("0499370898")
    page.get_by_label("شماره همراه").fill("۱۲۳۴")
    page.get_by_role("button", name="ذخیره", exact=True).click()
    field_errors = page.locator('[data-testid="field-error"]')
    field_errors.first.wait_for()
    errors = field_errors.all_inner_texts()
    assert any("کد ملی" in e for e in errors), errors
    assert any("شماره همراه" in e for e in errors), errors
    screenshot(page, "profile-errors")
    login(page, "admin")
    page.goto("/audit/?since=1402/12/30")
    assert "کبیسه" in page.locator("main").inner_text()


def test_the_django_admin_is_persian_and_right_to_left(page):
    login(page, "admin")
    page.goto("/admin/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "مدیریت هم‌افزا" in page.locator("body").inner_text()
    screenshot(page, "admin")


def test_dark_mode_is_remembered(page):
    page.goto("/")
    page.locator("#theme-toggle").click()
    assert page.locator("html").get_attribute("data-bs-theme") == "dark"
    page.reload()
    assert page.locator("html").get_attribute("data-bs-theme") == "dark"
    screenshot(page, "home-dark")


def test_the_site_is_installable(page):
    page.goto("/")
    manifest = page.request.get("/manifest.webmanifest").json()
    assert manifest["dir"] == "rtl" and manifest["lang"] == "fa"
    for icon in manifest["icons"]:
        assert page.request.get(icon["src"]).ok
    assert page.request.get("/sw.js").ok


def test_choosing_a_province_refills_the_county_list(page):
    login(page, "admin")
    page.goto("/organizations/?q=بهزیستی")
    page.locator('[data-testid="org-name"]').first.click()
    page.get_by_role("link", name="ویرایش").click()
    page.get_by_label("استان").select_option(label="مرکزی")
    page.wait_for_function("[...document.querySelectorAll('#id_county option')].some(o => o.text === 'اراک')")
    assert "شیراز" not in page.locator("#id_county").inner_text()
