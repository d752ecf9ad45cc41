"""The demo inspector on a phone in the field: answers are saved as they are made, kept on the device while the
connection is away, and sent by themselves when it comes back."""

from __future__ import annotations

import random
from typing import Any

from tests.browser.support import SCREENSHOTS, has_horizontal_overflow, login, screenshot

ON_DEVICE = "ذخیره در دستگاه"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
# Nothing waits in the queue: the badge then tells how far the answers go (its colour is its data-state).
SETTLED = (
    "['secondary', 'light', 'success'].includes(document.querySelector('[data-testid=sync-status]').dataset.state)"
)


def open_first_inspection(phone: Any) -> None:
    login(phone, "inspector")
    response = phone.goto("/evaluation/")
    assert response is not None and response.ok, f"the evaluation dashboard answered {response and response.status}"
    links = phone.locator('[data-testid="inspect-link"]')
    # The demo always holds the ministry's round in field inspection for this inspector: none is a broken demo.
    assert links.count() > 0, "the demo inspector has no round in field inspection"
    links.first.click()
    phone.wait_for_selector('[data-testid="inspection"]')


def badge(phone: Any) -> Any:
    return phone.locator('[data-testid="sync-status"]')


def wait_for_badge(phone: Any, text: str) -> None:
    phone.wait_for_function(
        "text => document.querySelector('[data-testid=sync-status]').textContent.includes(text)", arg=text
    )


def wait_until_sent(phone: Any) -> None:
    """Wait until every answer given has reached the server, and check the badge states the facts: what it says
    follows the answers on the page («۰ از ۸ پرسش الزامی» → nothing answered yet, not «all sent»)."""
    phone.wait_for_function(SETTLED)
    answered, _, required = phone.get_by_test_id("progress-text").inner_text().split()[:3]
    answered, required = int(answered.translate(LATIN_DIGITS)), int(required.translate(LATIN_DIGITS))
    if answered == 0:
        expected = "هنوز پاسخی داده نشده است"
    elif answered < required:
        expected = f"{answered} پاسخ ارسال شد؛ پرسش‌های مانده: {required - answered}".translate(PERSIAN_DIGITS)
    else:
        expected = "همه پاسخ‌ها ارسال شد"
    assert badge(phone).inner_text().strip() == expected


def test_inspector_answers_offline_and_the_answers_are_sent_when_the_phone_is_back_online(phone):
    open_first_inspection(phone)
    wait_until_sent(phone)

    # Online: a yes/no item, flipped from whatever it holds so that the save is a real change.
    yes_no = phone.locator('[data-item-type="yes_no"]:visible').first
    chosen = "0" if yes_no.get_attribute("data-value") == "1" else "1"
    yes_no.locator(f'[data-choice="{chosen}"]').click()
    assert yes_no.locator(f'[data-choice="{chosen}"]').get_attribute("aria-pressed") == "true"
    wait_until_sent(phone)
    assert yes_no.get_attribute("data-version") != "0"

    # Offline: a number typed in Persian digits stays on the device.
    phone.context.set_offline(True)
    number = phone.locator('[data-item-type="number"]:visible, [data-item-type="percentage"]:visible').first
    typed = str(random.randint(11, 99)).translate(PERSIAN_DIGITS)
    number.locator('[data-field="value"]').fill(typed)
    wait_for_badge(phone, ON_DEVICE)
    assert "ارسال پس از اتصال" in badge(phone).inner_text()
    key = phone.locator('[data-testid="inspection"]').get_attribute("data-storage-key")
    queued = phone.evaluate("key => JSON.parse(localStorage.getItem(key) || '{}')", key)
    assert [entry["value"] for entry in queued.values()] == [typed]

    # Back online: the queue empties by itself, and the server has both answers.
    phone.context.set_offline(False)
    wait_until_sent(phone)
    assert phone.evaluate("key => localStorage.getItem(key)", key) is None
    phone.reload()
    wait_until_sent(phone)
    code_yes_no, code_number = yes_no.get_attribute("data-code"), number.get_attribute("data-code")
    saved_yes_no = phone.locator(f'[data-code="{code_yes_no}"]')
    saved_number = phone.locator(f'[data-code="{code_number}"]')
    assert saved_yes_no.locator(f'[data-choice="{chosen}"]').get_attribute("aria-pressed") == "true"
    assert saved_number.locator('[data-field="value"]').input_value() == typed
    assert saved_number.get_attribute("data-version") != "0"
    assert not has_horizontal_overflow(phone)
    screenshot(phone, "inspection-phone")


def test_a_conflicting_save_from_another_device_lets_the_inspector_choose(phone, browser, live_url):
    open_first_inspection(phone)
    wait_until_sent(phone)
    tablet = browser.new_context(
        base_url=live_url, locale="fa-IR", timezone_id="Asia/Tehran", bypass_csp=True
    ).new_page()
    try:
        login(tablet, "inspector")
        tablet.goto(phone.url)
        wait_until_sent(tablet)
        numbers = '[data-item-type="number"]:visible, [data-item-type="percentage"]:visible'
        code = phone.locator(numbers).last.get_attribute("data-code")
        on_tablet = str(random.randint(11, 49)).translate(PERSIAN_DIGITS)
        on_phone = str(random.randint(51, 99)).translate(PERSIAN_DIGITS)

        tablet.locator(f'[data-code="{code}"] [data-field="value"]').fill(on_tablet)
        wait_until_sent(tablet)
        # The phone still stands on the version it loaded, so its save is refused and the choice offered.
        item = phone.locator(f'[data-code="{code}"]')
        item.locator('[data-field="value"]').fill(on_phone)
        wait_for_badge(phone, "تعارض")
        assert on_tablet in item.locator(".item-message").inner_text()
        item.scroll_into_view_if_needed()
        # The viewport, not the whole page: the conflict as the person holding the phone sees it.
        phone.screenshot(path=str(SCREENSHOTS / "inspection-conflict-phone.png"))
        item.get_by_role("button", name="پاسخ من بماند").click()
        wait_until_sent(phone)

        tablet.reload()
        assert tablet.locator(f'[data-code="{code}"] [data-field="value"]').input_value() == on_phone
    finally:
        tablet.context.close()
