"""Every page a demo account reaches from its home, checked the way a careful reviewer would.

For each of the 11 demo accounts and an anonymous visitor, the test starts at the home page and follows
same-site links (GET only, breadth first, at most MAX_PAGES (14) pages per account, one page per URL pattern:
/organizations/12/ and /organizations/40/ are one pattern). The Django admin and the API are left out (the API
docs are code; the admin has its own test).

What is checked where (the budget is a few minutes on one core, on SQLite and again on PostgreSQL):
* desktop 1280 px, light — EVERY page of every account: ``lang="fa" dir="rtl"``; no horizontal overflow; no
  Latin letters in the visible text and labels outside a short allow-list (Excel, PDF, API, …) and code-like
  places (<code>, translate="no"); no Latin digits; no request to another host; no console error; every link
  on the page opens (status < 400, not bounced to the login page; two links per URL pattern);
  axe-core (WCAG 2.2 AA + best practices: labels, contrast, landmarks, lang) finds nothing serious or
  critical — axe once per URL pattern across accounts, since it judges the template, not the account.
* phone 390 px, light — every URL pattern once: no overflow, no Latin text or digits.
* phone 390 px, dark — every URL pattern once: no overflow and axe's colour-contrast rule (the dark theme's
  colours are the same on a desktop, so this covers dark contrast).
Screenshots of every pattern (desktop light, phone light, phone dark) go to var/screenshots/quality-*.png.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.page_quality import (
    axe_problems,
    language_problems,
    overflow_problems,
    text_problems,
    url_pattern,
)
from tests.browser.support import SCREENSHOTS, login

ACCOUNTS = [
    "",  # an anonymous visitor
    "admin",
    "citizen",
    "ngo",
    "staff",
    "manager",
    "manager2",
    "inspector",
    "evaluator",
    "governor",
    "member",
    "moderator",
]
# The server's setup (migrations, Iran's divisions, the demo world) runs inside the first test's fixture; on a
# shared, busy machine that alone can pass the suite-wide 300 s limit.
pytestmark = pytest.mark.timeout(1500)

MAX_PAGES = 14
LINKS_PER_PATTERN = 2
NOT_CRAWLED = ("/admin/", "/api/", "/static/", "/media/", "/accounts/logout/", "/sw.js", "/manifest")

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


class Watch:
    """Listens to a page: console errors, uncaught exceptions, requests to another host."""

    def __init__(self, page: Any, origin: str) -> None:
        self.problems: list[str] = []
        host = urlsplit(origin).netloc
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text[:160]}"))
        page.on("pageerror", lambda e: self.problems.append(f"script error: {str(e)[:160]}"))

        def request(r: Any) -> None:
            netloc = urlsplit(r.url).netloc
            if r.url.startswith(("data:", "blob:")) or netloc == host:
                return
            self.problems.append(f"request to another host: {r.url[:120]}")

        page.on("request", request)

    def take(self) -> list[str]:
        taken, self.problems = self.problems, []
        return taken


def _context(
    browser: Any, live_url: str, *, phone: bool = False, dark: bool = False, state: Any = None
) -> tuple[Any, Any]:
    options: dict[str, Any] = {
        "base_url": live_url,
        "locale": "fa-IR",
        "timezone_id": "Asia/Tehran",
        "color_scheme": "dark" if dark else "light",
        # axe is injected as a script; the site's Content-Security-Policy rightly refuses that.
        "bypass_csp": True,
        "viewport": PHONE if phone else DESKTOP,
    }
    if state is not None:
        options["storage_state"] = state  # signed in already: one login per account, not one per context
    if phone:
        options.update(is_mobile=True, has_touch=True)
    context = browser.new_context(**options)
    # The theme follows the system unless the toggle stored a choice; store the one under test.
    context.add_init_script(
        f"try {{ localStorage.setItem('hamafza-theme', '{'dark' if dark else 'light'}'); }} catch (e) {{}}"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"quality-{name}.png"), full_page=True)


def _slug(pattern: str) -> str:
    return re.sub(r"[^a-zA-Z0-9]+", "-", pattern).strip("-") or "home"


@pytest.fixture(scope="module")
def seen() -> Iterator[dict[str, set[str]]]:
    """URL patterns already given the once-per-pattern checks by an earlier account."""
    yield {"axe": set(), "phone": set(), "links": set()}


def _crawl(
    page: Any, live_url: str, watch: Watch, seen: dict[str, set[str]], who: str, start: str = "/"
) -> tuple[list[str], list[str]]:
    """Visit up to MAX_PAGES pages from ``start`` (home); return (the pages visited, the problems found)."""
    problems: list[str] = []
    queue = [start]
    visited: set[str] = set()
    pages: list[str] = []
    link_status: dict[str, bool] = {}  # pattern → is a page (html) worth visiting
    checked_per_pattern: dict[str, int] = {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.pop(0)
        pattern = url_pattern(url)
        if pattern in visited:
            continue
        visited.add(pattern)
        response = page.goto(url, wait_until="load")
        if response is None or response.status >= 400:
            problems.append(f"{url}: status {response.status if response else '?'}")
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        here = page.url
        pages.append(here)
        found = language_problems(page) + overflow_problems(page) + text_problems(page) + watch.take()
        if pattern not in seen["axe"]:
            seen["axe"].add(pattern)
            found += axe_problems(page)
            _shot(page, f"desktop-{who or 'visitor'}-{_slug(pattern)}")
        for link in page.evaluate(LINKS_JS):
            parts = urlsplit(link)
            if f"{parts.scheme}://{parts.netloc}" != live_url or parts.path.startswith(NOT_CRAWLED):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            link_pattern = url_pattern(target)
            if checked_per_pattern.get(link_pattern, 0) < LINKS_PER_PATTERN and target not in link_status:
                checked_per_pattern[link_pattern] = checked_per_pattern.get(link_pattern, 0) + 1
                reply = page.request.get(target)
                final = urlsplit(reply.url).path
                if reply.status >= 400:
                    found.append(f"link {target} answers {reply.status}")
                elif who and final.startswith("/accounts/login"):
                    found.append(f"link {target} sends a signed-in person to the login page")
                link_status[target] = "text/html" in (reply.headers.get("content-type") or "")
            if link_status.get(target) and link_pattern not in visited:
                queue.append(target)
        problems += [f"{here.removeprefix(live_url)}: {p}" for p in found]
    return pages, problems


LINKS_JS = """
() => Array.from(document.querySelectorAll("a[href]"))
  .filter((a) => a.getAttribute("href") && !a.getAttribute("href").startsWith("#") && !a.hasAttribute("download"))
  .map((a) => a.href.split("#")[0])
"""


def _phone_checks(browser: Any, live_url: str, state: Any, pages: list[str], seen: dict[str, set[str]]) -> list[str]:
    """Each new URL pattern on a 390 px phone: light (overflow, text), then dark (overflow, contrast)."""
    todo = [url for url in pages if url_pattern(url) not in seen["phone"]]
    if not todo:
        return []
    seen["phone"].update(url_pattern(url) for url in todo)
    problems: list[str] = []
    for dark in (False, True):
        context, page = _context(browser, live_url, phone=True, dark=dark, state=state)
        watch = Watch(page, live_url)
        try:
            for number, url in enumerate(todo):
                path = url.removeprefix(live_url)
                page.goto(path, wait_until="load")
                found = overflow_problems(page) + watch.take()
                found += axe_problems(page, only_contrast=True) if dark else text_problems(page)
                if not dark or number % 3 == 0:  # dark screenshots for a sample only: they cost time
                    _shot(page, f"phone-{'dark' if dark else 'light'}-{_slug(url_pattern(path))}")
                mode = "phone dark" if dark else "phone"
                problems += [f"{path} ({mode}): {p}" for p in found]
        finally:
            context.close()
    return problems


@pytest.mark.parametrize("who", ACCOUNTS, ids=[a or "visitor" for a in ACCOUNTS])
def test_every_page_a_demo_account_reaches_is_persian_accessible_and_fits(browser, live_url, seen, who):
    context, page = _context(browser, live_url)
    watch = Watch(page, live_url)
    try:
        if who:
            login(page, who)
            watch.take()
        pages, problems = _crawl(page, live_url, watch, seen, who)
        state = context.storage_state()
    finally:
        context.close()
    started = time.monotonic()
    problems += _phone_checks(browser, live_url, state, pages, seen)
    print(f"{who or 'visitor'}: {len(pages)} pages; phone checks {time.monotonic() - started:.1f}s")
    assert len(pages) >= (2 if who else 1), f"{who or 'visitor'} reached only {pages}"
    assert not problems, f"{who or 'visitor'} ({len(pages)} pages):\n" + "\n".join(problems)


# A page as a careless template would render it: an English code in the text, an input without a label, a link
# to a page that does not exist.
BROKEN_PAGE = """<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>آزمون کیفیت</title></head>
<body><main><h1>صفحه آزمون</h1><p>کد پرسش ITEM-42 در این صفحه آمده است.</p>
<form><input type="text" name="value"></form><a href="/no-such-page/">پیوندی که باز نمی‌شود</a></main></body></html>"""


def test_the_checks_fail_on_a_dead_link_an_english_code_and_an_unlabeled_input(browser, live_url):
    context, page = _context(browser, live_url)
    page.route(
        "**/quality-probe/",
        lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=BROKEN_PAGE),
    )
    try:
        fresh: dict[str, set[str]] = {"axe": set(), "phone": set(), "links": set()}
        _, problems = _crawl(page, live_url, Watch(page, live_url), fresh, "probe", start="/quality-probe/")
    finally:
        context.close()
    found = "\n".join(problems)
    assert "link /no-such-page/ answers 404" in found
    assert "Latin text ['ITEM']" in found and "Latin digits" in found
    assert "axe label (critical)" in found
