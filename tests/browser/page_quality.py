"""What the page-quality test looks for on one page, as functions of a Playwright page.

Kept apart from the test so the rules read on their own: each returns a list of Persian-free, human-readable
problems ("<url>: Latin text 'trained_managers'"), empty when the page is fine.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

AXE = Path(__file__).with_name("vendor") / "axe.min.js"

# Latin words a Persian interface may show: names of file formats, office programs and of the licence.
LATIN_ALLOWED = {"excel", "pdf", "api", "xlsx", "csv", "agpl", "json", "office", "word"}

# The visible text of the page and of the attributes a person or a screen reader meets (placeholders, labels,
# tooltips, alt text). Code-like places are left out: <code>, <pre>, <kbd>, <samp>, anything marked
# translate="no" (usernames, identifiers a person types exactly as shown), and what people wrote themselves,
# marked data-user-content (a comment typed in Finglish is the citizen's text, not the interface's).
VISIBLE_TEXT_JS = """
() => {
  const skip = "code, pre, kbd, samp, script, style, noscript, template, [translate=no], [data-user-content], jdp-container";
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.nodeValue.trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest(skip)) continue;
    if (parent.checkVisibility && !parent.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
    out.push(text);
  }
  for (const el of document.querySelectorAll("[placeholder], [aria-label], [title], img[alt]")) {
    if (el.closest(skip)) continue;
    for (const name of ["placeholder", "aria-label", "title", "alt"]) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
  }
  out.push(document.title);
  return out;
}
"""

OVERFLOW_JS = "document.documentElement.scrollWidth > window.innerWidth + 1"

# What makes a page wider than the screen, to say which element to fix.
WIDEST_JS = """
() => {
  const limit = window.innerWidth + 1;
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if ((box.right > limit || box.left < -1) && box.width > 0 && getComputedStyle(el).position !== "fixed") {
      if (el.closest(".table-responsive, .chart-scroll, .visually-hidden, .visually-hidden-focusable")) continue;
      found.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
      if (found.length >= 3) break;
    }
  }
  return found;
}
"""

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_\-.]*")
LATIN_DIGIT = re.compile(r"[0-9]")


def url_pattern(url: str) -> str:
    """Pages that differ only by ids or query values are one pattern: /organizations/N/?page"""
    parts = urlsplit(url)
    path = re.sub(r"\d+", "N", parts.path)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def language_problems(page: Any) -> list[str]:
    html = page.locator("html")
    problems = []
    if html.get_attribute("lang") != "fa" or html.get_attribute("dir") != "rtl":
        problems.append(f"lang={html.get_attribute('lang')} dir={html.get_attribute('dir')}")
    return problems


def text_problems(page: Any) -> list[str]:
    problems: list[str] = []
    for text in page.evaluate(VISIBLE_TEXT_JS):
        words = [w.strip("._-") for w in LATIN_WORD.findall(text)]
        bad = [w for w in words if w and w.lower() not in LATIN_ALLOWED]
        if bad:
            problems.append(f"Latin text {bad[:3]} in «{text[:80]}»")
        if LATIN_DIGIT.search(text):
            problems.append(f"Latin digits in «{text[:80]}»")
    return sorted(set(problems))[:8]


def overflow_problems(page: Any) -> list[str]:
    if not page.evaluate(OVERFLOW_JS):
        return []
    return [f"wider than the screen ({page.viewport_size['width']} px): {page.evaluate(WIDEST_JS)}"]


def axe_problems(page: Any, *, only_contrast: bool = False) -> list[str]:
    """Serious and critical WCAG 2.2 AA violations (and best practices such as landmarks) found by axe-core."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Not add_script_tag: the Content-Security-Policy refuses an injected inline <script>, while code evaluated
        # through the DevTools protocol is not a page script.
        page.evaluate(AXE.read_text())
    options: dict[str, Any]
    if only_contrast:
        options = {"runOnly": {"type": "rule", "values": ["color-contrast"]}}
    else:
        options = {
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
            }
        }
    # Only violations are collected (passes and incomplete results cost most of axe's time on long pages).
    options["resultTypes"] = ["violations"]
    result = page.evaluate("(options) => axe.run(document, options)", options)
    problems = []
    for violation in result["violations"]:
        if violation["impact"] not in {"serious", "critical"}:
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        problems.append(f"axe {violation['id']} ({violation['impact']}): {targets}")
    return problems
