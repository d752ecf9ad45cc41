"""The multipart parser keeps a Persian name's ZWNJ and sanitizes everything else as Django does."""

from __future__ import annotations

import pytest
from django.http.multipartparser import MultiPartParser

from hamafza.core.multipart import PersianMultiPartParser


def _sanitize(name: str) -> str | None:
    return PersianMultiPartParser.sanitize_file_name(None, name)  # type: ignore[arg-type]


def test_django_alone_drops_the_zwnj():
    assert MultiPartParser.sanitize_file_name(None, "صورت\u200cجلسه.pdf") == "صورتجلسه.pdf"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("صورت\u200cجلسه.pdf", "صورت\u200cجلسه.pdf"),
        ("C:\\اسناد\\گزارش\u200cها.pdf", "گزارش\u200cها.pdf"),
        ("../../etc/passwd", "passwd"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # a bidi override disguising the extension stays out
        ("a\x00b.pdf", "ab.pdf"),
        ("..", None),
        ("\u200c", None),
        ("&#x0627;.pdf", "ا.pdf"),
    ],
)
def test_sanitize_keeps_zwnj_and_nothing_else_invisible(raw, kept):
    assert _sanitize(raw) == kept
