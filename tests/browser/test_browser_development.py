"""The development ranking as the Amol governor finds it: from the development hub to Mazandaran's public ranking,
the most deprived county first in the table and in the drawn chart; looked at on a desktop and a 390 px phone."""

from __future__ import annotations

import pytest

from hamafza.demo.development import MOST_DEPRIVED
from tests.browser.support import has_horizontal_overflow, login, screenshot


@pytest.mark.timeout(900)
def test_the_development_ranking_puts_the_most_deprived_county_first_and_charts_it(page, phone):
    login(page, "governor")
    page.goto("/development/")
    page.get_by_role("link", name="رتبه‌بندی توسعه شهرستان‌های استانداری مازندران").click()
    page.wait_for_url("**/development/orgs/*/ranking/")
    page.wait_for_load_state("networkidle")
    rows = page.get_by_test_id("area-row")
    assert rows.count() == 22
    assert MOST_DEPRIVED in rows.first.inner_text()
    assert "محروم" in rows.first.inner_text()
    assert "ساری" in rows.last.inner_text()
    # The chart is drawn by the vendored Chart.js from the page's data, deprived first.
    first_label = page.evaluate(
        "() => { const c = Chart.getChart(document.getElementById('development-chart')); "
        "return c ? c.data.labels[0] : null; }"
    )
    assert first_label == MOST_DEPRIVED
    screenshot(page, "development-ranking")

    phone.goto(page.url)
    phone.wait_for_load_state("networkidle")
    assert not has_horizontal_overflow(phone)
    screenshot(phone, "development-ranking-phone")
