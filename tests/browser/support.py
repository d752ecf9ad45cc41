"""Helpers for browser tests: log in, take a screenshot, check the page fits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
DEMO_PASSWORD = "hamafza-demo-1403"


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page: Any, username: str, password: str = DEMO_PASSWORD) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("نام کاربری یا شماره همراه").fill(username)
    page.get_by_label("گذرواژه").fill(password)
    page.get_by_role("button", name="ورود").last.click()
    page.wait_for_load_state("networkidle")
    assert "/accounts/login/" not in page.url, f"login failed for {username}"


def has_horizontal_overflow(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"))


def confirm(page: Any) -> None:
    """Say yes in the page's confirm dialog and wait for the page the form's answer brings.

    The dialog sends its form from its `close` event, a task after the click, so the click itself starts no
    navigation: waiting for "networkidle" right after it can return on the old page. Waiting for the navigation
    itself cannot.
    """
    with page.expect_navigation():
        page.get_by_role("dialog").get_by_test_id("confirm-ok").click()
    page.wait_for_load_state("networkidle")
