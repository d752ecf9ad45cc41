"""The Content-Security-Policy allows only our own static scripts and styles, so every template must do without
inline scripts, inline event handlers, ``javascript:`` links and style attributes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Rendered by WeasyPrint into a PDF, never served to a browser: the policy does not apply to them.
PDF_TEMPLATES = {"evaluation/report_unit.html"}
FORBIDDEN = {
    "an inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I),
    "an inline event handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "a javascript: link": re.compile(r"javascript:", re.I),
    "a style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "a <style> element": re.compile(r"<style[\s>]", re.I),
}


def page_templates() -> list[Path]:
    templates = sorted((ROOT / "hamafza").glob("**/templates/**/*.html"))
    return [path for path in templates if path.as_posix().split("/templates/", 1)[1] not in PDF_TEMPLATES]


def test_no_template_carries_inline_script_handler_or_style():
    offenders = [
        f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}: {what}"
        for path in page_templates()
        for text in [path.read_text()]
        for what, pattern in FORBIDDEN.items()
        for match in pattern.finditer(text)
    ]
    assert offenders == []


def test_the_template_scan_sees_every_kind_of_inline_code():
    # The patterns must catch what they are for, or the scan above could never fail.
    samples = {
        "an inline script": "<script>alert(1)</script>",
        "an inline event handler": '<select name="s"\n  onchange="this.form.submit()">',
        "a javascript: link": '<a href="javascript:history.back()">',
        "a style attribute": '<div class="x" style="width: 3%">',
        "a <style> element": "<style>\n.a{}</style>",
    }
    for what, sample in samples.items():
        assert FORBIDDEN[what].search(sample), what
    assert not FORBIDDEN["an inline script"].search('<script src="/static/js/x.js" defer></script>')
    assert not FORBIDDEN["an inline script"].search('<script type="application/json" id="d">')
    assert len(page_templates()) > 20


@pytest.mark.django_db
def test_pages_send_a_policy_without_inline_scripts_or_styles_and_a_referrer_policy(client):
    response = client.get("/")
    assert response.status_code == 200
    policy = dict(
        (part.split()[0], part.split()[1:]) for part in response["Content-Security-Policy"].split(";") if part.strip()
    )
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
