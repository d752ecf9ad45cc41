"""One evaluation round end to end, clicked through by the demo personas (issue: evaluation acceptance).

The evaluator imports a framework from Excel and opens a round for Tehran's district 12; the district's staff
self-assess with evidence; the inspector answers on a phone, one answer while offline; the evaluator returns an
item, the district fixes it and objects to another; the objection is decided, the round finalized and
published. Then the public ranking, the charts, the XLSX and the PDF (rendered to PNG) are checked.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from hamafza.evaluation.framework_io import COLUMNS
from tests.browser.support import SCREENSHOTS, confirm, has_horizontal_overflow, login, screenshot
from tests.files import pdf_bytes

DISTRICT = "منطقه ۱۲ شهرداری تهران"
ROWS = [
    # axis, axis weight, indicator, code, title, type, weight, extra
    ("A", 0.6, "A1", "plan", "آیا برنامه عملیاتی مشارکت تدوین شده است؟", "بله / خیر", 1, {}),
    ("A", 0.6, "A1", "meetings", "تعداد نشست‌های محله‌ای", "عدد", 1, {"standard": 12}),
    ("B", 0.4, "B1", "quality", "کیفیت برنامه‌ها", "طیف (رتبه‌ای)", 1, {"scale_min": 0, "scale_max": 4}),
    (
        "B",
        0.4,
        "B1",
        "plan_notes",
        "شرح برنامه مشارکت",
        "متن",
        1,
        {"required": "خیر", "relevant_if": "plan", "relevant_value": "بله"},
    ),
]


# Titles are what people read (the crawl of the page-quality test finds this round later): Persian, no codes.
AXIS_TITLES = {"A": "محور مشارکت", "B": "محور کیفیت"}
INDICATOR_TITLES = {"A1": "شاخص برنامه‌ریزی مشارکت", "B1": "شاخص کیفیت برنامه‌ها"}


def framework_xlsx(path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([label for _, label in COLUMNS])
    for axis, axis_weight, indicator, code, title, kind, weight, extra in ROWS:
        values = {
            "axis_code": axis,
            "axis_title": AXIS_TITLES[axis],
            "axis_weight": axis_weight,
            "indicator_code": indicator,
            "indicator_title": INDICATOR_TITLES[indicator],
            "indicator_weight": 1,
            "code": code,
            "title": title,
            "type": kind,
            "weight": weight,
            **extra,
        }
        sheet.append([values.get(key, "") for key, _ in COLUMNS])
    workbook.save(path)
    return path


def advance(page: Any) -> None:
    page.get_by_test_id("advance").click()
    # Moving a round on cannot be undone: the page asks first, in its own dialog.
    confirm(page)


def open_round_page(page: Any, round_url: str) -> None:
    login(page, "evaluator")
    page.goto(round_url)


# Setting up the server (migrations, Iran's places, the demo world) shares this test's time when it runs first.
@pytest.mark.timeout(900)
def test_a_round_end_to_end(page: Any, phone: Any, tmp_path: Path, live_url: str) -> None:
    # 1. The evaluation office imports the framework from Excel.
    login(page, "evaluator")
    page.goto("/evaluation/frameworks/")
    page.get_by_label("دفتر ارزیابی مالک").select_option(label="شهرداری تهران")
    page.get_by_label("کد چارچوب (لاتین)").fill("e2e-social")
    page.get_by_label("عنوان").fill("چارچوب آزمون سرتاسری")
    page.get_by_label("پرونده Excel (xlsx)").set_input_files(str(framework_xlsx(tmp_path / "framework.xlsx")))
    page.get_by_role("button", name="بارگذاری و ساخت نسخه").click()
    assert "ساخته شد" in page.locator("main").inner_text()

    # 2. … opens a round with Jalali dates typed in Persian digits, adds the district and an inspector.
    page.goto("/evaluation/rounds/new/")
    page.get_by_label("دفتر ارزیابی").select_option(label="شهرداری تهران")
    page.get_by_label("نسخه چارچوب").select_option(label="چارچوب آزمون سرتاسری — نسخه ۱")
    page.get_by_label("کد دوره (لاتین)").fill("e2e-round")
    page.get_by_label("عنوان").fill("دوره آزمون سرتاسری")
    page.get_by_label("مهلت خوداظهاری").fill("۱۴۰۵/۱۲/۲۹")
    page.get_by_role("button", name="ساخت دوره").click()
    round_url = page.url
    assert "/manage/" in round_url
    page.get_by_label(DISTRICT).check()
    page.get_by_role("button", name="افزودن").click()
    row = page.get_by_test_id("round-units").locator("tr", has_text=DISTRICT)
    row.get_by_label("بازرس").select_option(label="فاطمه محمدی")
    row.get_by_role("button", name="تعیین").click()
    assert "فاطمه محمدی" in page.get_by_test_id("round-units").inner_text()
    advance(page)
    assert page.get_by_test_id("round-state").inner_text() == "خوداظهاری"

    # 3. The district's staff self-assess and attach evidence.
    login(page, "staff")
    page.goto("/evaluation/")
    page.get_by_role("link", name=DISTRICT).first.click()
    page.get_by_role("link", name="خوداظهاری و مستندات").click()
    # The description is asked for only when there is a plan (a relevance condition from the sheet).
    page.get_by_test_id("item-plan").locator("select").select_option(label="خیر")
    assert page.get_by_test_id("item-plan_notes").is_hidden()
    page.get_by_test_id("item-plan").locator("select").select_option(label="بله")
    assert page.get_by_test_id("item-plan_notes").is_visible()
    page.get_by_test_id("item-meetings").locator("input[type=text]").fill("۱۰")
    page.get_by_test_id("item-quality").locator("input[type=text]").fill("۳")
    page.get_by_role("button", name="ذخیره پیش‌نویس").click()
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(pdf_bytes())
    page.get_by_label("پرونده").set_input_files(str(pdf))
    page.get_by_role("button", name="بارگذاری").click()
    assert "minutes.pdf" in page.locator("main").inner_text()
    page.get_by_role("button", name="ذخیره و ارسال خوداظهاری").click()
    assert "ارسال شد" in page.locator("main").inner_text()

    open_round_page(page, round_url)
    advance(page)

    # 4. The inspector answers on a phone; one answer is given while the phone is offline.
    login(phone, "inspector")
    phone.goto("/evaluation/")
    phone.get_by_test_id("my-inspections").locator("li", has_text=DISTRICT).get_by_test_id("inspect-link").click()
    status = phone.get_by_test_id("sync-status")
    phone.get_by_test_id("item-plan").get_by_role("button", name="بله").click()
    phone.get_by_test_id("item-meetings").locator("input[data-field=value]").fill("۸")
    phone.wait_for_function("document.querySelector('[data-testid=sync-status]').textContent.includes('ارسال شد')")
    phone.context.set_offline(True)
    phone.get_by_test_id("item-quality").get_by_role("button", name="۲").click()
    phone.wait_for_function("!document.querySelector('[data-testid=sync-status]').textContent.includes('ارسال شد')")
    assert not has_horizontal_overflow(phone)
    screenshot(phone, "e2e-inspection-offline")
    phone.context.set_offline(False)
    phone.wait_for_function(
        "document.querySelector('[data-testid=sync-status]').textContent.includes('ارسال شد')",
        timeout=30_000,
    )
    phone.reload()
    assert phone.get_by_test_id("item-quality").get_attribute("data-value") == "2"
    phone.get_by_role("button", name="ارسال نهایی بازدید").click()
    assert status.count() == 0 or "ارسال" in phone.locator("main").inner_text()

    # 5. The office reviews and returns one item; the district fixes it.
    open_round_page(page, round_url)
    advance(page)
    page.get_by_test_id("round-units").get_by_role("link", name="بررسی").click()
    review_row = page.get_by_test_id("review-meetings")
    review_row.locator("select").select_option("returned")
    review_row.get_by_placeholder("توضیح").fill("صورت‌جلسه نشست‌ها پیوست نشده است.")
    review_row.get_by_role("button", name="ثبت").click()
    assert "بازگشت به واحد" in page.get_by_test_id("review-meetings").inner_text()

    login(page, "staff")
    page.goto("/evaluation/")
    page.get_by_role("link", name=DISTRICT).first.click()
    page.get_by_role("link", name="خوداظهاری و مستندات").click()
    assert "صورت‌جلسه نشست‌ها پیوست نشده است" in page.locator("main").inner_text()
    page.get_by_test_id("item-meetings").locator("input[type=text]").fill("۱۱")
    page.get_by_role("button", name="ذخیره پیش‌نویس").click()
    assert "ذخیره شد" in page.locator("main").inner_text()

    # 6. Objection window: the district objects once to one item; the office accepts with a corrected value.
    open_round_page(page, round_url)
    advance(page)
    login(page, "staff")
    page.goto("/evaluation/")
    page.get_by_role("link", name=DISTRICT).first.click()
    page.get_by_role("link", name="خوداظهاری و مستندات").click()
    item = page.get_by_test_id("item-quality")
    item.locator("summary", has_text="اعتراض").click()
    item.get_by_placeholder("دلیل اعتراض").fill("کیفیت برنامه‌ها در بازدید روز تعطیل سنجیده شد.")
    item.get_by_role("button", name="ثبت اعتراض").click()
    assert "اعتراض ثبت شد" in page.locator("main").inner_text()

    open_round_page(page, round_url)
    page.get_by_test_id("round-units").get_by_role("link", name="بررسی").click()
    page.get_by_placeholder("مقدار اصلاح‌شده (اختیاری)").fill("۳")
    page.get_by_role("button", name="ثبت تصمیم").click()
    assert "پذیرفته شد" in page.locator("main").inner_text()

    # 7. Finalize (locks everything) and publish.
    page.goto(round_url)
    advance(page)
    assert page.get_by_test_id("round-state").inner_text() == "نهایی (قفل)"
    advance(page)
    assert page.get_by_test_id("round-state").inner_text() == "منتشرشده"
    results_url = page.get_by_role("link", name="نتایج").first.get_attribute("href")

    # 8. Anyone sees the published ranking and charts; the exports are right.
    page.context.clear_cookies()
    page.goto(results_url)
    text = page.locator("main").inner_text()
    assert DISTRICT in text
    assert page.locator("canvas").count() >= 1
    assert not has_horizontal_overflow(page)
    screenshot(page, "e2e-results")
    xlsx_link = page.locator("a[href$='results.xlsx']").first.get_attribute("href")
    workbook = load_workbook(io.BytesIO(page.request.get(xlsx_link).body()))
    sheet = workbook.active
    assert sheet.sheet_view.rightToLeft
    assert any(DISTRICT in str(cell.value) for row in sheet.iter_rows() for cell in row)
    pdf_link = page.locator("a[href$='report.pdf']").first.get_attribute("href")
    login(page, "evaluator")
    body = page.request.get(f"{live_url}{pdf_link}" if pdf_link.startswith("/") else pdf_link).body()
    assert body.startswith(b"%PDF")
    report = tmp_path / "report.pdf"
    report.write_bytes(body)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(report),
            str(SCREENSHOTS / "e2e-report"),
        ],
        check=True,
    )
    assert (SCREENSHOTS / "e2e-report.png").stat().st_size > 5000
