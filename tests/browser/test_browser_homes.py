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
    # The demo's Tehran round, picked by its title: other browser tests publish rounds of their own on the same
    # server, and the newest comes first. Each click is followed by waiting for the page it opens (the URL
    # changes before the new page is drawn).
    tehran = page.get_by_test_id("portal-results").locator("article").filter(has_text="نیمه نخست ۱۴۰۴")
    tehran.get_by_role("link", name="رتبه‌بندی کامل").click()
    page.wait_for_url("**/evaluation/rounds/*/results/")
    page.get_by_test_id("ranking").wait_for()
    assert page.get_by_test_id("ranking").locator("tbody > tr").count() == 22
    page.goto("/")
    tehran.get_by_role("link", name="منطقه ۱۸ شهرداری تهران").click()
    page.wait_for_url("**/evaluation/units/*/results/")
    assert "منطقه ۱۸" in page.get_by_role("heading", level=1).inner_text()
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


CARD_DISPLAY_JS = "(row) => getComputedStyle(row).display"
BAR_CHART_JS = """
() => {
  const chart = window.Chart && Chart.getChart(document.getElementById("bar-chart"));
  return chart ? [chart.data.labels.length, chart.scales.y.ticks.length] : null;
}
"""


def test_on_a_phone_the_ranking_and_the_evaluators_rounds_read_as_cards_and_the_chart_labels_every_unit(phone):
    login(phone, "evaluator")
    phone.goto("/evaluation/")
    rounds = phone.get_by_test_id("managed-rounds").locator("tbody > tr")
    assert rounds.count() >= 3
    assert {rounds.nth(i).evaluate(CARD_DISPLAY_JS) for i in range(rounds.count())} == {"grid"}
    assert not has_horizontal_overflow(phone)
    screenshot(phone, "evaluator-rounds-phone-cards")

    # Tehran's 22 districts, a published round of the demo (picked by its title: other browser tests publish
    # rounds of their own on the same server).
    rounds.filter(has_text="نیمه نخست ۱۴۰۴").get_by_role("link", name="نتایج").click()
    # count() does not wait: let the results page arrive before counting its rows.
    phone.wait_for_url("**/evaluation/rounds/*/results/")
    ranking = phone.get_by_test_id("ranking")
    ranking.wait_for()
    phone.wait_for_load_state()
    rows = ranking.locator("tbody > tr")
    assert rows.count() == 22
    assert {rows.nth(i).evaluate(CARD_DISPLAY_JS) for i in range(rows.count())} == {"grid"}
    assert ranking.locator("thead").bounding_box()["width"] <= 1  # the header is kept for screen readers only
    assert not has_horizontal_overflow(phone)
    phone.wait_for_function(f"({BAR_CHART_JS})() !== null")
    labels, ticks = phone.evaluate(BAR_CHART_JS)
    assert labels == ticks == 22  # a tick for every district: none skipped on a narrow screen
    screenshot(phone, "ranking-phone-cards")
