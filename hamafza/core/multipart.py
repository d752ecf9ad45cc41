"""Uploaded file names as people wrote them: Persian names keep their ZWNJ.

Django's ``MultiPartParser.sanitize_file_name`` keeps only the characters for which ``str.isprintable()`` is
true. The zero-width non-joiner (U+200C, «نیم‌فاصله») is a format character (category Cf), so Python calls it
not printable and Django drops it: «صورت‌جلسه.pdf» reached every ``UploadedFile.name`` as «صورتجلسه.pdf», and
the original name we keep as data (evidence, activity attachments, stakeholder documents) lost it for good.

``KeepPersianFileNamesMiddleware`` makes each request parse its multipart body with ``PersianMultiPartParser``,
which sanitizes exactly as Django does (no path, no ``.``/``..``, no control or other invisible characters —
bidi overrides that disguise an extension stay out) but keeps ZWNJ. Names stay untrusted data: stored files
still get generated names (``hamafza.core.uploads.generated_name``) and ``original_name`` still cleans them.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import ImmutableList

# Invisible characters a Persian name needs: the zero-width non-joiner, written between the parts of one word.
KEPT_INVISIBLE = frozenset({"\u200c"})


class PersianMultiPartParser(MultiPartParser):
    def sanitize_file_name(self, file_name: str) -> str | None:
        file_name = html.unescape(file_name)
        file_name = file_name.rsplit("/")[-1]
        file_name = file_name.rsplit("\\")[-1]
        file_name = "".join(char for char in file_name if char.isprintable() or char in KEPT_INVISIBLE)
        if file_name.strip("\u200c") in {"", ".", ".."}:
            return None
        return file_name

    IE_sanitize = sanitize_file_name


def _parse_file_upload(request: HttpRequest, meta: Any, post_data: Any) -> tuple[Any, Any]:
    """``HttpRequest.parse_file_upload`` with the parser above."""
    request.upload_handlers = ImmutableList(
        request.upload_handlers,
        warning="You cannot alter upload handlers after the upload has been processed.",
    )
    parser = PersianMultiPartParser(meta, post_data, request.upload_handlers, request.encoding)
    return parser.parse()


class KeepPersianFileNamesMiddleware:
    """Parse each request's uploads with ``PersianMultiPartParser``; lazily, when POST or FILES is first read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.parse_file_upload = lambda meta, post_data: _parse_file_upload(request, meta, post_data)  # type: ignore[method-assign]
        return self.get_response(request)
