"""Each demo account's home, as a person sees it on a desktop and on a 390 px phone (screenshots for review)."""

from __future__ import annotations

import pytest

from hamafza.demo.data import ACCOUNTS
from tests.browser.support import has_horizontal_overflow, login, screenshot

USERNAMES = [account.username for account in ACCOUNTS]


def test_an_anonymous_visitor_goes_from_the_portal_to_the_ranking_and_a_units_report(page, phone):
    for device, name in ((page, "desktop"), (phone, "phone")):
        device.goto("/")
        assert device.locator("html").get_attribute("dir") == "rtl"
        assert not has_horizontal_overflow(device)
        screenshot(device, f"home-anonymous-{name}")
    page.get_by_role("link", name="رتبه‌بندی کامل").first.click()
    assert "/results/" in page.url
    assert page.get_by_test_id("ranking").is_visible()
    page.goto("/")
    page.get_by_test_id("portal-results").get_by_role("link").nth(1).click()
    assert "/evaluation/units/" in page.url
    screenshot(page, "home-anonymous-unit-report")


@pytest.mark.parametrize("username", USERNAMES)
def test_each_demo_account_lands_on_its_own_work(page, phone, username):
    for device, name in ((page, "desktop"), (phone, "phone")):
        login(device, username)
        device.goto("/")
        work = device.get_by_test_id("my-work")
        assert work.is_visible()
        assert work.locator("[data-testid=work-item], [data-testid=role-note]").count() >= 1
        assert not has_horizontal_overflow(device), f"{username} overflows on {name}"
        screenshot(device, f"home-{username}-{name}")
