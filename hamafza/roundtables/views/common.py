"""What the roundtable pages share: form errors as messages, the query of a list without its page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest


def _errors(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
